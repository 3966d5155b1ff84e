"""The two chat protocols' shapes: OpenAI-compatible chat completions
(llama.cpp, LM Studio, vLLM, OpenAI, Ollama's /v1) and Ollama's own
/api/chat. The request body, and one answer or stream chunk read into the
same few fields; the HTTP lives in client.py."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import BadAnswer


@dataclass
class Piece:
    """What one chunk (or a whole answer) says: text, why it stopped if it
    did, the model that wrote it, and how many tokens it wrote."""

    text: str = ""
    finish_reason: str | None = None
    model: str | None = None
    completion_tokens: int | None = None
    done: bool = False


# The two ways chat-completion servers take a schema: OpenAI's (llama.cpp's
# llama-server, vLLM, LM Studio, OpenAI) and the older `json_object` with a
# `schema` beside it (llama-cpp-python's server, llama-server too).
SCHEMA_STYLES = ("json_schema", "json_object")


def request_body(api: str, *, model: str, messages: list[dict], max_tokens: int,
                 temperature: float, stream: bool, schema: dict | None,
                 context_tokens: int | None, schema_style: str = "json_schema") -> dict:
    """The request for `api` ("openai" or "ollama"), asking for JSON that
    matches `schema` when one is given.

    :param schema_style: one of SCHEMA_STYLES, for chat completions.
    """
    if api == "ollama":
        options = {"num_predict": max_tokens, "temperature": temperature}
        if context_tokens:
            options["num_ctx"] = context_tokens  # Ollama's context is set per request
        body = {"model": model, "messages": messages, "stream": stream, "options": options}
        if schema is not None:
            body["format"] = schema
        return body
    body = {"model": model, "messages": messages, "max_tokens": max_tokens,
            "temperature": temperature, "stream": stream}
    if schema is not None and schema_style == "json_object":
        body["response_format"] = {"type": "json_object", "schema": schema}
    elif schema is not None:
        body["response_format"] = {"type": "json_schema",
                                   "json_schema": {"name": "hatch", "strict": True,
                                                   "schema": schema}}
    if stream:
        body["stream_options"] = {"include_usage": True}
    return body


def _error_detail(chunk: dict) -> str:
    detail = chunk["error"]
    return str(detail.get("message", detail) if isinstance(detail, dict) else detail)


def read_answer(api: str, data: object) -> Piece:
    """A whole (non-streamed) answer.

    :raises BadAnswer: it is not an answer of that protocol.
    """
    try:
        if api == "ollama":
            return Piece(data["message"]["content"], data.get("done_reason") or "stop",
                         data.get("model"), data.get("eval_count"), True)
        choice = data["choices"][0]
        usage = data.get("usage") or {}
        return Piece(choice["message"]["content"], choice.get("finish_reason"),
                     data.get("model"), usage.get("completion_tokens"), True)
    except (KeyError, IndexError, TypeError, AttributeError):
        raise BadAnswer("not a chat completion") from None


def read_chunk(api: str, line: str) -> Piece | None:
    """One line of a stream: an event (``data: {…}``) for chat completions,
    a JSON line for Ollama; None for lines that carry nothing.

    :raises BadAnswer: the line is not a chunk, or the server reports an error.
    """
    line = line.strip()
    if api != "ollama":
        if not line.startswith("data:"):
            return None  # comments, event names, blank separators
        line = line[5:].strip()
        if line == "[DONE]":
            return Piece(done=True)
    if not line:
        return None
    try:
        chunk = json.loads(line)
    except ValueError:
        raise BadAnswer("not chat-completion chunks") from None
    if isinstance(chunk, dict) and "error" in chunk:
        raise BadAnswer(f"error: {_error_detail(chunk)}")
    try:
        if api == "ollama":
            return Piece(chunk.get("message", {}).get("content") or "",
                         chunk.get("done_reason") if chunk.get("done") else None,
                         chunk.get("model"), chunk.get("eval_count"), bool(chunk.get("done")))
        choice = chunk["choices"][0] if chunk.get("choices") else {}
        delta = choice.get("delta") or {}
        text = delta.get("content") if isinstance(delta, dict) else None
        usage = chunk.get("usage") or {}
        return Piece(text if isinstance(text, str) else "", choice.get("finish_reason"),
                     chunk.get("model"), usage.get("completion_tokens"))
    except (AttributeError, TypeError, KeyError, IndexError):
        raise BadAnswer("not chat-completion chunks") from None
