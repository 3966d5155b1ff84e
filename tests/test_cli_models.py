"""Finding the model the person has: `hatchery models`, `serve --llm auto`,
a configured model the server does not list, and `hatch --engine llm`
reading the same flags as the server. The usual ports are pointed at the
fake model server (and at a port nothing answers on), so no model server
of this machine takes part."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hatchery.cli import main
from hatchery.config import DATABASE_FILE
from hatchery.hatch.llm import discover
from hatchery.store import Store
from library_data import fill


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder of this test's own, and a default data folder nobody uses."""
    monkeypatch.setenv("HATCHERY_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("HATCHERY_DATA_DIR", str(tmp_path / "default-data"))


def port_of(fake) -> int:
    return int(fake.url.rsplit(":", 1)[1].split("/")[0])


@pytest.fixture
def usual_ports(monkeypatch, fake_llm, unused_port):
    """Ollama's usual port silent, vLLM's answered by the fake server."""
    monkeypatch.setattr(discover, "KNOWN_SERVERS",
                        (("ollama", unused_port), ("vllm", port_of(fake_llm))))
    return fake_llm


@pytest.fixture
def no_ports(monkeypatch, unused_port):
    monkeypatch.setattr(discover, "KNOWN_SERVERS", (("ollama", unused_port),
                                                    ("vllm", unused_port)))


@pytest.fixture
def served(monkeypatch):
    """`serve` runs up to its loop and returns; what create_app got is kept."""
    import hatchery.app
    from hatchery.cli import serve

    seen = {}
    real_create_app = hatchery.app.create_app

    def create_app(config):
        seen.update(config)
        return real_create_app(config)

    monkeypatch.setattr(hatchery.app, "create_app", create_app)
    monkeypatch.setattr(serve, "_run", lambda server: server.close())
    return seen


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_models_lists_each_answering_server_on_one_line(usual_ports):
    usual_ports.models = ["smollm2", "qwen2.5-3b"]
    result = run("models")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"vllm at {usual_ports.url}: smollm2, qwen2.5-3b"]
    assert "--llm auto" in result.stderr


def test_models_as_json(usual_ports):
    usual_ports.models = ["smollm2"]
    result = run("models", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"kind": "vllm", "url": usual_ports.url,
                                          "models": ["smollm2"]}]


def test_models_with_none_answering_says_how_to_get_one(no_ports):
    result = run("models")
    assert result.exit_code == 0
    assert "No model server answers on the usual ports (Ollama 11434" in result.stdout
    assert json.loads(run("models", "--json").stdout) == []


def test_serve_llm_auto_picks_the_first_model_and_says_which(state, tmp_path, usual_ports,
                                                             served):
    usual_ports.models = ["qwen2.5-3b", "smollm2"]
    result = run("serve", "--port", "0", "--data-dir", str(tmp_path / "data"), "--llm", "auto")
    assert result.exit_code == 0, result.output
    assert f"--llm auto: picked qwen2.5-3b at {usual_ports.url} (vllm)" in result.stderr
    assert "Language model: qwen2.5-3b at" in result.stdout
    assert (served["LLM_URL"], served["LLM_MODEL"]) == (usual_ports.url, "qwen2.5-3b")


def test_serve_llm_auto_with_nothing_found_starts_with_the_local_engine(state, tmp_path,
                                                                        no_ports, served):
    result = run("serve", "--port", "0", "--data-dir", str(tmp_path / "data"), "--llm", "auto")
    assert result.exit_code == 0, result.output
    found = [line for line in result.stderr.splitlines() if line.startswith("--llm auto")]
    assert len(found) == 1 and "offline engine only" in found[0] and "--llm-url" in found[0]
    assert "Hatchery is listening on" in result.stdout
    assert "Language model" not in result.stdout and "LLM_URL" not in served


def test_serve_llm_auto_with_an_explicit_model_is_a_usage_error(state, tmp_path, no_ports):
    result = run("serve", "--llm", "auto", "--llm-model", "x", "--data-dir", str(tmp_path))
    assert result.exit_code == 2 and "either --llm auto or --llm-url" in result.output


def test_a_configured_model_the_server_does_not_list_stops_the_start(state, tmp_path, fake_llm,
                                                                    served):
    fake_llm.models = ["smollm2", "qwen2.5-3b"]
    result = run("serve", "--port", "0", "--data-dir", str(tmp_path / "data"),
                 "--llm-url", fake_llm.url, "--llm-model", "no-such-model:70b")
    assert result.exit_code == 1 and not served
    assert len(result.stderr.strip().splitlines()) == 1
    assert "'no-such-model:70b'; it lists smollm2, qwen2.5-3b" in result.stderr


def test_a_model_the_server_lists_starts(state, tmp_path, fake_llm, served):
    fake_llm.models = ["smollm2"]
    result = run("serve", "--port", "0", "--data-dir", str(tmp_path / "data"),
                 "--llm-url", fake_llm.url, "--llm-model", "smollm2")
    assert result.exit_code == 0, result.output
    assert served["LLM_MODEL"] == "smollm2"


@pytest.fixture
def library(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = Store(data_dir / DATABASE_FILE)
    store.migrate()
    hatch = fill(store)
    store.close()
    return data_dir, hatch["page_ids"]


def test_hatch_with_llm_and_no_model_says_which_flags_work(state, library):
    data_dir, page_ids = library
    result = run("hatch", "--pages", str(page_ids[0]), "--engine", "llm",
                 "--data-dir", str(data_dir))
    assert result.exit_code == 1
    assert "pass --llm-url URL --llm-model NAME (or --llm auto) to this command" in result.stderr
    assert str(data_dir / "config.toml") in result.stderr


def test_hatch_takes_the_same_llm_flags_as_serve(state, library, fake_llm):
    data_dir, page_ids = library
    result = run("hatch", "--pages", str(page_ids[0]), "--engine", "llm", "--data-dir",
                 str(data_dir), "--llm-url", fake_llm.url, "--llm-model", "fake-7b")
    assert result.exit_code == 0, result.output
    assert fake_llm.requests and fake_llm.requests[0]["body"]["model"] == "fake-7b"
    assert result.stdout.startswith("# ")


def test_hatch_reads_the_model_from_config_toml(state, library, fake_llm):
    data_dir, page_ids = library
    (data_dir / "config.toml").write_text(f'llm_url = "{fake_llm.url}"\nllm_model = "fake-7b"\n')
    result = run("hatch", "--pages", str(page_ids[0]), "--engine", "llm",
                 "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    assert fake_llm.requests
