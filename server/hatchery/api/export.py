"""GET /api/export?format=: the whole library, or one hatch, as a file."""

from flask import Blueprint, Response

from .. import export
from ..contract.export import ExportQuery
from ..errors import ValidationError
from ..db import get_store
from . import validate

blueprint = Blueprint("export", __name__)

EXPORT_FORMATS = (*export.FORMATS, "hatch")


def export_response(fmt: str, hatch_id: str | None) -> Response:
    """The export as a download; shared by the API and the library."""
    store = get_store()
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(
            f"`format` must be one of {', '.join(EXPORT_FORMATS)}.")
    if fmt == "hatch":
        if not hatch_id or not hatch_id.lstrip("-").isdigit():
            raise ValidationError("`hatch_id` is required with format=hatch.")
        hatch = store.get_hatch(int(hatch_id))
        body = export.hatch_markdown(hatch).encode("utf-8")
        name = f"hatch-{hatch['id']}.md"
    else:
        body = export.export_bytes(store, fmt)
        name = export.filename(fmt)
    response = Response(body, mimetype=export.MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get("/export")
def download():
    asked = validate.query(ExportQuery)
    if asked.hatch_id is not None:
        # A hatch_id names one hatch to export as Markdown, whatever the format.
        return export_response("hatch", str(asked.hatch_id))
    return export_response(asked.format, None)
