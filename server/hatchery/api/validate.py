"""Reading a request: the JSON body or the query string, checked against
its model from `hatchery.contract` in one call per route. Every refusal
keeps the `{error: {code, message}}` shape and names the field."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from .. import jsontext
from ..contract.common import parse

Model = TypeVar("Model", bound=BaseModel)


def body(model: type[Model]) -> Model:
    """The request's JSON object, checked against `model`.

    :raises UnsupportedMediaType: (415) the body is not sent as JSON.
    :raises BadRequest: (400) it is not valid JSON, or not an object.
    :raises ValidationError: (422) a field is missing or wrong.
    """
    return parse(model, json_body())


def query(model: type[Model]) -> Model:
    """The query string, checked against `model` (the first value of a
    repeated parameter counts)."""
    return parse(model, request.args.to_dict())


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 415/400 saying what is wrong. Lone
    surrogates (valid in JSON, not in UTF-8) become U+FFFD, so odd text from
    a page is stored rather than refused or crashing."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'.")
    try:
        data = jsontext.loads(request.get_data(cache=True))
    except jsontext.TooDeep as error:
        raise BadRequest(str(error)) from None
    except ValueError:
        raise BadRequest("The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data
