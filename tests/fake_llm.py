"""A fake OpenAI-compatible chat-completions server, real HTTP on a free
127.0.0.1 port, that answers like a model that follows the prompt -- or
misbehaves on demand: slow, 429/500, garbage, truncated, uncited or
invented citations, misquotes, prose that ignores the format, endless.

Its fixtures (`fake_llm`, `unused_port`) live in conftest.py; the test in
test_llm_fake.py checks the fake itself speaks the protocol, so a failure
elsewhere is about Hatchery, not the fake.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


SOURCE = re.compile(r"^## Source (\d+): (.*)$", re.M)
ITEM = re.compile(r"^\[(\d+)\] (Highlight|Article text[^:]*): \"?(.+?)\"?$", re.M)


def good_answer(prompt: str) -> str:
    """What a model that follows the prompt writes: every sentence cited,
    a quotation copied from a highlight (its last words, which tell
    highlights apart), one section per source."""
    sections = []
    chunks = SOURCE.split(prompt)
    # chunks: preamble, number, title, body, number, title, body, ...
    for k in range(1, len(chunks), 3):
        number, title, body = int(chunks[k]), chunks[k + 1], chunks[k + 2]
        items = [(int(n), text) for n, _, text in ITEM.findall(body)]
        sections.append((number, title, items))
    all_items = [n for _, _, items in sections for n, _ in items]
    first, last = all_items[0], all_items[-1]
    out = ["# What the sea teaches", "", "## Introduction",
           f"These pages are about the sea and how to be safe in it [{first}]. "
           f"They share one lesson about preparation [{first}][{last}].", ""]
    for number, title, items in sections:
        out += [f"## Source {number}"]
        lines = []
        for n, text in items:
            words = " ".join(text.split()[-5:]).strip(" .,;:\"")
            lines.append(f'The page says "{words}" and the person kept it [{n}].')
        out += [" ".join(lines), ""]
    out += ["## Common threads", f"- Knowing the tides before going in [{first}][{last}]", "",
            "## Actionable advice", f"- Check the tide times before every swim [{last}].", "",
            "## Conclusion", f"Preparation is what the sources share [{first}][{last}].", ""]
    return "\n".join(out)


def good_json(prompt: str) -> str:
    """The same answer as `good_answer`, as a server that keeps to the
    JSON schema writes it."""
    chunks = SOURCE.split(prompt)
    sections = {}
    every = []
    for k in range(1, len(chunks), 3):
        number, body = int(chunks[k]), chunks[k + 2]
        items = [(int(n), text) for n, _, text in ITEM.findall(body)]
        every += [n for n, _ in items]
        sections[f"source_{number}"] = [
            {"text": f'The page says "{" ".join(text.split()[-5:]).strip(" .,;:")}" and the '
                     "person kept it.", "cites": [n]} for n, text in items]
    first, last = every[0], every[-1]
    return json.dumps({
        "title": "What the sea teaches",
        "introduction": [{"text": "These pages are about the sea and how to be safe in it.",
                          "cites": [first]}],
        "sections": sections,
        "threads": [{"text": "Knowing the tides before going in", "cites": [first, last]}],
        "advice": [{"text": "Check the tide times before every swim.", "cites": [last]}],
        "conclusion": [{"text": "Preparation is what the sources share.",
                        "cites": [first, last]}],
    }, indent=1)


class FakeLLM:
    """The fake server. Set `mode` (and `status`, `delay`, `fail_times`) before a request.

    Modes: ok, status (answer `status`), garbage, truncated, invent,
    uncited, misquote, prose, slow (wait `delay` before answering), endless
    (stream a word every `delay` seconds for a long time).
    """

    def __init__(self) -> None:
        self.mode = "ok"
        self.status = 500
        self.fail_times: int | None = None  # fail only the first N requests
        self.delay = 0.0
        self.chunk_delay = 0.0
        self.gate: threading.Event | None = None  # stream half, wait for it, then the rest
        self.requests: list[dict] = []  # the chat requests (POSTs), in order
        self.models: list[str] | None = None  # what GET /v1/models lists (None: 404)
        self.props: dict | None = None  # what GET /props answers (llama.cpp), if anything
        self.honour_schema = False  # answer JSON when asked for a schema
        self.refuse_schema = False  # answer 400 to a request with a schema
        self.answer_model: str | None = None  # the model name answers give (default: asked)
        self.echo: str | None = None  # answer this text instead (mode "echo": the prompt)
        self.disconnected = threading.Event()
        self.completed = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.gate is not None:
            self.gate.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- what to answer ------------------------------------------------------

    def text_for(self, body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        if self.mode == "echo":
            return self.echo if self.echo is not None else prompt
        if self.mode == "empty":
            return ""
        asked_schema = body.get("response_format") or body.get("format")
        if self.honour_schema and asked_schema and self.mode == "ok":
            return good_json(prompt)
        text = good_answer(prompt)
        if self.mode == "invent":
            text = text.replace("## Common threads",
                                "The Moon is made of green cheese [42].\n\n## Common threads")
        elif self.mode == "uncited":
            text = text.replace("## Source 1\n", "## Source 1\nThis sentence cites nothing at all. ")
        elif self.mode == "misquote":
            text = text.replace("## Conclusion", '## Conclusion\nOne page says "the ocean is a '
                                'giant bathtub of warm soup" [1].')
        elif self.mode == "prose":
            text = "Sure! Tides are caused by the Moon. Have a nice swim."
        return text

    def _failing(self) -> bool:
        if self.mode != "status":
            return False
        if self.fail_times is None:
            return True
        self.fail_times -= 1
        return self.fail_times >= 0

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def do_GET(self):
                if self.path == "/api/tags" and fake.models is not None:
                    data = {"models": [{"name": m, "model": m} for m in fake.models]}
                    self._send(200, "application/json", json.dumps(data).encode())
                elif self.path.endswith("/models") and fake.models is not None:
                    data = {"object": "list", "data": [{"id": m, "object": "model"}
                                                       for m in fake.models]}
                    self._send(200, "application/json", json.dumps(data).encode())
                elif self.path == "/props" and fake.props is not None:
                    self._send(200, "application/json", json.dumps(fake.props).encode())
                else:
                    self._send(404, "application/json", b'{"error": {"message": "no route"}}')

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                fake.requests.append({"path": self.path, "headers": dict(self.headers),
                                      "body": body})
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake._failing():
                    # Echo the Authorization header, as a careless proxy
                    # might: Hatchery must not pass it on.
                    payload = json.dumps({"error": {"message": "overloaded; you sent "
                                                    + self.headers.get("Authorization", "")}})
                    self._send(fake.status, "application/json", payload.encode(),
                               {"Retry-After": "0"})
                    return
                if fake.refuse_schema and body.get("response_format"):
                    self._send(400, "application/json",
                               b'{"error": {"message": "response_format is not supported"}}')
                    return
                if self.path == "/api/show":
                    data = {"parameters": "temperature 0.7", "model_info": {
                        "llama.context_length": 2048}}
                    self._send(200, "application/json", json.dumps(data).encode())
                    return
                if self.path == "/api/chat":
                    self._ollama(body)
                    return
                if not self.path.endswith("/chat/completions"):
                    self._send(404, "application/json", b'{"error": {"message": "no route"}}')
                    return
                if body.get("stream"):
                    self._stream(body)
                else:
                    self._json(body)

            def _send(self, status, ctype, data, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _json(self, body):
                if fake.mode == "garbage":
                    self._send(200, "application/json", b"<html>not json{")
                    return
                text = fake.text_for(body)
                reason = "stop"
                if fake.mode == "truncated":
                    text, reason = text[: len(text) // 2], "length"
                data = {"id": "x", "object": "chat.completion", "model": body["model"],
                        "choices": [{"index": 0, "finish_reason": reason,
                                     "message": {"role": "assistant", "content": text}}]}
                self._send(200, "application/json", json.dumps(data).encode())
                fake.completed.set()

            def _stream(self, body):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                if fake.mode == "garbage":
                    self.wfile.write(b"data: this is not json\n\n")
                    return
                if fake.mode == "endless":
                    words = ["word "] * 10_000
                else:
                    words = re.findall(r"\S+\s*", fake.text_for(body))
                cut = len(words) // 2
                try:
                    for i, word in enumerate(words):
                        if fake.mode == "truncated" and i == cut:
                            return  # the connection just ends: no finish_reason, no [DONE]
                        if i == cut and fake.gate is not None:
                            fake.gate.wait(10)
                        self._event({"model": fake.answer_model or body["model"],
                                     "choices": [{"index": 0, "delta": {"content": word},
                                                  "finish_reason": None}]})
                        if fake.chunk_delay:
                            time.sleep(fake.chunk_delay)
                    self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                    fake.completed.set()
                except (BrokenPipeError, ConnectionResetError):
                    fake.disconnected.set()

            def _ollama(self, body):
                """Ollama's own API: JSON lines, `done` on the last."""
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                model = fake.answer_model or body["model"]
                for word in re.findall(r"\S+\s*", fake.text_for(body)):
                    self.wfile.write(json.dumps({"model": model, "done": False, "message": {
                        "role": "assistant", "content": word}}).encode() + b"\n")
                self.wfile.write(json.dumps({"model": model, "done": True, "done_reason": "stop",
                                             "message": {"role": "assistant", "content": ""}})
                                 .encode() + b"\n")
                self.wfile.flush()
                fake.completed.set()

            def _event(self, data):
                self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")
                self.wfile.flush()

        return Handler
