"""POST /api/captures: one highlight with its page."""

from flask import Blueprint, current_app

from ..db import get_store
from ..services.captures import Capture, save_capture
from ..services.extraction import worker_for
from ..store import HighlightRecord
from . import validate

blueprint = Blueprint("captures", __name__)


def parse_capture(body: dict) -> Capture:
    highlight = HighlightRecord(
        id=validate.client_id(body),
        exact=validate.string(body, "text", required=True),
        prefix=validate.string(body, "prefix", max_length=validate.MAX_CONTEXT),
        suffix=validate.string(body, "suffix", max_length=validate.MAX_CONTEXT),
        start=validate.integer(body, "start"),
        end=validate.integer(body, "end"),
        color=validate.color(body),
        note=validate.string(body, "note", max_length=validate.MAX_NOTE),
        tags=validate.tags(body) or [],
    )
    html = body.get("html")
    if html is not None and not isinstance(html, str):
        raise validate.ValidationError("`html` must be a string.")
    return Capture(
        highlight=highlight,
        url=validate.web_url(body),
        title=validate.string(body, "title", max_length=2000, strip=True),
        html=html or None,
    )


@blueprint.post("/captures")
def create():
    capture = parse_capture(validate.json_body())
    highlight, created, queued = save_capture(get_store(), capture)
    if queued:
        worker_for(current_app).wake()
    return {"highlight": highlight}, 201 if created else 200
