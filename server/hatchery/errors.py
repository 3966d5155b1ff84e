"""Domain errors. The store and services raise these; one handler in
`app.py` turns them (and every HTTPException) into the JSON error shape."""

from __future__ import annotations


class HatcheryError(Exception):
    """An error a client can act on."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFoundError(HatcheryError):
    status = 404
    code = "not_found"


class ConflictError(HatcheryError):
    status = 409
    code = "conflict"


class UpstreamError(HatcheryError):
    """The language model the person configured failed, with no fallback."""

    status = 502
    code = "llm_failed"


class ValidationError(HatcheryError):
    """The request is well-formed JSON but a field is wrong or missing."""

    status = 422
    code = "invalid"


class SearchError(HatcheryError):
    """SQLite could not run a search, whatever words it was given."""

    status = 422
    code = "bad_search"


class GoneError(HatcheryError):
    """The thing existed and was deleted on purpose."""

    status = 410
    code = "deleted"


class BusyError(HatcheryError):
    """Another writer (a large import) held the database past the wait a
    request allows. Nothing was written; the same request will succeed in a
    moment, and the extension's outbox sends it again on its own."""

    status = 503
    code = "busy"
    retry_after = 2
