"""The field types of the request models.

Each type checks one kind of value and, when it refuses one, says what the
field should be ("`url` must be an http(s) URL"). Where a check is done by a
validator rather than by a pydantic constraint, `Documented` writes the same
rule into the JSON Schema, so the spec states every limit the server keeps.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, NoReturn

from pydantic import AfterValidator, BeforeValidator, Field, GetJsonSchemaHandler, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

from ..errors import ValidationError
from ..urls import is_web_url
from .fields import clean_tags
from .limits import (COLORS, MAX_CLIENT_ID, MAX_CONTEXT, MAX_INTEGER, MAX_NOTE, MAX_TAG, MAX_TAGS,
                     MAX_TEXT, MAX_TITLE, MAX_URL)

# The spec's shape of a web URL. The server checks more (a host, a port in
# range); this is the part a JSON Schema can say. Linear: no repetition.
URL_PATTERN = "^[Hh][Tt][Tt][Pp][Ss]?://"


class Documented:
    """Add keywords to a type's JSON Schema; a validator beside it enforces them."""

    def __init__(self, **keywords: Any):
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict:
        return {**handler(schema), **self.keywords}


def refuse(message: str, code: str = "invalid") -> NoReturn:
    """Refuse the value; `message` names the field and says what it should be.

    :param code: the error's `code` in the JSON answer.
    """
    raise PydanticCustomError(code, message)  # no context: the message is used as written


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _integral(value: Any) -> Any:
    # 12.0 is how some JSON encoders write 12.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _web_url(value: str, info: ValidationInfo) -> str:
    if not is_web_url(value):
        refuse(f"`{info.field_name}` must be an http(s) URL.")
    return value


def _client_uuid(value: str, info: ValidationInfo) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        refuse(f"`{info.field_name}` must be a UUID made by the client.")


def _not_blank(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        refuse(f"`{info.field_name}` must not be empty.")
    return value


def _tags(value: Any, info: ValidationInfo) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        refuse(f"`{info.field_name}` must be a list of strings.")
    try:
        return clean_tags(value, info.field_name)
    except ValidationError as error:
        refuse(error.message)


def one_of(choices: tuple[str, ...], *, also: tuple[str, ...] = ()) -> Any:
    """A string that must be one of `choices`.

    :param also: accepted too but left out of the spec (old spellings).
    """

    def check(value: Any, info: ValidationInfo) -> str:
        if not isinstance(value, str) or value not in (*choices, *also):
            refuse(f"`{info.field_name}` must be one of {', '.join(choices)}.")
        return value

    return Annotated[str, BeforeValidator(check), Documented(enum=list(choices))]


def list_of(kind: type, *, max_items: int) -> Any:
    """A list of at most `max_items` values of `kind` (int or str); bools are not ints."""
    noun = "whole numbers" if kind is int else "strings"

    def check(value: Any, info: ValidationInfo) -> list:
        if not isinstance(value, list) or not all(
                isinstance(v, kind) and not isinstance(v, bool) for v in value):
            refuse(f"`{info.field_name}` must be a list of {noun}.")
        if len(value) > max_items:
            refuse(f"`{info.field_name}` takes at most {max_items} items.")
        return value

    return Annotated[list[kind], BeforeValidator(check), Documented(maxItems=max_items)]


# A position or count: 0 to 2**53 (JavaScript's safe range); 12.0 counts as 12.
WholeNumber = Annotated[int, Field(ge=0, le=MAX_INTEGER, strict=True), BeforeValidator(_integral)]

WebUrl = Annotated[str, BeforeValidator(_strip), Field(max_length=MAX_URL),
                   AfterValidator(_web_url), Documented(format="uri", pattern=URL_PATTERN)]

ClientId = Annotated[str, BeforeValidator(_strip), Field(max_length=MAX_CLIENT_ID),
                     AfterValidator(_client_uuid), Documented(format="uuid")]

HighlightText = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_not_blank),
                          Documented(minLength=1, pattern=r"\S")]

Title = Annotated[str, BeforeValidator(_strip), Field(max_length=MAX_TITLE)]
ContextText = Annotated[str, Field(max_length=MAX_CONTEXT)]
NoteText = Annotated[str, Field(max_length=MAX_NOTE)]

Tags = Annotated[list[str], BeforeValidator(_tags),
                 Documented(maxItems=MAX_TAGS, items={"type": "string", "maxLength": MAX_TAG})]

Color = one_of(COLORS)

# Words to search for: trimmed, not empty.
Words = Annotated[str, BeforeValidator(_strip), AfterValidator(_not_blank),
                  Documented(pattern=r"\S")]


def optional(**keywords: Any) -> Any:
    """A field that may be left out, with no default a client could send:
    the spec shows the field's type alone, not `null`.

    :param keywords: passed on to `pydantic.Field`.
    """
    return Field(None, json_schema_extra=_without_default, **keywords)


def _without_default(schema: dict) -> None:
    schema.pop("default", None)
