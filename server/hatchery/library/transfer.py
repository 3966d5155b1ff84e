"""Export the library as a file, and import one."""

from __future__ import annotations

from flask import render_template, request

from ..db import get_store
from ..errors import ValidationError
from ..importers import ImportFailed
from ..responses import attachment
from ..services import exports, imports
from .blueprint import blueprint, whole_number


def _form(status: int = 200, **context):
    return render_template("library/transfer.html", formats=exports.FORMATS, **context), status


@blueprint.get("/export")
def export_download():
    fmt = request.args.get("format")
    if fmt is None:
        return _form()
    return attachment(exports.download(get_store(), fmt,
                                       whole_number(request.args.get("hatch_id"))))


@blueprint.get("/import")
def import_form():
    return _form()


@blueprint.post("/import")
def import_upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationError("Choose a file to import.")
    raw = upload.read(imports.MAX_UPLOAD_BYTES + 1)
    if len(raw) > imports.MAX_UPLOAD_BYTES:
        raise ValidationError("That file is larger than 20 MB; import it with "
                              "`hatchery import FILE` instead.")
    try:
        report = imports.import_bytes(get_store(), raw)
    except ImportFailed as error:
        return _form(422, import_error=f"{upload.filename}: {error.message}")
    return _form(report=report, summary=imports.describe_import(report),
                 filename=upload.filename)
