"""The guards every request passes: loopback Host, token, CORS origins, and
the library's session cookie with its CSRF token; and the check that keeps
the library's redirects on this server.

Any web page the user visits can send requests to 127.0.0.1, so the server
trusts nothing about a request except the token (or the library's session
and CSRF token), and answers browsers only when they speak for one of our
extensions. Browsers send a 127.0.0.1 cookie to every port, so the
library's cookie is named for this install and its session works only on
the port it was made on.
"""

from __future__ import annotations

import hmac
import re
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, request
from flask_cors import CORS
from werkzeug.exceptions import Forbidden, Unauthorized

from .config import default_data_dir
from .db import get_store
from .services.logins import SESSION_DAYS, find_session
from .services.pairing import note_extension_contact

# Routes a request may reach without the token.
PUBLIC_ENDPOINTS = frozenset({"api.meta.health", "api.pair.pair", "static"})

# The library's session cookie is COOKIE_PREFIX and 8 hex digits of the
# install's id (`cookie_name`), so two Hatchery servers on one machine never
# share one. Its CSRF token travels in a form field for the library's forms
# and in a header for its JS calls to /api.
COOKIE_PREFIX = "hatchery_"
CSRF_HEADER = "X-Hatchery-CSRF"
CSRF_FIELD = "csrf"

# Where create_app keeps the `config.TokenFile` the guard reads the token from.
TOKEN_FILE_KEY = "hatchery.token"

# What a browser ignores anywhere in a URL (the WHATWG URL parser strips
# tab, newline and carriage return), so `/\t/evil.example` means //evil.example.
URL_IGNORED = str.maketrans("", "", "\t\n\r")

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


def current_token() -> str:
    """The token a request must carry: the token file's current one, so a
    rotation takes effect at once (a fixed TOKEN in the test config)."""
    token_file = current_app.extensions.get(TOKEN_FILE_KEY)
    return token_file.current() if token_file else current_app.config["TOKEN"]


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
    if token is None and library_session_allowed():
        return
    if token is None:
        raise Unauthorized(
            "This request needs the Hatchery token: send 'Authorization: Bearer "
            "<token>'. `hatchery token` prints it.")
    expected = current_token()
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
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
    if cookie_name() not in request.cookies:
        return False
    session = current_session()
    if session is None or not same_origin():
        return False
    if csrf_ok(session, request.headers.get(CSRF_HEADER)):
        return True
    raise Forbidden(f"The library's request lacks its {CSRF_HEADER} header; reload "
                    "the page.")


def current_session() -> dict | None:
    """The request's library session (cached on `g`), or None: also None
    when the session was made on another port, or the Host header names a
    port this server does not listen on."""
    if "library_session" not in g:
        session_id = request.cookies.get(cookie_name())
        port = server_port()
        g.library_session = (find_session(get_store(), session_id, port)
                             if session_id and host_port() == port else None)
    return g.library_session


def server_port() -> int:
    """The port this server listens on (the WSGI server says)."""
    return int(request.environ["SERVER_PORT"])


def host_port() -> int:
    """The port the Host header names (80 when it names none)."""
    host = request.host
    _, colon, port = host.rpartition(":")
    if not colon or port.endswith("]") or not (port.isascii() and port.isdigit()):
        return 80
    return int(port)


def cookie_name(install_id: str | None = None) -> str:
    """The library's cookie name: this app's, or the one for `install_id`."""
    if install_id is None:
        return current_app.config["LIBRARY_COOKIE"]
    return COOKIE_PREFIX + install_id[:8]


def csrf_ok(session: dict, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(sent.encode(), session["csrf"].encode())


def same_origin() -> bool:
    """False when the browser says the request comes from another origin.

    SameSite=Strict already keeps the cookie off cross-site requests; this
    also refuses same-site but cross-origin ones (another port on 127.0.0.1)."""
    origin = request.headers.get("Origin")
    return origin is None or origin == request.host_url.rstrip("/")


def set_session_cookie(response: Response, session_id: str) -> None:
    response.set_cookie(cookie_name(), session_id, max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="Strict", path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(cookie_name(), path="/", httponly=True, samesite="Strict")


def local_path(target: str) -> str | None:
    """`target` as a browser would read it, when that is a path on this
    server; None for anything that could lead elsewhere.

    Browsers drop tabs and newlines, read `\\` as `/`, and take `//host`
    as another server; the check runs on what the browser will see.

    :param target: a redirect target from a form (`next`)
    """
    cleaned = target.translate(URL_IGNORED).replace("\\", "/")
    if not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in cleaned):
        return None
    parts = urlsplit(cleaned)
    return cleaned if not parts.scheme and not parts.netloc else None


def install(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        resources={r"/api/*": {"origins": cors_origins(app.config["EXTENSION_IDS"])}},
        allow_headers=["Authorization", "Content-Type", "Accept"],
        methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        max_age=600,
    )
