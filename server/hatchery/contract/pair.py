"""POST /api/pair and POST /api/library-link: connecting the extension."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Body, Reply
from .limits import MAX_PAIRING_CODE

PairingCode = Annotated[str, Field(max_length=MAX_PAIRING_CODE,
                                   description="the code `hatchery serve` or `hatchery pair` "
                                               "shows, e.g. ABCD-EFGH")]


class PairRequest(Body):
    """The one-time code, traded for the token. An empty or wrong code is a
    401, not a malformed request: a person typed it."""

    code: PairingCode


class PairReply(Reply):
    token: str
    version: str


class LibraryLinkReply(Reply):
    url: str = Field(description="opens the web library logged in; works once")
    expires_in: int = Field(description="seconds the link works for")
