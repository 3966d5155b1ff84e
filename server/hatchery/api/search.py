"""GET /api/search?q=: full-text search over highlights, notes and articles."""

from flask import Blueprint, request

from ..db import get_store
from . import validate

blueprint = Blueprint("search", __name__)


@blueprint.get("/search")
def search():
    query = request.args.get("q", "").strip()
    if not query:
        raise validate.ValidationError("`q` is required: the words to look for.")
    limit, _offset = validate.paging()
    return {"query": query, **get_store().search(query, limit=limit)}
