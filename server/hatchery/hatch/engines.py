"""The engine registry: `hatch(..., engine=NAME)` looks the name up here.

An engine is a function `(sources, plan) -> Hatch`: the offline "local"
engine and the "llm" engine. `ENGINES` names each one's module and function,
imported on first use (by name, not by an import statement), so an engine's
optional dependencies are never needed by the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from .models import Hatch, Source
from .plan import Plan

Engine = Callable[[list[Source], Plan], Hatch]

# name -> "module:function", relative to this package.
ENGINES: dict[str, str] = {
    "local": ".local:hatch_local",
    "llm": ".llm.engine:hatch_llm",
}


def get_engine(name: str) -> Engine:
    """The engine called `name`; ValueError naming the known ones if none."""
    target = ENGINES.get(name)
    if target is None:
        known = ", ".join(ENGINES)  # registration order: the default first
        raise ValueError(f"unknown hatch engine {name!r}; known engines: {known}")
    module, _, function = target.partition(":")
    return getattr(import_module(module, __package__), function)
