"""The library's session belongs to one server: browsers send a 127.0.0.1
cookie to every port, so the cookie is named for the install, the session
works only on the port it was made on, and nothing in the database file
would let a reader forge a request. Redirects after a form stay on this
server, however a page spells `next`."""

from __future__ import annotations

import re

import pytest
from library_data import HIGHLIGHT_IDS, fill

from hatchery.app import create_app
from hatchery.security import COOKIE_PREFIX, CSRF_HEADER
from hatchery.services.logins import new_login_code
from hatchery.store import Store

PORT_X, PORT_Y = 8765, 9876


def base(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def make_app(data_dir):
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": "t0ken"})


def log_in(app, port: int):
    """A client logged in to `app` as served on `port`, and its cookie's value."""
    store = Store(app.config["DATABASE"])
    try:
        code = new_login_code(store)
    finally:
        store.close()
    client = app.test_client()
    response = client.get(f"/login?code={code}", base_url=base(port))
    assert response.status_code == 302
    cookie = client.get_cookie(app.config["LIBRARY_COOKIE"], domain="127.0.0.1")
    return client, cookie.value


def library(client, port: int, **kw):
    return client.get("/", base_url=base(port), **kw)


def test_the_cookie_is_named_for_this_install(tmp_path):
    first, second = make_app(tmp_path / "a"), make_app(tmp_path / "b")
    names = {first.config["LIBRARY_COOKIE"], second.config["LIBRARY_COOKIE"]}
    assert len(names) == 2
    assert all(re.fullmatch(f"{COOKIE_PREFIX}[0-9a-f]{{8}}", name) for name in names)
    assert make_app(tmp_path / "a").config["LIBRARY_COOKIE"] == first.config["LIBRARY_COOKIE"]


def test_a_session_works_on_the_port_it_was_made_on(tmp_path):
    app = make_app(tmp_path / "data")
    client, _ = log_in(app, PORT_X)
    assert library(client, PORT_X).status_code == 200


def test_a_session_for_server_a_is_refused_by_server_b_on_another_port(tmp_path):
    """Server B reads the same data folder (the same install, so the same
    cookie name) but listens on port Y: A's session is not B's."""
    server_a = make_app(tmp_path / "data")
    client, session_id = log_in(server_a, PORT_X)
    server_b = make_app(tmp_path / "data")
    assert server_b.config["LIBRARY_COOKIE"] == server_a.config["LIBRARY_COOKIE"]
    stolen = server_b.test_client()
    stolen.set_cookie(server_b.config["LIBRARY_COOKIE"], session_id, domain="127.0.0.1")
    assert library(stolen, PORT_Y).status_code == 401
    assert library(stolen, PORT_X).status_code == 200  # the same cookie, on its own port


def test_a_session_is_refused_when_the_host_names_another_port(tmp_path):
    app = make_app(tmp_path / "data")
    client, _ = log_in(app, PORT_X)
    # The server listens on X, the browser says it asked for Y.
    response = library(client, PORT_X, headers={"Host": f"127.0.0.1:{PORT_Y}"})
    assert response.status_code == 401
    api = client.get("/api/pages", base_url=base(PORT_X),
                     headers={"Host": f"127.0.0.1:{PORT_Y}", CSRF_HEADER: "x"})
    assert api.status_code == 401


def test_the_database_holds_no_csrf_token_and_no_session_id(tmp_path):
    app = make_app(tmp_path / "data")
    client, session_id = log_in(app, PORT_X)
    html = library(client, PORT_X).get_data(as_text=True)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    raw = (tmp_path / "data" / "hatchery.sqlite3").read_bytes()
    wal = tmp_path / "data" / "hatchery.sqlite3-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    assert csrf.encode() not in raw and session_id.encode() not in raw
    # ...and the token still does its job.
    response = client.get("/api/pages", base_url=base(PORT_X), headers={CSRF_HEADER: csrf})
    assert response.status_code == 200


@pytest.fixture
def logged_in(tmp_path):
    app = make_app(tmp_path / "data")
    store = Store(app.config["DATABASE"])
    fill(store)
    store.close()
    client, _ = log_in(app, PORT_X)
    html = library(client, PORT_X).get_data(as_text=True)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    return client, csrf


HOSTILE_NEXT = ["/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example/",
                "/\\evil.example/", "\\/evil.example/", "//evil.example/", "\t//evil.example/",
                " //evil.example/", "https://evil.example/", "javascript:alert(1)",
                "/\t\\evil.example", "evil.example", "/\x00/evil.example"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_a_hostile_next_never_leaves_the_server(logged_in, target):
    client, csrf = logged_in
    response = client.post(f"/highlights/{HIGHLIGHT_IDS['moon']}", base_url=base(PORT_X),
                           data={"csrf": csrf, "color": "green", "next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil.example" not in location and "javascript" not in location


def test_a_plain_next_is_followed(logged_in):
    client, csrf = logged_in
    response = client.post(f"/highlights/{HIGHLIGHT_IDS['moon']}", base_url=base(PORT_X),
                           data={"csrf": csrf, "color": "green", "next": "/search?q=tide#h"})
    assert response.headers["Location"].startswith("/search?q=tide")
