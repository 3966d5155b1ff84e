"""GET /api/export?format=: the whole library, or one hatch, as a file."""

from flask import Blueprint

from ..contract.export import ExportQuery
from ..db import get_store
from ..responses import attachment
from ..services import exports
from . import validate

blueprint = Blueprint("export", __name__)


@blueprint.get("/export")
def download():
    asked = validate.query(ExportQuery)
    # A hatch_id names one hatch to export as Markdown, whatever the format.
    if asked.hatch_id is not None:
        return attachment(exports.download(get_store(), "hatch", asked.hatch_id))
    return attachment(exports.download(get_store(), asked.format, None))
