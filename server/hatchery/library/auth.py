"""The library's login: a one-time link from `hatchery open`, then a session
cookie (HttpOnly, SameSite=Strict) and a per-session CSRF token.

Codes and sessions live in the database, hashed, because `hatchery open`
runs in another process than the server. A code works once, for
LOGIN_CODE_SECONDS; a session lasts SESSION_DAYS.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from flask import g, request

from ..store import Store

# Long enough to switch to the browser, short enough that a link left in a
# terminal's scrollback is useless.
LOGIN_CODE_SECONDS = 120
SESSION_DAYS = 30
COOKIE = "hatchery_session"
CSRF_HEADER = "X-Hatchery-CSRF"
CSRF_FIELD = "csrf"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _later(**delta) -> str:
    return (datetime.now(timezone.utc) + timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_login_code(store: Store) -> str:
    """A fresh one-time login code; only its hash is stored."""
    code = secrets.token_urlsafe(24)
    store.add_login_code(_hash(code), _later(seconds=LOGIN_CODE_SECONDS))
    return code


def log_in(store: Store, code: str) -> str | None:
    """Trade a login code for a new session; returns the cookie value, or
    None when the code is unknown, used or expired."""
    if not code or not store.use_login_code(_hash(code)):
        return None
    session_id = secrets.token_urlsafe(32)
    store.add_session(_hash(session_id), secrets.token_urlsafe(32), _later(days=SESSION_DAYS))
    return session_id


def log_out(store: Store) -> None:
    session_id = request.cookies.get(COOKIE)
    if session_id:
        store.delete_session(_hash(session_id))


def current_session(store: Store) -> dict | None:
    """The request's library session (cached on `g`), or None."""
    if "library_session" not in g:
        session_id = request.cookies.get(COOKIE)
        g.library_session = store.find_session(_hash(session_id)) if session_id else None
    return g.library_session


def csrf_ok(session: dict, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(sent.encode(), session["csrf"].encode())


def same_origin() -> bool:
    """False when the browser says the request comes from another origin.

    SameSite=Strict already keeps the cookie off cross-site requests; this
    also refuses same-site but cross-origin ones (another port on 127.0.0.1)."""
    origin = request.headers.get("Origin")
    return origin is None or origin == request.host_url.rstrip("/")


def set_cookie(response, session_id: str) -> None:
    response.set_cookie(COOKIE, session_id, max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="Strict", path="/")
