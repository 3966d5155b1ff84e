"""The chat call to the model server, streaming or not.

Only the standard library: `http.client` gives us the socket, so a
cancelled hatch (the person closed the popup) shuts the connection and the
model server stops generating. Errors are `LLMError`s whose message a person
can act on; 429 and 5xx answers are retried a bounded number of times.

The silence timeout counts from the first word: before it, the server is
still reading the prompt, which on a CPU takes a while for a long one, so
that wait grows with the prompt (PROMPT_TOKENS_PER_SECOND).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import protocol
from .cancel import CancelToken
from .errors import BadAnswer, Cancelled, LLMError, StatusError, TimedOut, Unreachable
from .options import MAX_RETRY_WAIT, PROMPT_TOKENS_PER_SECOND, LLMOptions

__all__ = ["Answer", "BadAnswer", "CancelToken", "Cancelled", "ChatClient", "LLMError",
           "StatusError", "TimedOut", "Unreachable"]

LOGGER = logging.getLogger(__name__)

# How much of an error body goes into the message: enough to read the
# server's reason, not a whole HTML error page.
ERROR_SNIPPET = 300


@dataclass
class Answer:
    """The model's text and why it stopped (``"stop"``, ``"length"``, ...).

    :param truncated: the answer was cut off (length limit or a stop).
    :param stopped: the stream ended without saying it was done: the
        server stopped (killed, crashed) in the middle of the answer.
    :param model: the model the server says wrote it.
    :param completion_tokens: the answer's length, when the server says.
    """

    text: str
    finish_reason: str | None
    truncated: bool = False
    stopped: bool = False
    model: str | None = None
    completion_tokens: int | None = None


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: use our own backoff


def _abort(sock: socket.socket | None) -> None:
    """Shut the socket from another thread: the blocked read returns."""
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class ChatClient:
    """One model endpoint, as `options` describes it."""

    def __init__(self, options: LLMOptions):
        self.options = options
        self._request: dict = {}
        self._first_wait = options.timeout
        self._began = False  # the first word has arrived
        self._sock: socket.socket | None = None

    # -- the public call --------------------------------------------------

    def chat(self, messages: list[dict], *, max_tokens: int, schema: dict | None = None,
             prompt_tokens: int = 0, context_tokens: int | None = None,
             schema_style: str = "json_schema") -> Answer:
        """The model's answer to `messages`, streamed to `options.on_text`
        when streaming; 429/5xx and dropped connections are retried
        `options.retries` times before anything was streamed.

        :param schema: a JSON schema the answer must match, when the server
            enforces one (`response_format`, or Ollama's `format`).
        :param prompt_tokens: about how long the prompt is: the wait for the
            first word grows with it.
        :param context_tokens: the context to ask for where the request
            sets it (Ollama's `num_ctx`).
        :param schema_style: how the schema is sent (protocol.SCHEMA_STYLES).
        :raises LLMError: with a message a person can act on.
        """
        self._request = protocol.request_body(
            self.options.api, model=self.options.model, messages=messages,
            max_tokens=max_tokens, temperature=self.options.temperature,
            stream=self.options.stream, schema=schema, context_tokens=context_tokens,
            schema_style=schema_style)
        self._first_wait = self.options.timeout + prompt_tokens / PROMPT_TOKENS_PER_SECOND
        opts = self.options
        attempts = max(0, opts.retries) + 1
        for attempt in range(1, attempts + 1):
            self._check_cancelled()
            try:
                return self._once()
            except LLMError as error:
                if not error.retryable or attempt == attempts:
                    raise
                wait = getattr(error, "retry_after", None)
                if wait is None:
                    wait = opts.retry_backoff * 2 ** (attempt - 1)
                wait = min(wait, MAX_RETRY_WAIT)
                self._notice(f"{error.message} Retrying in {wait:g} s "
                             f"(attempt {attempt + 1} of {attempts}).")
                if opts.cancel is not None and opts.cancel.wait(wait):
                    raise Cancelled("The hatch was cancelled.") from None
                if opts.cancel is None:
                    time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- one attempt --------------------------------------------------------

    def _once(self) -> Answer:
        opts = self.options
        self._began = False
        parts = urlsplit(opts.endpoint)
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(parts.hostname or "127.0.0.1", parts.port, timeout=opts.connect_timeout)
        # The connection lets go of its socket once a response that ends with
        # the connection begins, so keep our own hold on it, to shut it on
        # cancel and to change its timeout after the first word.
        self._sock = None
        unregister = (opts.cancel.on_cancel(lambda: _abort(self._sock or conn.sock))
                      if opts.cancel else (lambda: None))
        where = opts.display_url
        try:
            try:
                conn.connect()
            except TimeoutError:
                raise Unreachable(f"The language model at {where} did not accept a connection "
                                  f"within {opts.connect_timeout:g} s.") from None
            except OSError as error:
                raise Unreachable(f"Could not reach the language model at {where} "
                                  f"({error.strerror or error}). Is it running?") from None
            self._sock = conn.sock
            self._sock.settimeout(self._first_wait)
            conn.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""),
                         body=json.dumps(self._request).encode(), headers=self._headers())
            response = conn.getresponse()
            if response.status != 200:
                raise self._status_error(response)
            ctype = response.getheader("Content-Type", "")
            if "text/event-stream" in ctype or "ndjson" in ctype:
                return self._read_stream(response)
            if opts.stream and opts.api == "openai" and response.peek(5)[:5] == b"data:":
                return self._read_stream(response)  # events under another content type
            if opts.stream and opts.api == "ollama":
                return self._read_stream(response)  # JSON lines, whatever the type
            return self._read_json(response)
        except LLMError:
            if opts.cancel is not None and opts.cancel.cancelled:
                raise Cancelled("The hatch was cancelled.") from None
            raise
        except TimeoutError:
            if not self._began:
                raise TimedOut(f"The language model at {where} sent nothing for "
                               f"{self._first_wait:g} s while reading the prompt; it may be "
                               "overloaded or the model too large for this machine. Raise "
                               "llm_timeout, pick fewer pages or try a smaller model.") from None
            raise TimedOut(f"The language model at {where} sent nothing for "
                           f"{opts.timeout:g} s; it may be overloaded or the model too large. "
                           "Raise llm_timeout or try a smaller model.") from None
        except (OSError, http.client.HTTPException) as error:
            if opts.cancel is not None and opts.cancel.cancelled:
                raise Cancelled("The hatch was cancelled.") from None
            raise Unreachable(f"The connection to the language model at {where} broke "
                              f"({type(error).__name__}).") from None
        finally:
            unregister()
            conn.close()

    def _headers(self) -> dict:
        headers = {"Content-Type": "application/json",
                   "Accept": "text/event-stream" if self.options.stream else "application/json"}
        if self.options.api_key:
            headers["Authorization"] = f"Bearer {self.options.api_key}"
        return headers

    def _status_error(self, response: http.client.HTTPResponse) -> StatusError:
        opts = self.options
        body = response.read(ERROR_SNIPPET * 4).decode("utf-8", "replace")
        try:
            detail = json.loads(body)["error"]
            detail = detail.get("message", detail) if isinstance(detail, dict) else detail
        except (ValueError, KeyError, TypeError):
            detail = body
        detail = opts.redact(" ".join(str(detail).split()))[:ERROR_SNIPPET]
        status = response.status
        hint = {401: " Check the API key (the environment variable named by llm_api_key_env).",
                403: " Check the API key (the environment variable named by llm_api_key_env).",
                404: f" Check llm_url and that the model {opts.model!r} exists there.",
                429: " The model is busy or rate-limited."}.get(status, "")
        message = (f"The language model at {opts.display_url} answered {status} "
                   f"{response.reason}" + (f": {detail}" if detail else "") + "." + hint)
        return StatusError(message, status, _retry_after(response.getheader("Retry-After")),
                           detail)

    def _empty(self) -> BadAnswer:
        return BadAnswer(f"The language model at {self.options.display_url} sent an empty "
                         "answer; the prompt probably did not fit the model server's context. "
                         "Raise the server's context size (and llm_context_tokens with it) or "
                         "pick fewer pages.")

    def _read_json(self, response: http.client.HTTPResponse) -> Answer:
        self._began = True
        try:
            piece = protocol.read_answer(self.options.api, json.loads(response.read()))
        except (ValueError, BadAnswer):
            raise BadAnswer(f"The language model at {self.options.display_url} sent an answer "
                            "that is not a chat completion.") from None
        if not isinstance(piece.text, str) or not piece.text.strip():
            raise self._empty()
        if self.options.on_text:
            self.options.on_text(piece.text)
        reason = piece.finish_reason
        return Answer(piece.text, reason, truncated=reason == "length", model=piece.model,
                      completion_tokens=piece.completion_tokens)

    def _read_stream(self, response: http.client.HTTPResponse) -> Answer:
        """Server-sent events until ``data: [DONE]`` (or JSON lines until
        ``"done": true``)."""
        pieces: list[str] = []
        reason = model = tokens = None
        done = False
        try:
            for raw in response:
                self._check_cancelled()
                try:
                    piece = protocol.read_chunk(self.options.api,
                                                raw.decode("utf-8", "replace"))
                except BadAnswer as error:
                    raise self._stream_error(str(error)) from None
                if piece is None:
                    continue
                reason = piece.finish_reason or reason
                model = piece.model or model
                tokens = piece.completion_tokens or tokens
                if piece.text:
                    if not self._began and self._sock is not None:
                        self._sock.settimeout(self.options.timeout)  # reading is over
                    self._began = True
                    pieces.append(piece.text)
                    if self.options.on_text:
                        self.options.on_text(piece.text)
                if piece.done:
                    done = True
                    break
        except (OSError, http.client.HTTPException) as error:
            self._check_cancelled()
            if not pieces or isinstance(error, TimeoutError):
                raise  # silence mid-answer is a timeout, reported as one
            LOGGER.warning("the model's stream broke after %d pieces: %s",
                           len(pieces), type(error).__name__)
        self._check_cancelled()  # a shut socket ends the loop like the end of the stream
        text = "".join(pieces)
        if not text.strip():
            raise self._empty()
        stopped = not done and reason is None
        return Answer(text, reason, truncated=reason == "length" or stopped, stopped=stopped,
                      model=model, completion_tokens=tokens)

    def _stream_error(self, what: str) -> BadAnswer:
        if what.startswith("error: "):
            detail = self.options.redact(what[7:])[:ERROR_SNIPPET]
            return BadAnswer(f"The language model stopped with an error: {detail}")
        return BadAnswer(f"The language model at {self.options.display_url} sent a stream "
                         "that is not chat-completion chunks.")

    # -- helpers --------------------------------------------------------------

    def _check_cancelled(self) -> None:
        if self.options.cancel is not None and self.options.cancel.cancelled:
            raise Cancelled("The hatch was cancelled.")

    def _notice(self, message: str) -> None:
        LOGGER.info("%s", message)
        if self.options.on_notice:
            self.options.on_notice(message)
