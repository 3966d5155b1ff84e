"""The OpenAI-compatible chat-completions call, streaming or not.

Only the standard library: `http.client` gives us the socket, so a
cancelled hatch (the person closed the popup) shuts the connection and the
model server stops generating. Errors are `LLMError`s whose message a person
can act on; 429 and 5xx answers are retried a bounded number of times.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .options import MAX_RETRY_WAIT, LLMOptions

LOGGER = logging.getLogger(__name__)

# How much of an error body goes into the message: enough to read the
# server's reason, not a whole HTML error page.
ERROR_SNIPPET = 300


class LLMError(Exception):
    """The model could not give an answer; `message` says why."""

    retryable = False

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unreachable(LLMError):
    """No connection, or it dropped before an answer began."""

    retryable = True


class TimedOut(LLMError):
    """The model was silent for longer than the timeout. Not retried: the
    person has already waited that long."""


class StatusError(LLMError):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.retryable = status == 429 or status >= 500


class BadAnswer(LLMError):
    """The answer is not what the protocol or the prompt asked for."""


class Cancelled(LLMError):
    """The hatch was cancelled; nothing to fall back to."""


@dataclass
class Answer:
    """The model's text and why it stopped (``"stop"``, ``"length"``, ...);
    `truncated` when the answer was cut off."""

    text: str
    finish_reason: str | None
    truncated: bool = False


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: use our own backoff


def _abort(conn: http.client.HTTPConnection) -> None:
    """Shut the socket from another thread: the blocked read returns."""
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class ChatClient:
    """One model endpoint, as `options` describes it."""

    def __init__(self, options: LLMOptions):
        self.options = options

    # -- the public call --------------------------------------------------

    def chat(self, messages: list[dict], *, max_tokens: int) -> Answer:
        """The model's answer to `messages`, streamed to `options.on_text`
        when streaming; 429/5xx and dropped connections are retried
        `options.retries` times before anything was streamed.

        :raises LLMError: with a message a person can act on.
        """
        opts = self.options
        attempts = max(0, opts.retries) + 1
        for attempt in range(1, attempts + 1):
            self._check_cancelled()
            try:
                return self._once(messages, max_tokens)
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

    def _once(self, messages: list[dict], max_tokens: int) -> Answer:
        opts = self.options
        parts = urlsplit(opts.endpoint)
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(parts.hostname or "127.0.0.1", parts.port, timeout=opts.connect_timeout)
        unregister = opts.cancel.on_cancel(lambda: _abort(conn)) if opts.cancel else (lambda: None)
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
            conn.sock.settimeout(opts.timeout)
            conn.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""),
                         body=json.dumps(self._payload(messages, max_tokens)).encode(),
                         headers=self._headers())
            response = conn.getresponse()
            if response.status != 200:
                raise self._status_error(response)
            ctype = response.getheader("Content-Type", "")
            if "text/event-stream" in ctype:
                return self._read_stream(response)
            if opts.stream and response.peek(5)[:5] == b"data:":
                return self._read_stream(response)  # events under another content type
            return self._read_json(response)
        except LLMError:
            if opts.cancel is not None and opts.cancel.cancelled:
                raise Cancelled("The hatch was cancelled.") from None
            raise
        except TimeoutError:
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

    def _payload(self, messages: list[dict], max_tokens: int) -> dict:
        opts = self.options
        payload = {"model": opts.model, "messages": messages, "max_tokens": max_tokens,
                   "temperature": opts.temperature, "stream": opts.stream}
        return payload

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
        return StatusError(message, status, _retry_after(response.getheader("Retry-After")))

    def _read_json(self, response: http.client.HTTPResponse) -> Answer:
        raw = response.read()
        try:
            data = json.loads(raw)
            choice = data["choices"][0]
            text = choice["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise BadAnswer(f"The language model at {self.options.display_url} sent an answer "
                            "that is not a chat completion.") from None
        if not isinstance(text, str) or not text.strip():
            raise BadAnswer(f"The language model at {self.options.display_url} sent an empty answer.")
        if self.options.on_text:
            self.options.on_text(text)
        reason = choice.get("finish_reason")
        return Answer(text, reason, truncated=reason == "length")

    def _read_stream(self, response: http.client.HTTPResponse) -> Answer:
        """Server-sent events: ``data: {chunk}`` lines until ``data: [DONE]``."""
        pieces: list[str] = []
        reason = None
        done = False
        try:
            for raw in response:
                self._check_cancelled()
                line = raw.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue  # comments, event names, blank separators
                data = line[5:].strip()
                if data == "[DONE]":
                    done = True
                    break
                piece, finish = self._chunk(data)
                reason = finish or reason
                if piece:
                    pieces.append(piece)
                    if self.options.on_text:
                        self.options.on_text(piece)
        except (OSError, http.client.HTTPException) as error:
            self._check_cancelled()
            if not pieces:
                raise
            LOGGER.warning("the model's stream broke after %d pieces: %s",
                           len(pieces), type(error).__name__)
        self._check_cancelled()  # a shut socket ends the loop like the end of the stream
        text = "".join(pieces)
        if not text.strip():
            raise BadAnswer(f"The language model at {self.options.display_url} sent an empty answer.")
        truncated = reason == "length" or (not done and reason is None)
        return Answer(text, reason, truncated=truncated)

    def _chunk(self, data: str) -> tuple[str, str | None]:
        try:
            chunk = json.loads(data)
        except ValueError:
            raise BadAnswer(f"The language model at {self.options.display_url} sent a stream "
                            "that is not chat-completion chunks.") from None
        if isinstance(chunk, dict) and "error" in chunk:
            detail = chunk["error"]
            detail = detail.get("message", detail) if isinstance(detail, dict) else detail
            raise BadAnswer(f"The language model stopped with an error: "
                            f"{self.options.redact(str(detail))[:ERROR_SNIPPET]}")
        try:
            choice = chunk["choices"][0] if chunk.get("choices") else {}
        except (AttributeError, TypeError, KeyError):
            raise BadAnswer(f"The language model at {self.options.display_url} sent a stream "
                            "that is not chat-completion chunks.") from None
        delta = choice.get("delta") or {}
        piece = delta.get("content") if isinstance(delta, dict) else None
        return (piece if isinstance(piece, str) else ""), choice.get("finish_reason")

    # -- helpers --------------------------------------------------------------

    def _check_cancelled(self) -> None:
        if self.options.cancel is not None and self.options.cancel.cancelled:
            raise Cancelled("The hatch was cancelled.")

    def _notice(self, message: str) -> None:
        LOGGER.info("%s", message)
        if self.options.on_notice:
            self.options.on_notice(message)
