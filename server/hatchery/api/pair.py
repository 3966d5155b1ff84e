"""POST /api/pair: the extension trades the short one-time code that
`hatchery serve` or `hatchery pair` shows for the API token (no token
needed; the loopback Host check still applies). POST /api/library-link: a
one-time link into the web library, for the popup's "Library" link.

The pairing route refuses a page's Origin before it reads the body, so a
guess sent from a web page costs no attempt.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from werkzeug.exceptions import Forbidden

from .. import security
from ..contract.pair import LibraryLinkReply, PairReply, PairRequest
from ..db import get_store
from ..services.logins import LOGIN_CODE_SECONDS, new_login_code
from ..services.pairing import pair as trade_code
from . import validate

blueprint = Blueprint("pair", __name__)


@blueprint.post("/pair")
def pair():
    # A web page could send a code it guessed as a "simple" request whose
    # answer it cannot read; refuse it before it costs an attempt.
    origin = request.headers.get("Origin")
    if origin is not None and not security.is_extension_origin(
            origin, current_app.config["EXTENSION_IDS"]):
        raise Forbidden("Only the Hatchery extension can pair with this server.")
    code = validate.body(PairRequest).code
    token = trade_code(get_store(), code, security.current_token())
    return PairReply.dump(token=token, version=current_app.config["VERSION"])


@blueprint.post("/library-link")
def library_link():
    code = new_login_code(get_store())
    return LibraryLinkReply.dump(url=f"{request.host_url.rstrip('/')}/login?code={code}",
                                 expires_in=LOGIN_CODE_SECONDS)
