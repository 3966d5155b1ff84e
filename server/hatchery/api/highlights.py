"""GET /api/highlights?url=U, PATCH and DELETE /api/highlights/ID, and
POST /api/highlights/ID/restore (out of the trash)."""

from flask import Blueprint

from ..contract.highlights import HighlightChanges, HighlightReply, HighlightsQuery, PageHighlights
from ..db import get_store
from ..urls import normalize_url
from . import validate

blueprint = Blueprint("highlights", __name__)


@blueprint.get("/highlights")
def for_url():
    url = normalize_url(validate.query(HighlightsQuery).url)
    store = get_store()
    page = store.page_by_url(url)
    highlights = store.highlights_for_page(page["id"]) if page else []
    return PageHighlights.dump(url=url, page_id=page and page["id"], highlights=highlights)


@blueprint.get("/highlights/<highlight_id>")
def detail(highlight_id: str):
    return HighlightReply.dump(highlight=get_store().get_highlight(highlight_id))


@blueprint.patch("/highlights/<highlight_id>")
def update(highlight_id: str):
    changes = validate.body(HighlightChanges).model_dump(exclude_unset=True)
    return HighlightReply.dump(highlight=get_store().update_highlight(highlight_id, changes))


@blueprint.delete("/highlights/<highlight_id>")
def delete(highlight_id: str):
    # To the trash, like the library's delete: restorable for TRASH_DAYS.
    get_store().trash_highlight(highlight_id)
    return "", 204


@blueprint.post("/highlights/<highlight_id>/restore")
def restore(highlight_id: str):
    return {"highlight": get_store().restore_highlight(highlight_id)}
