"""Fitting the model server: its real context size, the notes that name the
setting that helps, and finding the servers and models on this machine."""

from __future__ import annotations

from test_llm_engine import options
from test_llm_pack import many_sources

from hatchery.hatch import hatch
from hatchery.hatch.llm.discover import ModelServer, discover, pick, probe


def test_a_llama_cpp_context_smaller_than_ours_is_packed_to_and_named(fake_llm):
    fake_llm.props = {"default_generation_settings": {"n_ctx": 2048}}
    result = hatch(many_sources(), engine="llm", options=options(fake_llm, context_tokens=8192),
                   length="medium")
    assert fake_llm.requests[0]["body"]["max_tokens"] == 1024  # half the context at most
    left_out = [n for n in result.notes if "did not fit" in n]
    assert left_out and all("2048 tokens; the model server's context size (llama-server -c"
                            in n for n in left_out)
    assert any("short for a medium hatch" in n for n in result.notes)
    assert not any("llm_context_tokens gives" in n for n in result.notes)


def test_without_a_setting_the_servers_own_context_is_used(fake_llm):
    fake_llm.props = {"default_generation_settings": {"n_ctx": 16384}}
    hatch(many_sources(), engine="llm", options=options(fake_llm))
    sent = sum(len(m["content"]) for m in fake_llm.requests[0]["body"]["messages"])
    assert sent > 4096 * 3.5  # more than the 4096-token default would have allowed


def test_the_usual_ports_are_probed_and_their_models_listed(fake_llm, unused_port):
    fake_llm.models = ["smollm2", "qwen2.5-3b"]
    port = int(fake_llm.url.rsplit(":", 1)[1].split("/")[0])
    assert probe("127.0.0.1", unused_port, "vllm") is None
    found = discover(servers=(("ollama", unused_port), ("vllm", port)))
    assert found == [ModelServer("vllm", f"http://127.0.0.1:{port}/v1", ["smollm2", "qwen2.5-3b"])]
    assert pick(found) == (f"http://127.0.0.1:{port}/v1", "smollm2")
    assert pick([]) is None


def test_ollama_is_found_on_its_own_api(fake_llm):
    fake_llm.models = ["llama3.1:8b"]
    port = int(fake_llm.url.rsplit(":", 1)[1].split("/")[0])
    server = probe("127.0.0.1", port, "ollama")
    assert server.kind == "ollama" and server.url.endswith("/api")
    assert server.models == ["llama3.1:8b"]
