"""Streaming a hatch: the popup sees the model's words as they come, and
closing it stops the model."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TOKEN, AuthClient, RunningServer, read_token_file
from test_hatches_api import capture_pages

from hatchery.app import create_app

KEY = "sk-stream-secret-abcdef0123456789"
SERVER_DIR = Path(__file__).resolve().parents[1] / "server"


def parse_events(lines) -> list[tuple[str, dict]]:
    """Server-sent events from an iterable of text lines."""
    events, name, data = [], None, []
    for line in lines:
        if line == "":
            if data:
                events.append((name or "message", json.loads("\n".join(data))))
            name, data = None, []
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
    return events


def app_for(tmp_path, url, **config):
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN,
                       "LLM_URL": url, "LLM_MODEL": "fake-7b", "LLM_RETRY_BACKOFF": 0.01,
                       **config})


def stream(client, body) -> list[tuple[str, dict]]:
    response = client.post("/api/hatches/stream", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/event-stream"
    return parse_events(response.get_data(as_text=True).splitlines())


def test_a_streamed_hatch_sends_the_draft_then_the_checked_stored_hatch(tmp_path, fake_llm):  # noqa: F811
    client = AuthClient(app_for(tmp_path, fake_llm.url).test_client())
    ids = list(capture_pages(client).values())
    events = stream(client, {"page_ids": ids, "engine": "llm"})
    names = [name for name, _ in events]
    assert names[0] == "start" and names[-1] == "hatch"
    assert names.count("text") > 10 and set(names) == {"start", "text", "hatch"}
    draft = "".join(data["text"] for name, data in events if name == "text")
    assert draft.startswith("# What the sea teaches")
    result = events[-1][1]["hatch"]
    assert result["engine"] == "llm" and result["model"] == "fake-7b" and result["id"]
    assert client.get(f"/api/hatches/{result['id']}").json["hatch"]["markdown"] == result["markdown"]


def test_the_local_engine_streams_too(client):
    ids = list(capture_pages(client).values())
    events = stream(client, {"page_ids": ids})
    assert [name for name, _ in events] == ["start", "hatch"]
    assert events[-1][1]["hatch"]["engine"] == "local"


def test_a_dead_endpoint_streams_a_notice_and_the_local_hatch(tmp_path, unused_port):  # noqa: F811
    client = AuthClient(app_for(tmp_path, f"http://127.0.0.1:{unused_port}/v1",
                                LLM_RETRIES=0).test_client())
    ids = list(capture_pages(client).values())
    events = stream(client, {"page_ids": ids, "engine": "llm"})
    assert [name for name, _ in events] == ["start", "notice", "hatch"]
    assert "offline engine instead" in events[1][1]["message"]
    assert events[-1][1]["hatch"]["engine"] == "local"


def test_without_fallback_a_failure_is_an_error_event(tmp_path, fake_llm):  # noqa: F811
    fake_llm.mode = "garbage"
    client = AuthClient(app_for(tmp_path, fake_llm.url, LLM_FALLBACK=False).test_client())
    ids = list(capture_pages(client).values())
    events = stream(client, {"page_ids": ids, "engine": "llm"})
    assert events[-1][0] == "error"
    assert events[-1][1]["error"]["code"] == "llm_failed"
    assert "not chat-completion chunks" in events[-1][1]["error"]["message"]


def test_bad_requests_are_refused_before_the_stream_starts(client):
    assert client.post("/api/hatches/stream", json={"page_ids": [999]}).status_code == 404
    ids = list(capture_pages(client).values())
    unconfigured = client.post("/api/hatches/stream", json={"page_ids": ids, "engine": "llm"})
    assert unconfigured.status_code == 422 and "--llm-url" in unconfigured.json["error"]["message"]
    unknown = client.post("/api/hatches/stream", json={"page_ids": ids, "engine": "gpt"})
    assert unknown.status_code == 422


class LoggedServer(RunningServer):
    """`hatchery serve` with extra options, keeping its log to read."""

    def __init__(self, data_dir, args, env):
        super().__init__(data_dir)
        self.args, self.env, self.log = args, env, []

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hatchery.cli", "serve", "--port", "0",
             "--data-dir", str(self.data_dir), *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **self.env, "PYTHONUNBUFFERED": "1",
                 # this checkout's package, whatever `pip install` put elsewhere
                 "PYTHONPATH": os.pathsep.join(filter(None, [str(SERVER_DIR),
                                                             os.environ.get("PYTHONPATH")]))})
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (self.url and self.token):
            line = self.process.stdout.readline()
            if not line:
                break
            self.log.append(line)
            if match := re.search(r"listening on (http://\S+)", line):
                self.url = match.group(1)
            if self.url:
                self.token = read_token_file(self.data_dir)
        if not (self.url and self.token):
            self.stop()
            raise RuntimeError("server did not start:\n" + "".join(self.log))
        self._drainer = threading.Thread(target=lambda: self.log.extend(self.process.stdout),
                                         daemon=True)
        self._drainer.start()
        return self


@pytest.fixture
def llm_server(tmp_path, fake_llm):  # noqa: F811
    server = LoggedServer(tmp_path / "server-data",
                          ["--llm-url", fake_llm.url, "--llm-model", "fake-7b"],
                          {"HATCHERY_LLM_API_KEY": KEY})
    yield server.start()
    server.stop()


def capture_over_http(server) -> list[int]:
    class Poster:
        def post(self, path, json):
            response = server.request("POST", path, json=json)
            response.json = response.json()
            response.status_code = response.status_code
            return response
    return list(capture_pages(Poster()).values())


def sse_lines(response):
    for line in response.iter_lines(decode_unicode=True):
        yield line


def test_streaming_delivers_the_first_words_before_the_last_arrive(llm_server, fake_llm):
    ids = capture_over_http(llm_server)
    assert "Language model: fake-7b at http://127.0.0.1" in "".join(llm_server.log)
    fake_llm.gate = threading.Event()  # the fake holds back the second half until we look
    seen: list[tuple[str, dict]] = []
    with llm_server.request("POST", "/api/hatches/stream", stream=True,
                            json={"page_ids": ids, "engine": "llm"}) as response:
        assert response.status_code == 200
        events = parse_events_incrementally(sse_lines(response))
        for name, data in events:
            seen.append((name, data))
            if name == "text":
                break
        assert not fake_llm.completed.is_set() and "hatch" not in [n for n, _ in seen]
        fake_llm.gate.set()
        seen.extend(events)
    assert seen[-1][0] == "hatch" and seen[-1][1]["hatch"]["engine"] == "llm"
    llm_server.stop()
    assert KEY not in "".join(llm_server.log)
    assert fake_llm.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"


def test_closing_the_stream_stops_the_model_call(llm_server, fake_llm):
    ids = capture_over_http(llm_server)
    fake_llm.mode, fake_llm.chunk_delay = "endless", 0.02
    with llm_server.request("POST", "/api/hatches/stream", stream=True,
                            json={"page_ids": ids, "engine": "llm"}) as response:
        for name, _ in parse_events_incrementally(sse_lines(response)):
            if name == "text":
                break
    assert fake_llm.disconnected.wait(10), "the model kept writing after the popup closed"
    assert not fake_llm.completed.is_set()
    assert llm_server.request("GET", "/api/hatches").json()["total"] == 0


def parse_events_incrementally(lines):
    """Like parse_events, but yields each event as soon as it is complete."""
    name, data = None, []
    for line in lines:
        if line == "":
            if data:
                yield (name or "message", json.loads("\n".join(data)))
            name, data = None, []
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())


def test_an_endpoint_echoing_the_key_in_its_error_never_gets_it_logged_or_stored(llm_server,
                                                                                 fake_llm):
    ids = capture_over_http(llm_server)
    fake_llm.mode, fake_llm.status = "status", 500  # its error body repeats our Authorization
    response = llm_server.request("POST", "/api/hatches", json={"page_ids": ids, "engine": "llm"})
    assert response.status_code == 201
    result = response.json()["hatch"]
    assert result["engine"] == "local" and "answered 500" in result["notes"][0]
    assert "***" in result["notes"][0]
    assert len(fake_llm.requests) == 3  # two bounded retries
    assert all(r["headers"]["Authorization"] == f"Bearer {KEY}" for r in fake_llm.requests)
    llm_server.stop()
    log = "".join(llm_server.log)
    assert "answered 500" in log and KEY not in log
    stored = b"".join(p.read_bytes() for p in llm_server.data_dir.glob("hatchery.sqlite3*"))
    assert KEY.encode() not in stored and b"answered 500" in stored
