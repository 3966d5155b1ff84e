"""The guards every request passes: loopback Host, token, CORS origins.

Any web page the user visits can send requests to 127.0.0.1, so the server
trusts nothing about a request except the token, and answers browsers only
when they speak for one of our extensions.
"""

from __future__ import annotations

import hmac
import re

from flask import Flask, current_app, request
from flask_cors import CORS
from werkzeug.exceptions import Forbidden, Unauthorized

# Routes a request may reach without the token.
PUBLIC_ENDPOINTS = frozenset({"api.meta.health", "static"})

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
        raise Unauthorized("The token is wrong: `hatchery token` prints the right one.")


def library_session_allowed() -> bool:
    """True when the request comes from the library's own JS: the session
    cookie, the session's CSRF token in the X-Hatchery-CSRF header, and no
    foreign Origin. A cross-site page can make the browser send the cookie
    (it will not, with SameSite=Strict) but can never read or set the header."""
    from .db import get_store
    from .library import auth

    if auth.COOKIE not in request.cookies:
        return False
    session = auth.current_session(get_store())
    if session is None or not auth.same_origin():
        return False
    if auth.csrf_ok(session, request.headers.get(auth.CSRF_HEADER)):
        return True
    raise Forbidden(f"The library's request lacks its {auth.CSRF_HEADER} header; reload "
                    "the page.")


def install(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        resources={r"/api/*": {"origins": cors_origins(app.config["EXTENSION_IDS"])}},
        allow_headers=["Authorization", "Content-Type", "Accept"],
        methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        max_age=600,
    )
