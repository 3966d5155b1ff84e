"""Which model servers answer on this machine, and which models they have.

Pure functions over HTTP, no Flask and no config: `hatchery models` prints
`discover()`, `serve --llm auto` takes `pick()` of it, the popup's engine
picker shows the names, and the engine refuses a model its server does not
list (`check_model`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .errors import UnknownModel
from .fetch import fetch_json
from .options import LLMOptions

# The usual loopback ports, in the order `pick` prefers them.
KNOWN_SERVERS = (
    ("ollama", 11434),
    ("llama.cpp", 8080),
    ("lm-studio", 1234),
    ("vllm", 8000),
)

# Long enough for a loaded machine to answer a model list on loopback;
# short enough that four silent ports cost well under a second.
PROBE_TIMEOUT = 0.4


@dataclass
class ModelServer:
    """A model server that answered.

    :param kind: "ollama", "llama.cpp", "lm-studio", "vllm" or
        "openai-compatible" (what the port and its answers say it is).
    :param url: the base URL to configure as ``llm_url``.
    :param models: the model names it lists, as ``llm_model`` takes them.
    """

    kind: str
    url: str
    models: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "url": self.url, "models": list(self.models)}


def _names(data: object, key: str, name: str) -> list[str] | None:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    return [str(m[name]) for m in data[key] if isinstance(m, dict) and m.get(name)]


def list_models(base_url: str, *, api: str = "openai", timeout: float = PROBE_TIMEOUT,
                api_key: str | None = None) -> list[str] | None:
    """The model names at `base_url` (``…/v1`` or Ollama's ``…/api``), or
    None when it does not answer with a model list."""
    base = base_url.rstrip("/")
    if api == "ollama":
        return _names(fetch_json(f"{base}/tags", timeout=timeout), "models", "name")
    return _names(fetch_json(f"{base}/models", timeout=timeout, api_key=api_key), "data", "id")


def probe(host: str, port: int, kind: str, *, timeout: float = PROBE_TIMEOUT) -> ModelServer | None:
    """The model server on `host:port`, or None when none answers there.

    :param kind: what usually listens on that port; Ollama is asked on its
        own API, the others on ``/v1/models``.
    """
    root = f"http://{host}:{port}"
    if kind == "ollama":
        models = list_models(f"{root}/api", api="ollama", timeout=timeout)
        if models is not None:
            return ModelServer("ollama", f"{root}/api", models)
    models = list_models(f"{root}/v1", timeout=timeout)
    if models is None:
        return None
    if kind == "llama.cpp" and fetch_json(f"{root}/props", timeout=timeout) is None:
        kind = "openai-compatible"  # llama-cpp-python's server, or another on 8080
    return ModelServer(kind, f"{root}/v1", models)


def discover(host: str = "127.0.0.1", servers=KNOWN_SERVERS, *,
             timeout: float = PROBE_TIMEOUT) -> list[ModelServer]:
    """The model servers answering on the usual ports of `host`, probed at
    the same time, in the order of `servers`.

    :param servers: (kind, port) pairs to try.
    """
    with ThreadPoolExecutor(max_workers=max(1, len(servers))) as pool:
        found = list(pool.map(lambda s: probe(host, s[1], s[0], timeout=timeout), servers))
    return [server for server in found if server is not None]


def pick(servers: list[ModelServer]) -> tuple[str, str] | None:
    """(url, model) for ``--llm auto``: the first server with a model, and
    its first model; None when there is none."""
    for server in servers:
        if server.models:
            return server.url, server.models[0]
    return None


def check_model(options: LLMOptions, *, timeout: float = 2.0) -> list[str] | None:
    """The models the configured server lists (None when it lists none).

    :raises UnknownModel: the server lists models and the configured one is
        not among them (llama.cpp and others answer any name, so a typo
        would otherwise be stored as the hatch's model).
    """
    models = list_models(options.base_url, api=options.api, timeout=timeout,
                         api_key=options.api_key)
    if not models or options.model in models:
        return models
    if options.api == "ollama" and f"{options.model}:latest" in models:
        return models
    shown = ", ".join(models[:10]) + (f" and {len(models) - 10} more" if len(models) > 10 else "")
    raise UnknownModel(f"The model server at {options.display_url} has no model "
                       f"{options.model!r}; it lists {shown}. Set llm_model to one of these "
                       "(`hatchery models` lists them).")
