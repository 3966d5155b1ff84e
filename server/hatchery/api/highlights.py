"""GET /api/highlights?url=U, PATCH and DELETE /api/highlights/ID, and
POST /api/highlights/ID/restore (out of the trash)."""

from flask import Blueprint, request

from ..db import get_store
from ..urls import normalize_url
from . import validate

blueprint = Blueprint("highlights", __name__)


@blueprint.get("/highlights")
def for_url():
    url = validate.web_url(dict(request.args))
    store = get_store()
    page = store.page_by_url(normalize_url(url))
    highlights = store.highlights_for_page(page["id"]) if page else []
    return {"url": normalize_url(url), "page_id": page and page["id"],
            "highlights": highlights}


@blueprint.get("/highlights/<highlight_id>")
def detail(highlight_id: str):
    return {"highlight": get_store().get_highlight(highlight_id)}


@blueprint.patch("/highlights/<highlight_id>")
def update(highlight_id: str):
    body = validate.json_body()
    changes = {}
    if "color" in body:
        changes["color"] = validate.color(body, default=None)
    if "note" in body:
        changes["note"] = validate.string(body, "note", max_length=validate.MAX_NOTE)
    if "tags" in body:
        changes["tags"] = validate.tags(body) or []
    unknown = sorted(set(body) - {"color", "note", "tags"})
    if unknown:
        raise validate.ValidationError(
            f"`{unknown[0]}` cannot be changed; send color, note or tags.")
    return {"highlight": get_store().update_highlight(highlight_id, changes)}


@blueprint.delete("/highlights/<highlight_id>")
def delete(highlight_id: str):
    # To the trash, like the library's delete: restorable for TRASH_DAYS.
    get_store().trash_highlight(highlight_id)
    return "", 204


@blueprint.post("/highlights/<highlight_id>/restore")
def restore(highlight_id: str):
    return {"highlight": get_store().restore_highlight(highlight_id)}
