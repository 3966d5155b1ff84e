"""GET /api/health."""

from __future__ import annotations

from pydantic import Field

from .common import Reply
from .hatches import Engine


class Health(Reply):
    status: str
    version: str
    engines: list[Engine] = Field(
        description="the hatch engines this server offers: `local`, and `llm` when a "
                    "language model is configured")
    llm_model: str | None = Field(
        None, description="the model the `llm` engine asks (its name as the model server "
                          "lists it), for the popup's engine picker; null without one")
