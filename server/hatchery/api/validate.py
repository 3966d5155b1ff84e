"""Request validation: one place per route turns a body into checked
values, and every refusal names the field and what it should be."""

from __future__ import annotations

import uuid
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from ..errors import ValidationError  # noqa: F401  (re-exported)
from ..contract.limits import (COLORS, MAX_CLIENT_ID, MAX_CONTEXT, MAX_INTEGER,  # noqa: F401
                               MAX_NOTE, MAX_TAG, MAX_TAGS, MAX_TEXT, MAX_URL)
from ..contract.fields import clean_tags
from ..urls import is_web_url


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 415/400 saying what is wrong."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'.")
    body = request.get_json(silent=True)
    if body is None:
        raise BadRequest("The body is not valid JSON.")
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object.")
    return scrub(body)


def scrub(value: Any) -> Any:
    """Replace lone UTF-16 surrogates (valid in JSON, not in UTF-8) with U+FFFD,
    so odd text from a page is stored rather than refused or crashing."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def string(body: dict, name: str, *, required: bool = False, default: str = "",
           max_length: int = MAX_TEXT, strip: bool = False) -> str:
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationError(f"`{name}` is required.", code="missing_field")
        return default
    if not isinstance(value, str):
        raise ValidationError(f"`{name}` must be a string.")
    if strip:
        value = value.strip()
    if required and not value.strip():
        raise ValidationError(f"`{name}` must not be empty.")
    if len(value) > max_length:
        raise ValidationError(f"`{name}` is longer than {max_length} characters.")
    return value


def integer(body: dict, name: str, *, minimum: int = 0) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 12.0 is how some JSON encoders write 12
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"`{name}` must be a whole number.")
    if value > MAX_INTEGER:
        raise ValidationError(f"`{name}` is too large.")
    if value < minimum:
        raise ValidationError(f"`{name}` must be at least {minimum}.")
    return value


def web_url(body: dict, name: str = "url") -> str:
    value = string(body, name, required=True, max_length=MAX_URL, strip=True)
    if not is_web_url(value):
        raise ValidationError(f"`{name}` must be an http(s) URL.")
    return value


def client_id(body: dict, name: str = "id") -> str:
    value = string(body, name, required=True, max_length=MAX_CLIENT_ID, strip=True)
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(f"`{name}` must be a UUID made by the client.") from None


def color(body: dict, name: str = "color", default: str | None = "yellow") -> str | None:
    value = body.get(name)
    if value is None:
        return default
    if value not in COLORS:
        raise ValidationError(f"`{name}` must be one of {', '.join(COLORS)}.")
    return value


def tags(body: dict, name: str = "tags") -> list[str] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValidationError(f"`{name}` must be a list of strings.")
    return clean_tags(value, name)


def paging(default_limit: int = 50, max_limit: int = 500) -> tuple[int, int]:
    """`limit` and `offset` from the query string."""
    try:
        limit = int(request.args.get("limit", default_limit))
        offset = int(request.args.get("offset", 0))
    except ValueError:
        raise ValidationError("`limit` and `offset` must be whole numbers.") from None
    if not 1 <= limit <= max_limit or not 0 <= offset <= MAX_INTEGER:
        raise ValidationError(f"`limit` must be 1 to {max_limit} and `offset` at least 0.")
    return limit, offset
