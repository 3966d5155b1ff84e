"""The context size the model server really gives the model, so the
sources are packed to it and a note about what did not fit names the
setting that actually helps.

llama.cpp's server says it at ``/props``; Ollama at ``/api/show`` (its
Modelfile's ``num_ctx``, or the model's own limit); vLLM, LM Studio and some
hosted services in their model list. Where nothing says, the configured
``llm_context_tokens`` is all we have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .fetch import fetch_json
from .options import DEFAULT_CONTEXT_TOKENS, LLMOptions

# A probe on the way to every hatch: loopback answers in milliseconds.
CONTEXT_TIMEOUT = 2.0

OUR_SETTING = "llm_context_tokens"
LLAMA_CPP_SETTING = "the model server's context size (llama-server -c, or --n_ctx)"
OLLAMA_SETTING = "Ollama's context (OLLAMA_CONTEXT_LENGTH, or num_ctx in the Modelfile)"
OLLAMA_MODEL_SETTING = "a model with a longer context"
VLLM_SETTING = "vLLM's --max-model-len"
LISTED_SETTING = "the model's context length on its server"

OLLAMA_PORT = 11434

NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d{2,7})\s*$", re.M)

# Model-list fields that give the context the model runs with, best first.
LISTED_KEYS = (("loaded_context_length", LISTED_SETTING), ("max_model_len", VLLM_SETTING),
               ("context_length", LISTED_SETTING), ("context_window", LISTED_SETTING))


@dataclass
class ServerContext:
    """What the server says about its context.

    :param tokens: the context the model runs with.
    :param setting: what to change for a larger one.
    """

    tokens: int
    setting: str


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _root(options: LLMOptions) -> str:
    parts = urlsplit(options.base_url)
    return f"{parts.scheme}://{parts.netloc}"


def _llama_cpp(options: LLMOptions) -> ServerContext | None:
    data = fetch_json(f"{_root(options)}/props", timeout=CONTEXT_TIMEOUT)
    if not isinstance(data, dict):
        return None
    settings = data.get("default_generation_settings")
    tokens = _int(settings.get("n_ctx")) if isinstance(settings, dict) else None
    tokens = tokens or _int(data.get("n_ctx"))
    return ServerContext(tokens, LLAMA_CPP_SETTING) if tokens else None


def _ollama(options: LLMOptions) -> ServerContext | None:
    data = fetch_json(f"{_root(options)}/api/show", timeout=CONTEXT_TIMEOUT,
                      body={"model": options.model})
    if not isinstance(data, dict):
        return None
    info = data.get("model_info") if isinstance(data.get("model_info"), dict) else {}
    limit = next((_int(v) for k, v in info.items() if k.endswith(".context_length")), None)
    if options.api == "ollama":
        # On its own API we set num_ctx per request: the model's limit caps it.
        return ServerContext(limit, OLLAMA_MODEL_SETTING) if limit else None
    match = NUM_CTX.search(str(data.get("parameters") or ""))
    return ServerContext(int(match.group(1)), OLLAMA_SETTING) if match else None


def _listed(options: LLMOptions) -> ServerContext | None:
    data = fetch_json(f"{options.base_url}/models", timeout=CONTEXT_TIMEOUT,
                      api_key=options.api_key)
    entries = data.get("data") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("id") == options.model:
            for key, setting in LISTED_KEYS:
                if tokens := _int(entry.get(key)):
                    return ServerContext(tokens, setting)
    return None


def server_context(options: LLMOptions) -> ServerContext | None:
    """The model's real context at the configured server, or None when
    the server does not say."""
    if options.api == "ollama":
        return _ollama(options)
    found = _llama_cpp(options) or _listed(options)
    if found is None and urlsplit(options.base_url).port == OLLAMA_PORT:
        found = _ollama(options)  # Ollama's /v1: its own API says more
    return found


def fit(options: LLMOptions, server: ServerContext | None) -> tuple[int, str]:
    """The context to pack to and the setting that gives more: the
    server's when it says (capped by ``llm_context_tokens`` when that is
    set), else the configured size or DEFAULT_CONTEXT_TOKENS."""
    configured = options.context_tokens
    if server is not None and server.setting == OLLAMA_MODEL_SETTING:
        # The model's own limit is only a cap: Ollama sets up num_ctx, and
        # memory, for whatever we ask.
        wanted = configured or DEFAULT_CONTEXT_TOKENS
        return (server.tokens, server.setting) if server.tokens < wanted else (wanted, OUR_SETTING)
    if server is not None and (configured is None or server.tokens <= configured):
        return server.tokens, server.setting
    return configured or DEFAULT_CONTEXT_TOKENS, OUR_SETTING
