"""The base models, the error shape, paging, and `parse`: the one place a
request's data meets its model and a refusal becomes a message that names
the field."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, TypeVar, get_args

import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core.core_schema import ErrorType

from ..errors import ValidationError
from .limits import DEFAULT_PAGE_SIZE, MAX_INTEGER, MAX_PAGE_SIZE

Model = TypeVar("Model", bound=BaseModel)

# What pydantic's own checks mean, said the way our messages say it.
# `{name}` is the field; the others come from the error's context.
MESSAGES = {
    "missing": "`{name}` is required.",
    "string_type": "`{name}` must be a string.",
    "int_type": "`{name}` must be a whole number.",
    "int_parsing": "`{name}` must be a whole number.",
    "int_parsing_size": "`{name}` must be a whole number.",
    "int_from_float": "`{name}` must be a whole number.",
    "string_too_long": "`{name}` is longer than {max_length} characters.",
    "greater_than_equal": "`{name}` must be at least {ge}.",
    "less_than_equal": "`{name}` must be at most {le}.",
}
# The answer's `code` for pydantic's checks (default "invalid"); our own
# refusals (see `types.refuse`) carry theirs as the error type.
CODES = {"missing": "missing_field"}
# The error types pydantic itself raises; every other type is one of ours.
PYDANTIC_ERRORS = frozenset(get_args(ErrorType))


class Body(BaseModel):
    """A JSON request body. Types are strict (no "12" for 12), unknown
    fields are ignored, and null means "not sent"."""

    model_config = ConfigDict(strict=True, extra="ignore")
    # The message for a field the model forbids (with extra="forbid").
    UNKNOWN_FIELD: ClassVar[str] = "`{name}` is not a field of this request."

    @model_validator(mode="before")
    @classmethod
    def _null_is_not_sent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


class Query(BaseModel):
    """A query string: every value arrives as a string, so numbers are parsed."""

    model_config = ConfigDict(extra="ignore")
    UNKNOWN_FIELD: ClassVar[str] = "`{name}` is not a parameter of this route."


class Reply(BaseModel):
    """A JSON answer. `dump` shapes the data through the model, so an answer
    carries exactly the fields the spec lists."""

    model_config = ConfigDict(extra="ignore", json_schema_serialization_defaults_required=True,
                              json_schema_extra={"additionalProperties": False})

    @classmethod
    def dump(cls, **fields: Any) -> dict[str, Any]:
        """The answer as JSON-ready data.

        :param fields: the answer's fields, as the store and services hand them over.
        """
        return cls.model_validate(fields).model_dump(mode="json")


def parse(model: type[Model], data: Any) -> Model:
    """Check `data` against `model`.

    :param model: a `Body` or `Query` model.
    :param data: the decoded JSON body, or the query string as a dict.
    :raises ValidationError: (422) naming the first wrong field and what it should be.
    """
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        raise _refusal(model, error.errors(include_url=False)[0]) from None


def _refusal(model: type[BaseModel], error: Any) -> ValidationError:
    kind = error["type"]
    name = str(error["loc"][0]) if error["loc"] else ""
    if kind == "extra_forbidden":
        return ValidationError(getattr(model, "UNKNOWN_FIELD").format(name=name))
    if kind in MESSAGES:
        message = MESSAGES[kind].format(name=name, **error.get("ctx", {}))
        return ValidationError(message, code=CODES.get(kind, "invalid"))
    if kind in PYDANTIC_ERRORS:
        return ValidationError(f"`{name}` is not valid: {error['msg']}.")
    return ValidationError(error["msg"], code=kind)  # ours: the message is written out


class ErrorDetail(Reply):
    code: str = Field(description="a stable, machine-readable name for the error")
    message: str = Field(description="what is wrong, naming the field, for a person to act on")


class Error(Reply):
    """Every refusal: `{error: {code, message}}`."""

    error: ErrorDetail


Limit = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description="how many to answer with")]
Offset = Annotated[int, Field(ge=0, le=MAX_INTEGER, description="how many to skip")]


class Paging(Query):
    limit: Limit = DEFAULT_PAGE_SIZE
    offset: Offset = 0
