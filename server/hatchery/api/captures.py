"""POST /api/captures: one highlight with its page."""

from flask import Blueprint, current_app

from ..contract.captures import CaptureRequest
from ..contract.highlights import HighlightReply
from ..db import get_store
from ..services.captures import Capture, save_capture
from ..services.extraction import worker_for
from ..store import HighlightRecord
from . import validate

blueprint = Blueprint("captures", __name__)


def to_capture(sent: CaptureRequest) -> Capture:
    """The checked request as the capture service takes it."""
    highlight = HighlightRecord(id=sent.id, exact=sent.text, prefix=sent.prefix,
                                suffix=sent.suffix, start=sent.start, end=sent.end,
                                color=sent.color, note=sent.note, tags=sent.tags)
    return Capture(highlight=highlight, url=sent.url, title=sent.title, html=sent.html or None)


@blueprint.post("/captures")
def create():
    capture = to_capture(validate.body(CaptureRequest))
    highlight, created, queued = save_capture(get_store(), capture)
    if queued:
        worker_for(current_app).wake()
    return HighlightReply.dump(highlight=highlight), 201 if created else 200
