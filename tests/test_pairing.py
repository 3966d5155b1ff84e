"""Pairing the extension with a short one-time code instead of a copied token."""

from __future__ import annotations

import pytest

from conftest import TOKEN
from hatchery.services.pairing import MAX_FAILURES, new_pairing_code, normalize_code
from hatchery.store import Store

EXTENSION = "chrome-extension://" + "a" * 32


@pytest.fixture
def store(app):
    store = Store(app.config["DATABASE"])
    yield store
    store.close()


def pair(client, code, **headers):
    return client.post("/api/pair", json={"code": code}, token=None,
                       headers={"Origin": EXTENSION, **headers})


def test_a_pairing_code_gives_the_extension_its_token_once(client, store):
    code = new_pairing_code(store)
    assert len(code) == 9 and code[4] == "-"
    first = pair(client, code)
    assert first.status_code == 200
    assert first.json["token"] == TOKEN
    assert first.headers["Access-Control-Allow-Origin"] == EXTENSION
    again = pair(client, code)
    assert again.status_code == 401
    assert "hatchery pair" in again.json["error"]["message"]


def test_a_code_is_stored_hashed_and_forgiving_of_how_it_is_typed(client, store):
    code = new_pairing_code(store)
    rows = store.conn.execute("SELECT code_hash FROM pairing_codes").fetchall()
    assert rows and all(code.replace("-", "") not in r[0] for r in rows)
    assert normalize_code(" abcd efgh ") == "ABCDEFGH"
    assert normalize_code("O1IL") == "0111"
    assert pair(client, code.lower().replace("-", " ")).status_code == 200


def test_an_expired_code_is_refused(client, store):
    store.add_pairing_code("x", "2000-01-01T00:00:00Z")
    code = new_pairing_code(store)
    store.conn.execute("UPDATE pairing_codes SET expires_at = '2000-01-01T00:00:00Z'")
    assert pair(client, code).status_code == 401


def test_too_many_wrong_codes_burn_every_code_and_are_refused_for_a_while(client, store):
    code = new_pairing_code(store)
    for _ in range(MAX_FAILURES):
        assert pair(client, "WRONG-CODE").status_code == 401
    refused = pair(client, code)
    assert refused.status_code == 429
    assert "wait" in refused.json["error"]["message"]
    assert store.conn.execute("SELECT COUNT(*) FROM pairing_codes").fetchone()[0] == 0


def test_a_web_page_cannot_pair_and_the_host_check_still_applies(client, store):
    code = new_pairing_code(store)
    assert pair(client, code, Origin="https://evil.example").status_code == 403
    foreign = client.post("/api/pair", json={"code": code}, token=None,
                          base_url="http://attacker.example")
    assert foreign.status_code == 403
    assert pair(client, code).status_code == 200, "the refusals cost no attempt"


def test_a_bad_pairing_body_says_what_to_send(client):
    assert client.post("/api/pair", data="x", token=None).status_code == 415
    missing = client.post("/api/pair", json={}, token=None)
    assert missing.status_code == 422
    assert "`code`" in missing.json["error"]["message"]


def test_the_extension_contact_is_remembered_for_hatchery_status(client, store):
    from hatchery.services.pairing import extension_seen_at

    assert extension_seen_at(store) is None
    client.get("/api/pages")  # no Origin: a script, not the extension
    assert extension_seen_at(store) is None
    client.get("/api/pages", headers={"Origin": EXTENSION})
    assert extension_seen_at(store) is not None


def test_the_popup_gets_a_one_time_link_into_the_library(client):
    link = client.post("/api/library-link", json={}).json["url"]
    assert link.startswith("http://127.0.0.1:8765/login?code=")
    assert client.post("/api/library-link", json={}, token=None).status_code == 401
    path = link.removeprefix("http://127.0.0.1:8765")
    assert client.raw.get(path, base_url="http://127.0.0.1:8765").status_code == 302
