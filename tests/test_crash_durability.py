"""Killing the server mid-burst loses nothing it acknowledged."""

import signal
import threading

import requests
from conftest import RunningServer, make_capture

from hatchery.store import Store

THREADS = 6
PER_THREAD = 60
KILL_AFTER_ACKS = 120


def test_every_acknowledged_capture_survives_sigkill(tmp_path):
    data = tmp_path / "data"
    server = RunningServer(data).start()
    acknowledged: list[str] = []
    unanswered: list[dict] = []
    lock = threading.Lock()
    enough = threading.Event()

    def burst(n: int) -> None:
        session = requests.Session()
        session.headers.update(server.headers())
        for i in range(PER_THREAD):
            body = make_capture(url=f"https://burst.example/{n}/{i % 4}",
                                html=f"<article><p>Paragraph {i} of writer {n}. "
                                     f"The Moon pulls the oceans toward it</p></article>")
            try:
                response = session.post(server.url + "/api/captures", json=body, timeout=10)
            except requests.RequestException:
                with lock:
                    unanswered.append(body)
                continue
            with lock:
                if response.status_code in (200, 201):
                    acknowledged.append(body["id"])
                    if len(acknowledged) >= KILL_AFTER_ACKS:
                        enough.set()
                else:
                    unanswered.append(body)

    writers = [threading.Thread(target=burst, args=(n,)) for n in range(THREADS)]
    for writer in writers:
        writer.start()
    assert enough.wait(timeout=120), "the burst never reached the kill point"
    server.stop(signal.SIGKILL)
    for writer in writers:
        writer.join(timeout=60)
    assert unanswered, "the kill should have cut the burst short"

    store = Store(data / "hatchery.sqlite3")
    assert store.integrity_check() == "ok"
    store.close()

    restarted = RunningServer(data).start()
    try:
        for highlight_id in acknowledged:
            response = restarted.request("GET", f"/api/highlights/{highlight_id}")
            assert response.status_code == 200, f"acknowledged capture {highlight_id} was lost"
        # The extension's outbox resends what got no answer: each lands once.
        for body in unanswered:
            assert restarted.request("POST", "/api/captures", json=body).status_code in (200, 201)
        for body in unanswered[:5]:
            assert restarted.request("POST", "/api/captures", json=body).status_code == 200
        pages = restarted.request("GET", "/api/pages", params={"limit": 500}).json()["pages"]
        assert sum(p["highlight_count"] for p in pages) == len(acknowledged) + len(unanswered)
    finally:
        restarted.stop()


def test_another_process_closing_the_library_never_deletes_the_servers_log(tmp_path):
    # `hatchery open`, `hatchery import` and the like open the server's
    # SQLite file from another process. Closing it, SQLite deletes the
    # write-ahead log only when no other connection holds the file: the
    # server's connections (one per thread) must still hold it then.
    server = RunningServer(tmp_path / "data").start()
    try:
        barrier = threading.Barrier(8)

        def read_pages() -> int:
            barrier.wait()
            return requests.get(server.url + "/api/pages", headers=server.headers(), timeout=10).status_code

        threads = [threading.Thread(target=read_pages) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert server.request("POST", "/api/captures", json=make_capture()).status_code in (200, 201)
        database = tmp_path / "data" / "hatchery.sqlite3"
        wal = database.with_name(database.name + "-wal")
        assert wal.exists()
        for _ in range(3):
            other = Store(database)
            other.find_session("no such session", server.port)
            other.close()
            assert wal.exists(), "another process thought it was the last and deleted the server's log"
        assert server.request("GET", "/api/pages").status_code == 200
    finally:
        server.stop()
