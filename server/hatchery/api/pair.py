"""POST /api/pair: the extension trades the short one-time code that
`hatchery serve` or `hatchery pair` shows for the API token (no token
needed; the loopback Host check still applies). POST /api/library-link: a
one-time link into the web library, for the popup's "Library" link.

The pairing route validates its own small body, here, so it stands apart
from the API's shared request models.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from werkzeug.exceptions import BadRequest, Forbidden, UnsupportedMediaType

from .. import security
from ..db import get_store
from ..services.logins import LOGIN_CODE_SECONDS, new_login_code
from ..services.pairing import pair as trade_code

blueprint = Blueprint("pair", __name__)

# Longer than any code with dashes and spaces; anything longer is not one.
MAX_CODE_CHARS = 32


def _pairing_code() -> str:
    """The `code` of the request's JSON body, or 400/415 saying what is wrong."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'.")
    body = request.get_json(silent=True)
    code = body.get("code") if isinstance(body, dict) else None
    # An empty code is merely a wrong one (401), not a malformed request.
    if not isinstance(code, str) or len(code) > MAX_CODE_CHARS:
        raise BadRequest("Send {\"code\": \"ABCD-EFGH\"}: the pairing code `hatchery serve` "
                         "or `hatchery pair` shows.")
    return code


@blueprint.post("/pair")
def pair():
    # A web page could send a code it guessed as a "simple" request whose
    # answer it cannot read; refuse it before it costs an attempt.
    origin = request.headers.get("Origin")
    if origin is not None and not security.is_extension_origin(
            origin, current_app.config["EXTENSION_IDS"]):
        raise Forbidden("Only the Hatchery extension can pair with this server.")
    token = trade_code(get_store(), _pairing_code(), current_app.config["TOKEN"])
    return {"token": token, "version": current_app.config["VERSION"]}


@blueprint.post("/library-link")
def library_link():
    code = new_login_code(get_store())
    return {"url": f"{request.host_url.rstrip('/')}/login?code={code}",
            "expires_in": LOGIN_CODE_SECONDS}
