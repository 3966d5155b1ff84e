"""The LLM engine's settings, as one object built from the app's config."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from .cancel import CancelToken

# The environment variable the API key is read from, unless
# `llm_api_key_env` names another. The key is never put in the config, the
# database, a log line or a hatch.
DEFAULT_API_KEY_ENV = "HATCHERY_LLM_API_KEY"

# When neither the setting nor the server says the context size: 4096
# tokens is safe for most local models.
DEFAULT_CONTEXT_TOKENS = 4096

# A local model on a laptop can take minutes for a long hatch; this is the
# longest silence (no byte from the model) we wait through, not the total.
DEFAULT_TIMEOUT = 120.0
DEFAULT_CONNECT_TIMEOUT = 5.0

# 429 and 5xx answers are retried this many times, waiting RETRY_BACKOFF
# seconds, then twice that, ... (or the server's Retry-After), at most
# MAX_RETRY_WAIT seconds each time.
DEFAULT_RETRIES = 2
DEFAULT_RETRY_BACKOFF = 1.0
MAX_RETRY_WAIT = 10.0

# Before the first word, the model is still reading the prompt: a CPU reads
# 20 or more prompt tokens a second even for an 8B model, so the silence
# allowed before the first word grows by a second per this many tokens.
PROMPT_TOKENS_PER_SECOND = 20.0

# "auto": ask for the hatch as JSON matching a schema, and read free-text
# Markdown when the server refuses schemas or ignores them; "off": ask for
# Markdown only.
STRUCTURED_CHOICES = ("auto", "off")


@dataclass
class LLMOptions:
    """How to reach the model and what to do when it fails.

    :param url: the endpoint's base URL, e.g. ``http://127.0.0.1:11434/v1``
        (``/chat/completions`` is added), or the full chat-completions URL.
    :param model: the model name the endpoint knows.
    :param api_key: sent as ``Authorization: Bearer``; never shown (repr=False).
    :param context_tokens: the most context to use; the sources are packed
        to fit it with the answer. None: what the server says it gives the
        model (DEFAULT_CONTEXT_TOKENS when it does not say). A server that
        gives less wins either way.
    :param max_tokens: the longest answer asked for; None picks by length.
    :param fallback: hatch with the local engine when the model fails.
    :param on_text: called with each piece of the answer as it arrives.
    :param on_notice: called with a sentence for the person (retrying, ...).
    :param cancel: set it to stop the model call (the client went away).
    :param structured: "auto" (a JSON schema, Markdown when refused) or "off".
    :param check_model: refuse a model the server does not list.
    """

    url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    retry_backoff: float = DEFAULT_RETRY_BACKOFF
    context_tokens: int | None = None
    max_tokens: int | None = None
    temperature: float = 0.2
    fallback: bool = True
    stream: bool = True
    structured: str = "auto"
    check_model: bool = True
    on_text: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    on_notice: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    cancel: CancelToken | None = field(default=None, repr=False, compare=False)

    @property
    def api(self) -> str:
        """"ollama" for Ollama's own API (a URL ending in ``/api`` or
        ``/api/chat``), else "openai" (chat completions)."""
        path = urlsplit(self.url).path.rstrip("/")
        return "ollama" if path.endswith(("/api", "/api/chat")) else "openai"

    @property
    def endpoint(self) -> str:
        """The chat URL: ``…/chat/completions``, or ``…/api/chat`` for Ollama's API."""
        url = self.url.rstrip("/")
        if self.api == "ollama":
            return url if url.endswith("/api/chat") else url + "/chat"
        return url if url.endswith("/chat/completions") else url + "/chat/completions"

    @property
    def base_url(self) -> str:
        """The endpoint's base: the URL without ``/chat/completions`` or ``/chat``."""
        end = "/chat" if self.api == "ollama" else "/chat/completions"
        return self.endpoint[: -len(end)]

    @property
    def display_url(self) -> str:
        """The endpoint without any user:password part, for messages and logs."""
        parts = urlsplit(self.endpoint)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    def redact(self, text: str) -> str:
        """`text` with the API key blanked out, for anything a person or a log sees."""
        if self.api_key and len(self.api_key) >= 4:
            text = text.replace(self.api_key, "***")
        return text


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(value)


def _structured(value: object) -> str:
    if isinstance(value, bool):
        return "auto" if value else "off"
    text = str(value).strip().lower()
    if text not in STRUCTURED_CHOICES:
        raise ValueError(f"llm_structured must be one of {', '.join(STRUCTURED_CHOICES)}, "
                         f"not {value!r}")
    return text


def options_from_config(config: Mapping, environ: Mapping[str, str] | None = None) -> LLMOptions | None:
    """The LLM options from the app's config (``LLM_URL``, ``LLM_MODEL``, ...),
    the key from the environment; None when no model is configured.

    :raises ValueError: a setting has the wrong type, naming it.
    """
    url = config.get("LLM_URL")
    model = config.get("LLM_MODEL")
    if not url or not model:
        return None
    if urlsplit(str(url)).scheme not in ("http", "https"):
        raise ValueError(f"llm_url must be an http(s) URL, not {url!r}")
    if config.get("LLM_API_KEY"):
        raise ValueError("the API key does not belong in config.toml: remove llm_api_key and "
                         f"set the environment variable {DEFAULT_API_KEY_ENV} instead")
    environ = os.environ if environ is None else environ
    key_env = config.get("LLM_API_KEY_ENV") or DEFAULT_API_KEY_ENV
    try:
        return LLMOptions(
            url=str(url), model=str(model), api_key=environ.get(key_env) or None,
            timeout=float(config.get("LLM_TIMEOUT", DEFAULT_TIMEOUT)),
            connect_timeout=float(config.get("LLM_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT)),
            retries=int(config.get("LLM_RETRIES", DEFAULT_RETRIES)),
            retry_backoff=float(config.get("LLM_RETRY_BACKOFF", DEFAULT_RETRY_BACKOFF)),
            context_tokens=(int(config["LLM_CONTEXT_TOKENS"])
                            if config.get("LLM_CONTEXT_TOKENS") else None),
            max_tokens=int(config["LLM_MAX_TOKENS"]) if config.get("LLM_MAX_TOKENS") else None,
            temperature=float(config.get("LLM_TEMPERATURE", 0.2)),
            fallback=_flag(config.get("LLM_FALLBACK", True)),
            stream=_flag(config.get("LLM_STREAM", True)),
            structured=_structured(config.get("LLM_STRUCTURED", "auto")),
            check_model=_flag(config.get("LLM_CHECK_MODEL", True)),
        )
    except (TypeError, ValueError) as error:
        raise ValueError(f"an llm_* setting has the wrong type: {error}") from None
