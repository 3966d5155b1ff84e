"""The library's login: a one-time code from `hatchery open`, traded for a
session with its own CSRF token.

Codes and sessions live in the database, hashed, because `hatchery open`
runs in another process than the server. A code works once, for
LOGIN_CODE_SECONDS; a session lasts SESSION_DAYS. A session is made for
one server port and works only there: browsers send a 127.0.0.1 cookie to
every port. Its CSRF token is derived from the cookie's value, so the
database holds nothing a reader of the file could use. The cookie that
carries a session is `hatchery.security`'s business.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from ..store import Store

# Long enough to switch to the browser, short enough that a link left in a
# terminal's scrollback is useless.
LOGIN_CODE_SECONDS = 120
SESSION_DAYS = 30
# What the CSRF token is an HMAC of, keyed with the session's secret id.
CSRF_LABEL = b"hatchery library csrf"


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


def log_in(store: Store, code: str, port: int) -> str | None:
    """Trade a login code for a new session; returns the session's id (the
    cookie's value), or None when the code is unknown, used or expired.

    :param code: the code from the login link
    :param port: the port of the server making the session; it works there only
    """
    if not code or not store.use_login_code(_hash(code)):
        return None
    session_id = secrets.token_urlsafe(32)
    store.add_session(_hash(session_id), port, _later(days=SESSION_DAYS))
    return session_id


def find_session(store: Store, session_id: str, port: int) -> dict | None:
    """The live session with this id made for this port, with its `csrf`
    token, or None.

    :param port: the port of the server asking
    """
    session = store.find_session(_hash(session_id), port)
    if session is not None:
        session["csrf"] = hmac.new(session_id.encode("utf-8"), CSRF_LABEL,
                                   hashlib.sha256).hexdigest()
    return session


def log_out(store: Store, session_id: str) -> None:
    store.delete_session(_hash(session_id))
