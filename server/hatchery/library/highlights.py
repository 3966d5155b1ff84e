"""Editing a highlight from the library: colour, note and tags; delete it
to the trash, and undo that."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import Response, redirect, request, url_for

from .. import security
from ..contract.fields import clean_tags
from ..contract.limits import COLORS, MAX_NOTE
from ..db import get_store
from ..errors import ValidationError
from .blueprint import blueprint


def _back(default: str, **params) -> Response:
    """Redirect to the form's `next` (a path on this site) or `default`."""
    target = security.local_path(request.form.get("next", "")) or default
    base, _, fragment = target.partition("#")
    base, _, old_query = base.partition("?")
    kept = [(k, v) for k, v in parse_qsl(old_query) if k not in ("deleted", "saved")]
    query = urlencode(kept + [(k, v) for k, v in params.items() if v])
    return redirect(base + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else ""))


@blueprint.post("/highlights/<highlight_id>")
def edit_highlight(highlight_id: str):
    form = request.form
    changes: dict = {}
    if "color" in form:
        if form["color"] not in COLORS:
            raise ValidationError(f"The colour must be one of {', '.join(COLORS)}.")
        changes["color"] = form["color"]
    if "note" in form:
        if len(form["note"]) > MAX_NOTE:
            raise ValidationError(f"A note can be at most {MAX_NOTE} characters.")
        changes["note"] = form["note"].replace("\r\n", "\n").strip()
    if "tags" in form:
        changes["tags"] = clean_tags(form["tags"].split(","))
    highlight = get_store().update_highlight(highlight_id, changes)
    default = url_for("library.page", page_id=highlight["page_id"])
    return _back(f"{default}#h-{highlight_id}", saved=highlight_id)


@blueprint.post("/highlights/<highlight_id>/delete")
def delete_highlight(highlight_id: str):
    highlight = get_store().trash_highlight(highlight_id)
    return _back(url_for("library.page", page_id=highlight["page_id"]), deleted=highlight_id)


@blueprint.post("/highlights/<highlight_id>/restore")
def restore_highlight(highlight_id: str):
    highlight = get_store().restore_highlight(highlight_id)
    default = url_for("library.page", page_id=highlight["page_id"])
    return _back(f"{default}#h-{highlight_id}")
