"""A page the extractor cannot finish: the capture is answered at once, the
server keeps answering, and the page keeps its plain text, marked as timed
out. Run against a real waitress server, so a stuck extractor holding the
GIL would stop /api/health too."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from conftest import TOKEN, make_capture
from waitress.server import create_server

from hatchery.app import create_app

HEADERS = {"Authorization": f"Bearer {TOKEN}"}
# Longer than the checks made while the page is stuck need; short enough
# that the test does not wait long for the timeout.
BUDGET_SECONDS = 10
HOSTILE = ("<html><body><article><h1>Harbour notes</h1><p>The tide came in at noon "
           "and the boats rose with it.</p><!-- a comment --><script>var x = 1;</script>"
           "<p>Fishermen &amp; sailors waited.</p></article></body></html>")


@pytest.fixture
def live(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN,
                      "EXTRACTOR": _forever(), "EXTRACTION_SECONDS": BUDGET_SECONDS})
    # poll, not select: closing the server from this thread while its loop
    # waits would make select() fail on the closed socket (EBADF); poll
    # reports it as closed.
    server = create_server(app, host="127.0.0.1", port=0, threads=4,
                           asyncore_use_poll=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


def _forever():
    from slow_extractor import forever

    return forever


def _page(base: str, page_id: int) -> dict:
    response = requests.get(f"{base}/api/pages/{page_id}", headers=HEADERS, timeout=60)
    assert response.status_code == 200
    return response.json()["page"]


def _wait_for_state(base: str, page_id: int, state: str) -> dict:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        page = _page(base, page_id)
        if page["extraction"] != "pending":
            break
        time.sleep(0.2)
    assert page["extraction"] == state
    return page


def test_a_page_the_extractor_cannot_finish_does_not_hold_anything_up(live):
    body = make_capture(url="https://hostile.example/harbour", html=HOSTILE)
    answer = requests.post(f"{live}/api/captures", json=body, headers=HEADERS, timeout=60)
    assert answer.status_code == 201
    page_id = answer.json()["highlight"]["page_id"]

    # The extractor is still stuck, and everything else keeps working.
    assert requests.get(f"{live}/api/health", timeout=60).status_code == 200
    other = requests.post(f"{live}/api/captures", headers=HEADERS, timeout=60,
                          json=make_capture(url="https://calm.example/"))
    assert other.status_code == 201
    assert _page(live, page_id)["extraction"] == "pending"

    page = _wait_for_state(live, page_id, "timed_out")
    assert "The tide came in at noon and the boats rose with it." in page["article_text"]
    assert "Fishermen & sailors waited." in page["article_text"]
    assert "var x" not in page["article_text"] and "a comment" not in page["article_text"]
    assert page["highlights"][0]["id"] == body["id"]

    later = make_capture(url="https://hostile.example/harbour", text="boats rose")
    again = requests.post(f"{live}/api/captures", json=later, headers=HEADERS, timeout=60)
    assert again.status_code == 201
    assert {h["id"] for h in _page(live, page_id)["highlights"]} == {body["id"], later["id"]}


def test_the_library_says_when_a_page_timed_out(app, client):
    from hatchery.db import get_store
    from hatchery.services.logins import new_login_code

    body = make_capture(url="https://hostile.example/slow")
    page_id = client.post("/api/captures", json=body).json["highlight"]["page_id"]
    with app.app_context():
        # What the worker writes when a page runs over its budget.
        store = get_store()
        store.add_capture(body["url"], "", _record(), html="<p>Plain words only.</p>",
                          html_hash="h1")
        job = store.next_extraction()
        store.finish_extraction(job, state="timed_out", article=None, text="Plain words only.")
        code = new_login_code(store)
    browser = app.test_client()
    browser.get(f"/login?code={code}", base_url="http://127.0.0.1:8765")
    html = browser.get(f"/pages/{page_id}", base_url="http://127.0.0.1:8765").get_data(
        as_text=True)
    assert "Extraction timed out" in html


def _record():
    import uuid

    from hatchery.store import HighlightRecord

    return HighlightRecord(id=str(uuid.uuid4()), exact="Plain words")


def test_a_thirty_megabyte_page_over_its_budget_keeps_its_plain_text(tmp_path):
    from hatchery.services.extraction import ExtractionWorker
    from hatchery.store import TIMED_OUT, Store

    paragraph = ("<p>This paragraph is ordinary article prose, long enough to be"
                 " scored as content by the extractor.</p>")
    script = "<script>var x = '" + "a" * 1_000_000 + "';</script>"
    html = ("<html><body><article>" + paragraph * 20 + "</article>"
            + script * 30 + "<div>" + paragraph * 5000 + "</div></body></html>")
    assert len(html) > 30_000_000
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    store.add_capture("https://huge.example/", "Huge", _record(), html=html, html_hash="h1")

    # The real extractor, in its child process, cannot get through 30 MB in
    # a millisecond: the worker stops it and keeps the page's plain text.
    worker = ExtractionWorker(str(store.path), budget=0.001)
    worker.wake()
    assert worker.wait_until_settled(600)
    page = store.page_by_url("https://huge.example/")
    assert page["extraction"] == TIMED_OUT and page["article"] is None
    assert page["article_text"].startswith("This paragraph is ordinary article prose")
    assert "var x" not in page["article_text"]
