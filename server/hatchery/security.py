"""The guards every request passes: loopback Host, token, CORS origins, and
the library's session cookie with its CSRF token.

Any web page the user visits can send requests to 127.0.0.1, so the server
trusts nothing about a request except the token (or the library's session
and CSRF token), and answers browsers only when they speak for one of our
extensions.
"""

from __future__ import annotations

import hmac
import re
from pathlib import Path

from flask import Flask, Response, current_app, g, request
from flask_cors import CORS
from werkzeug.exceptions import Forbidden, Unauthorized

from .config import default_data_dir
from .db import get_store
from .services.logins import SESSION_DAYS, find_session
from .services.pairing import note_extension_contact

# Routes a request may reach without the token.
PUBLIC_ENDPOINTS = frozenset({"api.meta.health", "api.pair.pair", "static"})

# The library's session cookie, and where its CSRF token travels: a form
# field for the library's forms, a header for its JS calls to /api.
COOKIE = "hatchery_session"
CSRF_HEADER = "X-Hatchery-CSRF"
CSRF_FIELD = "csrf"

# Chromium extension ids are 32 letters a-p; Firefox gives each install a UUID.
CHROME_ORIGIN = r"chrome-extension://[a-p]{32}"
FIREFOX_ORIGIN = r"moz-extension://[0-9a-fA-F-]{36}"


def cors_origins(extension_ids: list[str]) -> list[str]:
    """The origins CORS answers: the configured extension ids, or any
    extension origin when none are configured. Never `*`."""
    if extension_ids:
        return [f"chrome-extension://{i}" for i in extension_ids] + [
            f"moz-extension://{i}" for i in extension_ids]
    return [re.compile(f"^{CHROME_ORIGIN}$"), re.compile(f"^{FIREFOX_ORIGIN}$")]


def is_extension_origin(origin: str, extension_ids: list[str]) -> bool:
    """True when `origin` is one CORS answers (see `cors_origins`)."""
    return any(o == origin if isinstance(o, str) else o.match(origin)
               for o in cors_origins(extension_ids))


def host_is_allowed(host_header: str, allowed: tuple[str, ...]) -> bool:
    """True when the Host header names a loopback host (any port).

    A DNS-rebinding page reaches us under its own name; refusing every
    other name closes that door."""
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8765
        name = host.split("]")[0] + "]"
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name in allowed


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def check_request() -> None:
    """before_request: refuse foreign Host headers, then missing tokens."""
    if not host_is_allowed(request.host, current_app.config["ALLOWED_HOSTS"]):
        raise Forbidden(
            f"Host '{request.host}' is not allowed: Hatchery answers only on a "
            "loopback name such as 127.0.0.1 or localhost.")
    if request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
        return
    if not request.path.startswith("/api/"):
        return  # pages outside the API carry their own check
    token = bearer_token()
    expected = current_app.config["TOKEN"]
    if token is None and library_session_allowed():
        return
    if token is None:
        raise Unauthorized(
            "This request needs the Hatchery token: send 'Authorization: Bearer "
            "<token>'. `hatchery token` prints it.")
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise Unauthorized(
            "The token is wrong: pair again with the code `hatchery pair` shows, or paste "
            f"what `{token_command()}` prints.")
    origin = request.headers.get("Origin")
    if origin and is_extension_origin(origin, current_app.config["EXTENSION_IDS"]):
        note_extension_contact(get_store())


def token_command() -> str:
    """The command that prints this server's token (naming its data folder
    when it is not the default one)."""
    data_dir = current_app.config["DATA_DIR"]
    if Path(data_dir) == default_data_dir():
        return "hatchery token"
    return f"hatchery token --data-dir {data_dir}"


def library_session_allowed() -> bool:
    """True when the request comes from the library's own JS: the session
    cookie, the session's CSRF token in the X-Hatchery-CSRF header, and no
    foreign Origin. A cross-site page can make the browser send the cookie
    (it will not, with SameSite=Strict) but can never read or set the header."""
    if COOKIE not in request.cookies:
        return False
    session = current_session()
    if session is None or not same_origin():
        return False
    if csrf_ok(session, request.headers.get(CSRF_HEADER)):
        return True
    raise Forbidden(f"The library's request lacks its {CSRF_HEADER} header; reload "
                    "the page.")


def current_session() -> dict | None:
    """The request's library session (cached on `g`), or None."""
    if "library_session" not in g:
        session_id = request.cookies.get(COOKIE)
        g.library_session = find_session(get_store(), session_id) if session_id else None
    return g.library_session


def csrf_ok(session: dict, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(sent.encode(), session["csrf"].encode())


def same_origin() -> bool:
    """False when the browser says the request comes from another origin.

    SameSite=Strict already keeps the cookie off cross-site requests; this
    also refuses same-site but cross-origin ones (another port on 127.0.0.1)."""
    origin = request.headers.get("Origin")
    return origin is None or origin == request.host_url.rstrip("/")


def set_session_cookie(response: Response, session_id: str) -> None:
    response.set_cookie(COOKIE, session_id, max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="Strict", path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Strict")


def install(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        resources={r"/api/*": {"origins": cors_origins(app.config["EXTENSION_IDS"])}},
        allow_headers=["Authorization", "Content-Type", "Accept"],
        methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        max_age=600,
    )
