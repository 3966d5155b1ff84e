"""A large import does not lock captures out: against a real server, with
`hatchery import` writing tens of thousands of highlights from another
process, every capture sent meanwhile is stored (no 500, no lock error; on a machine
so loaded that the import holds the lock past a capture's wait, a 503 with
Retry-After that the resend turns into a stored capture)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from conftest import make_capture

SERVER_DIR = str(Path(__file__).resolve().parents[1] / "server")
# Large enough that one transaction for the whole file held SQLite's write
# lock for longer than a capture waits for it (BUSY_TIMEOUT_MS).
PAGES, HIGHLIGHTS_PER_PAGE, ARTICLE_WORDS = 2000, 20, 1500


def _large_export(path: Path) -> None:
    pages = [{"id": p + 1, "url": f"https://import.example/{p}", "title": f"Page {p}",
              "article_text": f"harbour {p} " * ARTICLE_WORDS,
              "highlights": [{"id": str(uuid.uuid4()), "exact": f"quote {p} {h}",
                              "tags": [f"t{h % 5}"], "created_at": "2024-01-01T00:00:00Z"}
                             for h in range(HIGHLIGHTS_PER_PAGE)]}
             for p in range(PAGES)]
    path.write_text(json.dumps({"format": "hatchery", "version": 1, "pages": pages,
                                "hatches": []}), encoding="utf-8")


def test_captures_sent_during_a_large_import_are_all_stored(server, tmp_path):
    export = tmp_path / "large.json"
    _large_export(export)
    env = {**os.environ, "PYTHONPATH": SERVER_DIR}
    importing = subprocess.Popen(
        [sys.executable, "-m", "hatchery.cli", "import", str(export),
         "--data-dir", str(server.data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    answers: list[int] = []
    errors: list[str] = []

    def keep_capturing():
        while importing.poll() is None:
            capture = make_capture(url=f"https://reading.example/{len(answers)}")
            response = server.request("POST", "/api/captures", json=capture)
            # A busy database answers 503 with Retry-After, and the outbox
            # sends the same capture again; anything else is an error.
            while response.status_code == 503:
                time.sleep(float(response.headers["Retry-After"]))
                response = server.request("POST", "/api/captures", json=capture)
            answers.append(response.status_code)
            if response.status_code != 201:
                errors.append(response.text)

    capturing = threading.Thread(target=keep_capturing)
    capturing.start()
    out, err = importing.communicate(timeout=900)
    capturing.join(timeout=120)
    assert importing.returncode == 0, err
    assert f"{PAGES * HIGHLIGHTS_PER_PAGE} new highlights" in out
    assert answers, "no capture was sent during the import"
    assert errors == []
    total = server.request("GET", "/api/pages?limit=1").json()["total"]
    assert total == PAGES + len(answers)
