"""GET /api/export?format=: the whole library, or one hatch, as a file."""

from flask import Blueprint, Response, request

from ..db import get_store
from ..responses import attachment
from ..services import exports as export
from . import validate

blueprint = Blueprint("export", __name__)

EXPORT_FORMATS = (*export.FORMATS, "hatch")


def export_response(fmt: str, hatch_id: str | None) -> Response:
    """The export as a download."""
    store = get_store()
    if fmt not in EXPORT_FORMATS:
        raise validate.ValidationError(
            f"`format` must be one of {', '.join(EXPORT_FORMATS)}.")
    if fmt == "hatch":
        if not hatch_id or not hatch_id.lstrip("-").isdigit():
            raise validate.ValidationError("`hatch_id` is required with format=hatch.")
    return attachment(export.download(store, fmt, int(hatch_id) if fmt == "hatch" else None))


@blueprint.get("/export")
def download():
    hatch_id = request.args.get("hatch_id")
    # A hatch_id names one hatch to export as Markdown, whatever the format.
    fmt = "hatch" if hatch_id is not None else request.args.get("format", "json")
    return export_response(fmt, hatch_id)
