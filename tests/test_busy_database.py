"""When another writer (a large import in its own process) holds the
database longer than a capture may wait, the capture is answered 503 with
Retry-After, nothing half-written, and the same capture sent again once the
writer is done is stored: the extension's outbox resends it on its own."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import TOKEN, AuthClient, make_capture

from hatchery.app import create_app
from hatchery.store import base


@pytest.fixture
def impatient_client(tmp_path, monkeypatch):
    # A capture waits 50 ms for the write lock instead of five seconds.
    monkeypatch.setattr(base, "BUSY_TIMEOUT_MS", 50)
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN})
    return AuthClient(app.test_client()), tmp_path / "data" / "hatchery.sqlite3"


def test_a_capture_while_another_process_holds_the_write_lock_is_a_retryable_503(
        impatient_client):
    client, database = impatient_client
    other_writer = sqlite3.connect(database, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    capture = make_capture()
    try:
        answer = client.post("/api/captures", json=capture, settle_extraction=False)
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "2"
        assert answer.get_json()["error"]["code"] == "busy"
        assert "send it again" in answer.get_json()["error"]["message"]
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert client.get("/api/pages").get_json()["total"] == 0

    again = client.post("/api/captures", json=capture)
    assert again.status_code == 201
    assert client.get("/api/pages").get_json()["total"] == 1
