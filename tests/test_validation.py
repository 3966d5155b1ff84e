"""Bad requests get a clear answer that names what to fix."""

import pytest
from conftest import make_capture


def test_malformed_json_is_a_400_that_says_so(client):
    response = client.post("/api/captures", data="{not json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["error"]["message"] == "The body is not valid JSON."


def test_a_body_that_is_not_json_is_415(client):
    response = client.post("/api/captures", data="url=x", content_type="text/plain")
    assert response.status_code == 415
    assert "application/json" in response.json["error"]["message"]


def test_a_json_array_is_a_400(client):
    response = client.post("/api/captures", json=[make_capture()])
    assert response.status_code == 400


@pytest.mark.parametrize("field, value, message", [
    ("url", None, "`url` is required."),
    ("url", "javascript:alert(1)", "`url` must be an http(s) URL."),
    ("text", None, "`text` is required."),
    ("text", "   ", "`text` must not be empty."),
    ("id", "not-a-uuid", "`id` must be a UUID made by the client."),
    ("color", "purple", "`color` must be one of yellow, green, blue, pink."),
    ("start", -4, "`start` must be at least 0."),
    ("start", "12", "`start` must be a whole number."),
    ("tags", "sea", "`tags` must be a list of strings."),
])
def test_a_wrong_or_missing_field_is_named(client, field, value, message):
    body = make_capture()
    if value is None:
        del body[field]
    else:
        body[field] = value
    response = client.post("/api/captures", json=body)
    assert response.status_code == 422
    assert response.json["error"]["message"] == message


def test_a_body_over_the_limit_is_413(client):
    huge = make_capture(html="x" * (30 * 1024 * 1024))
    response = client.post("/api/captures", json=huge)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "request_entity_too_large"


def test_the_body_limit_is_configurable(tmp_path):
    from conftest import TOKEN, AuthClient

    from hatchery.app import create_app

    small = create_app({"DATA_DIR": str(tmp_path), "TOKEN": TOKEN, "MAX_CONTENT_LENGTH": 1000})
    client = AuthClient(small.test_client())
    assert client.post("/api/captures", json=make_capture(html="x" * 2000)).status_code == 413
    assert client.post("/api/captures", json=make_capture()).status_code == 201


def test_unknown_routes_answer_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_an_internal_error_never_shows_a_stack_trace(client, monkeypatch):
    from hatchery.services import captures as capture

    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals at /home/user/db.py line 12")

    monkeypatch.setattr(capture, "save_capture", explode)
    monkeypatch.setattr("hatchery.api.captures.save_capture", explode)
    response = client.post("/api/captures", json=make_capture())
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
