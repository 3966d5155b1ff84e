"""Any web page can reach 127.0.0.1: only the extension, with the token, gets in."""

import pytest
from conftest import make_capture

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def test_health_needs_no_token(client):
    response = client.get("/api/health", token=None)
    assert response.status_code == 200
    assert response.json["status"] == "ok"


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/pages"), ("GET", "/api/highlights?url=https://a.example/"),
    ("POST", "/api/captures"), ("GET", "/api/search?q=moon"), ("GET", "/api/openapi.json"),
])
def test_a_request_without_the_token_is_401(client, method, path):
    response = client.open(method, path, token=None, json=make_capture())
    assert response.status_code == 401
    assert "hatchery token" in response.json["error"]["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_401_and_stores_nothing(client):
    body = make_capture()
    assert client.post("/api/captures", json=body, token="guess").status_code == 401
    assert client.get(f"/api/highlights/{body['id']}").status_code == 404


def test_a_page_on_another_origin_gets_no_cors_grant(client):
    response = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.open("OPTIONS", "/api/captures", token=None, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize("origin", [EXTENSION, "moz-extension://0d5b5a3e-6b1f-4c55-9b4c-2b8a1d0c9e77"])
def test_the_extension_origin_is_granted(client, origin):
    preflight = client.open("OPTIONS", "/api/captures", token=None, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    response = client.get("/api/pages", headers={"Origin": origin})
    assert response.headers["Access-Control-Allow-Origin"] == origin


def test_cors_never_answers_star(client):
    response = client.get("/api/health", headers={"Origin": "null"})
    assert response.headers.get("Access-Control-Allow-Origin") not in ("*", "null")


def test_configured_extension_ids_narrow_the_grant(tmp_path):
    from conftest import TOKEN, AuthClient

    from hatchery.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "TOKEN": TOKEN,
                      "EXTENSION_IDS": ["abcdefghijklmnopabcdefghijklmnop"]})
    client = AuthClient(app.test_client())
    mine = client.get("/api/health", headers={"Origin": EXTENSION})
    other = client.get("/api/health", headers={"Origin": "chrome-extension://" + "b" * 32})
    assert mine.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example",
                                  "192.168.1.10:8765"])
def test_a_foreign_host_header_is_refused(client, host):
    response = client.get("/api/pages", headers={"Host": host})
    assert response.status_code == 403
    assert "loopback" in response.json["error"]["message"]
    assert client.get("/api/health", token=None, headers={"Host": host}).status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"])
def test_loopback_host_names_are_accepted(client, host):
    assert client.get("/api/pages", headers={"Host": host}).status_code == 200


def test_the_token_survives_a_restart_and_can_be_rotated(tmp_path):
    from hatchery.config import read_token

    first = read_token(tmp_path)
    assert read_token(tmp_path) == first
    assert (tmp_path / "token").stat().st_mode & 0o077 == 0
    rotated = read_token(tmp_path, rotate=True)
    assert rotated != first and read_token(tmp_path) == rotated
