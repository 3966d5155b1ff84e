"""The LLM engine's errors. Each carries a `message` a person can act on;
`retryable` says whether the client may try the same call again."""

from __future__ import annotations


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

    def __init__(self, message: str, status: int, retry_after: float | None = None,
                 detail: str = ""):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.detail = detail
        self.retryable = status == 429 or status >= 500


class BadAnswer(LLMError):
    """The answer is not what the protocol or the prompt asked for."""


class BadFormat(LLMError):
    """The answer lacks the hatch's parts, or too little of it survived the
    checks, to be kept as the model's hatch."""


class UnknownModel(LLMError):
    """The configured model is not one the server lists."""


class Cancelled(LLMError):
    """The hatch was cancelled; nothing to fall back to."""
