"""POST /api/hatches, GET /api/hatches, GET /api/hatches/ID."""

from flask import Blueprint, Response, current_app, request

from ..db import get_store
from ..errors import ValidationError
from ..hatch import NothingToHatch
from ..services.hatches import create_hatch, engine_options, flatten
from . import validate

blueprint = Blueprint("hatches", __name__)

LENGTHS = ("short", "medium", "long")


def _id_list(body: dict, name: str, kind: type) -> list:
    value = body.get(name) or []
    if not isinstance(value, list) or not all(
            isinstance(v, kind) and not isinstance(v, bool) for v in value):
        noun = "whole numbers" if kind is int else "strings"
        raise ValidationError(f"`{name}` must be a list of {noun}.")
    return value


def hatch_request() -> tuple[list[int], list[str], str, str]:
    """The checked body of a hatch request: page ids, highlight ids, engine, length."""
    body = validate.json_body()
    page_ids = _id_list(body, "page_ids", int)
    highlight_ids = _id_list(body, "highlight_ids", str)
    length = validate.string(body, "length", default="short")
    if length not in LENGTHS:
        raise ValidationError(f"`length` must be one of {', '.join(LENGTHS)}.")
    engine = validate.string(body, "engine", default="local", max_length=50)
    if not page_ids and not highlight_ids:
        raise ValidationError("Pick at least one page (`page_ids`) or highlight (`highlight_ids`).",
                              code="nothing_to_hatch")
    return page_ids, highlight_ids, engine, length


@blueprint.post("/hatches")
def create():
    page_ids, highlight_ids, engine, length = hatch_request()
    options = engine_options(current_app.config, engine)
    try:
        stored = create_hatch(get_store(), page_ids=page_ids, highlight_ids=highlight_ids,
                              engine=engine, length=length, options=options)
    except NothingToHatch as error:
        raise ValidationError(str(error), code="nothing_to_hatch") from None
    except ValueError as error:  # unknown engine
        raise ValidationError(str(error)) from None
    return {"hatch": flatten(stored)}, 201


@blueprint.get("/hatches")
def index():
    limit, offset = validate.paging()
    hatches, total = get_store().list_hatches(limit=limit, offset=offset)
    return {"hatches": hatches, "total": total, "limit": limit, "offset": offset}


@blueprint.get("/hatches/<int:hatch_id>")
def detail(hatch_id: int):
    stored = get_store().get_hatch(hatch_id)
    best = request.accept_mimetypes.best_match(["application/json", "text/markdown"])
    if best == "text/markdown":
        return Response(stored["result"]["markdown"], mimetype="text/markdown")
    return {"hatch": flatten(stored)}
