"""Hatching with a language model through the API: what the popup gets."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import TOKEN, AuthClient
from test_hatches_api import capture_pages

from hatchery.app import create_app

KEY = "sk-api-secret-0123456789abcdef"


@pytest.fixture
def llm_app(tmp_path, fake_llm, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HATCHERY_LLM_API_KEY", KEY)
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN,
                       "LLM_URL": fake_llm.url, "LLM_MODEL": "fake-7b",
                       "LLM_RETRY_BACKOFF": 0.01})


@pytest.fixture
def llm_client(llm_app):
    return AuthClient(llm_app.test_client())


def hatch(client, ids, **body):
    return client.post("/api/hatches", json={"page_ids": ids, "engine": "llm", **body})


def test_health_tells_the_popup_which_engines_there_are(client, llm_client):
    assert client.get("/api/health", token=None).json["engines"] == ["local"]
    assert llm_client.get("/api/health", token=None).json["engines"] == ["local", "llm"]


def test_health_names_the_model_for_the_engine_picker(client, llm_client):
    assert client.get("/api/health", token=None).json["llm_model"] is None
    assert llm_client.get("/api/health", token=None).json["llm_model"] == "fake-7b"


def test_a_configured_model_hatches_pages_with_every_sentence_cited(llm_app, llm_client, fake_llm,
                                                                    caplog):
    caplog.set_level(logging.DEBUG)
    client = llm_client
    ids = list(capture_pages(client).values())
    response = hatch(client, ids, length="medium")
    assert response.status_code == 201, response.json
    result = response.json["hatch"]
    assert result["engine"] == "llm" and result["model"] == "fake-7b"
    assert result["prompt_version"] and result["length"] == "medium"
    assert [s["source_id"] for s in result["sections"]] == ids
    numbers = {c["n"] for c in result["citations"]}
    for part in ("introduction", "advice", "conclusion"):
        for sentence in result[part]:
            assert sentence["cites"] and set(sentence["cites"]) <= numbers
    body = result["markdown"].split("## Sources")[0]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} <= numbers
    # The history keeps engine, model and prompt version; never the key.
    again = client.get(f"/api/hatches/{result['id']}").json["hatch"]
    assert (again["engine"], again["model"], again["prompt_version"]) == \
        ("llm", "fake-7b", result["prompt_version"])
    assert client.get("/api/hatches").json["hatches"][0]["engine"] == "llm"
    assert fake_llm.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    database = Path(llm_app.config["DATABASE"])
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert KEY.encode() not in stored
    assert KEY not in caplog.text and KEY not in str(again)


def test_the_llm_engine_without_a_model_is_a_clear_422(client):
    ids = list(capture_pages(client).values())
    response = client.post("/api/hatches", json={"page_ids": ids, "engine": "llm"})
    assert response.status_code == 422
    assert "--llm-url" in response.json["error"]["message"]


def test_a_dead_endpoint_falls_back_to_the_local_engine_with_a_notice(tmp_path, unused_port):  # noqa: F811
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "d"), "TOKEN": TOKEN,
                      "LLM_URL": f"http://127.0.0.1:{unused_port}/v1", "LLM_MODEL": "m",
                      "LLM_RETRIES": 0})
    client = AuthClient(app.test_client())
    ids = list(capture_pages(client).values())
    response = hatch(client, ids)
    assert response.status_code == 201
    result = response.json["hatch"]
    assert result["engine"] == "local" and result["sections"]
    assert "Could not reach the language model" in result["notes"][0]
    assert "## Notes" in result["markdown"]


def test_without_fallback_a_failing_model_is_a_502_that_says_why(tmp_path, fake_llm):  # noqa: F811
    fake_llm.mode, fake_llm.status = "status", 503
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "d"), "TOKEN": TOKEN,
                      "LLM_URL": fake_llm.url, "LLM_MODEL": "m", "LLM_FALLBACK": False,
                      "LLM_RETRIES": 1, "LLM_RETRY_BACKOFF": 0.01})
    client = AuthClient(app.test_client())
    ids = list(capture_pages(client).values())
    response = hatch(client, ids)
    assert response.status_code == 502
    assert response.json["error"]["code"] == "llm_failed"
    assert "answered 503" in response.json["error"]["message"]
    assert len(fake_llm.requests) == 2
    assert client.get("/api/hatches").json["total"] == 0


def test_a_model_inventing_a_citation_loses_that_sentence(llm_client, fake_llm):
    fake_llm.mode = "invent"
    client = llm_client
    ids = list(capture_pages(client).values())
    result = hatch(client, ids).json["hatch"]
    assert "green cheese" not in result["markdown"].split("## Notes")[0]
    assert any("[42]" in n for n in result["notes"])


def test_the_model_can_be_set_in_the_data_folders_config_file(tmp_path, monkeypatch, fake_llm):  # noqa: F811
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text(
        f'llm_url = "{fake_llm.url}"\nllm_model = "fake-7b"\nllm_context_tokens = 8192\n'
        'llm_fallback = false\n', encoding="utf-8")
    monkeypatch.setenv("HATCHERY_DATA_DIR", str(data))
    app = create_app()
    assert app.config["LLM_CONTEXT_TOKENS"] == 8192 and app.config["LLM_FALLBACK"] is False
    client = AuthClient(app.test_client())
    token = app.config["TOKEN"]
    assert client.get("/api/health", token=None).json["engines"] == ["local", "llm"]
    ids = list(capture_pages(_Tokened(client, token)).values())
    result = client.post("/api/hatches", json={"page_ids": ids, "engine": "llm"},
                         token=token).json["hatch"]
    assert result["engine"] == "llm"


def test_serve_wants_both_the_url_and_the_model(tmp_path):
    from click.testing import CliRunner

    from hatchery.cli import main as cli

    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path),
                                      "--llm-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code != 0 and "--llm-model" in result.output
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--llm-url",
                                      "ftp://x", "--llm-model", "m"])
    assert result.exit_code != 0 and "http(s) URL" in result.output


class _Tokened:
    def __init__(self, client, token):
        self.client, self.token = client, token

    def post(self, path, **kw):
        return self.client.post(path, token=self.token, **kw)


def test_an_api_key_in_the_config_file_is_refused_with_the_way_to_do_it(tmp_path):
    from hatchery.hatch.llm import options_from_config

    with pytest.raises(ValueError, match="HATCHERY_LLM_API_KEY"):
        options_from_config({"LLM_URL": "http://127.0.0.1:1/v1", "LLM_MODEL": "m",
                             "LLM_API_KEY": "sk-oops"})
