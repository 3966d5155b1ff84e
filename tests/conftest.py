"""Shared fixtures: an app on a real SQLite file, a client that carries the
token, and the real server started as a process on a free port."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from pathlib import Path

import pytest
import requests

from hatchery.app import create_app

RESOURCES = Path(__file__).parent / "resources"

# Every server a test starts records itself here, never in the person's
# own state folder (where `hatchery status` would find it).
os.environ.setdefault("HATCHERY_STATE_DIR", tempfile.mkdtemp(prefix="hatchery-test-state-"))
CHROMIUM = os.environ.get("HATCHERY_CHROMIUM", "/usr/bin/chromium")
TOKEN = "test-token-0123456789"


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN})


def settle(app) -> None:
    """Wait until the app's extraction worker has extracted every queued page."""
    from hatchery.services.extraction import worker_for

    assert worker_for(app).wait_until_settled(120), "extraction did not finish"


class AuthClient:
    """The Flask test client with the token and a loopback Host by default.

    A capture returns before its page is extracted; this client waits for
    the extraction worker after each capture (`settle=False` does not), so
    a test reads the article and contexts as a person would a moment later.
    """

    def __init__(self, client):
        self.raw = client

    def open(self, method, path, *, token=TOKEN, headers=None, settle_extraction=True,
             **kwargs):
        headers = dict(headers or {})
        if token is not None:
            headers.setdefault("Authorization", f"Bearer {token}")
        kwargs.setdefault("base_url", "http://127.0.0.1:8765")
        response = self.raw.open(path, method=method, headers=headers, **kwargs)
        if settle_extraction and method == "POST" and path.startswith("/api/captures"):
            settle(self.raw.application)
        return response

    def get(self, path, **kw):
        return self.open("GET", path, **kw)

    def post(self, path, **kw):
        return self.open("POST", path, **kw)

    def patch(self, path, **kw):
        return self.open("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.open("DELETE", path, **kw)


@pytest.fixture
def client(app):
    return AuthClient(app.test_client())


def make_capture(**fields) -> dict:
    """A capture as the extension sends it; override any field."""
    capture = {
        "id": str(uuid.uuid4()),
        "url": "https://example.org/articles/tides",
        "title": "How tides work",
        "text": "The Moon pulls the oceans toward it",
        "prefix": "Every day, ",
        "suffix": ", making a bulge.",
        "start": 120,
        "end": 155,
        "color": "yellow",
    }
    capture.update(fields)
    return capture


@pytest.fixture
def capture():
    return make_capture


def read_token_file(data_dir: Path) -> str:
    """The token `hatchery serve` created in `data_dir`, or '' before it has."""
    path = data_dir / "token"
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


# Lines of a test server's log kept to show when its test fails.
SERVER_LOG_LINES = 400


class RunningServer:
    """`hatchery serve` in a subprocess, as a user starts it."""

    def __init__(self, data_dir: Path, port: int = 0):
        self.data_dir = data_dir
        self.port = port
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.token = ""

    def start(self) -> "RunningServer":
        # Run this checkout's code, whatever else is installed.
        server_dir = str(Path(__file__).resolve().parents[1] / "server")
        env = {**os.environ, "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": os.pathsep.join(filter(None, [server_dir, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hatchery.cli", "serve", "--port", str(self.port),
             "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        deadline = time.monotonic() + 20
        lines = []
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if match := re.search(r"listening on (http://\S+)", line):
                self.url = match.group(1)
                self.port = int(self.url.rsplit(":", 1)[1])
            if self.url and not self.token:
                # The server prints a pairing code, never the token: read
                # the token file, as `hatchery token` does.
                self.token = read_token_file(self.data_dir)
            if self.url and self.token:
                self._drain()
                return self
        self.stop()
        raise RuntimeError("server did not start:\n" + "".join(lines))

    def _drain(self) -> None:
        # Keep reading the log so the server never blocks on a full pipe,
        # and keep its tail: a failing test shows it (see `server`).
        self.log: deque[str] = deque(maxlen=SERVER_LOG_LINES)
        self._drainer = threading.Thread(
            target=lambda: self.log.extend(self.process.stdout), daemon=True)
        self._drainer.start()

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def pairing_code(self) -> str:
        """A fresh one-time pairing code, as `hatchery pair` shows it."""
        from hatchery.services.pairing import new_pairing_code
        from hatchery.store import Store

        store = Store(self.data_dir / "hatchery.sqlite3")
        try:
            return new_pairing_code(store)
        finally:
            store.close()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {**self.headers(), **kwargs.pop("headers", {})}
        return requests.request(method, self.url + path, headers=headers, timeout=30, **kwargs)

    def stop(self, sig: int | None = None) -> None:
        if self.process and self.process.poll() is None:
            if sig is None:
                self.process.terminate()
            else:
                self.process.send_signal(sig)
            self.process.wait(timeout=10)
        if self.process and self.process.stdout:
            if getattr(self, "_drainer", None):
                self._drainer.join(timeout=5)
            self.process.stdout.close()


@pytest.fixture
def server(tmp_path):
    running = RunningServer(tmp_path / "server-data").start()
    yield running
    running.stop()
    # Captured, so shown only when the test failed: what the server said.
    print("server log (last lines):\n" + "".join(running.log))


def _need_browser() -> None:
    """Skip without Chromium, except under CI=true, where a browser test
    that does not run is a failure."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; browser tests must run in CI", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright_instance():
    """One Playwright for the whole run: the sync API cannot nest, so the
    extension tests and the library tests share it."""
    _need_browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the playwright package is missing", pytrace=False)
        pytest.skip("the playwright package is missing")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture
def fake_llm():
    """A fake OpenAI-compatible model on a free 127.0.0.1 port (tests/fake_llm.py)."""
    from fake_llm import FakeLLM

    fake = FakeLLM().start()
    yield fake
    fake.stop()


@pytest.fixture
def unused_port():
    """A 127.0.0.1 port nothing listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
