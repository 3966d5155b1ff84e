"""GET /api/health."""

from __future__ import annotations

from pydantic import Field

from .common import Reply
from .limits import ENGINES
from .types import one_of


class Health(Reply):
    status: str
    version: str
    engines: list[one_of(ENGINES)] = Field(  # type: ignore[valid-type]
        description="the hatch engines this server offers: `local`, and `llm` when a "
                    "language model is configured")
