"""GET /api/search?q=: full-text search over highlights, notes and articles."""

from flask import Blueprint

from ..contract.search import SearchQuery, SearchResults
from ..db import get_store
from . import validate

blueprint = Blueprint("search", __name__)


@blueprint.get("/search")
def search():
    asked = validate.query(SearchQuery)
    return SearchResults.dump(query=asked.q, **get_store().search(asked.q, limit=asked.limit))
