"""The library's login: a one-time code from `hatchery open`, traded for a
session with its own CSRF token.

Codes and sessions live in the database, hashed, because `hatchery open`
runs in another process than the server. A code works once, for
LOGIN_CODE_SECONDS; a session lasts SESSION_DAYS. The cookie that carries
a session is `hatchery.security`'s business.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from ..store import Store

# Long enough to switch to the browser, short enough that a link left in a
# terminal's scrollback is useless.
LOGIN_CODE_SECONDS = 120
SESSION_DAYS = 30


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _later(**delta) -> str:
    return (datetime.now(timezone.utc) + timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_login_code(store: Store) -> str:
    """A fresh one-time login code; only its hash is stored.

    :param store: where the server will look the code up
    """
    code = secrets.token_urlsafe(24)
    store.add_login_code(_hash(code), _later(seconds=LOGIN_CODE_SECONDS))
    return code


def log_in(store: Store, code: str) -> str | None:
    """Trade a login code for a new session; returns the session's id (the
    cookie's value), or None when the code is unknown, used or expired.

    :param code: the code from the login link
    """
    if not code or not store.use_login_code(_hash(code)):
        return None
    session_id = secrets.token_urlsafe(32)
    store.add_session(_hash(session_id), secrets.token_urlsafe(32), _later(days=SESSION_DAYS))
    return session_id


def find_session(store: Store, session_id: str) -> dict | None:
    """The live session with this id (its `csrf` token included), or None."""
    return store.find_session(_hash(session_id))


def log_out(store: Store, session_id: str) -> None:
    store.delete_session(_hash(session_id))
