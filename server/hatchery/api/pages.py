"""GET /api/pages (paginated), GET and DELETE /api/pages/ID."""

from flask import Blueprint

from ..contract.common import Paging
from ..contract.pages import PageList, PageReply
from ..db import get_store
from . import validate

blueprint = Blueprint("pages", __name__)


@blueprint.get("/pages")
def index():
    paging = validate.query(Paging)
    pages, total = get_store().list_pages(limit=paging.limit, offset=paging.offset)
    return PageList.dump(pages=pages, total=total, limit=paging.limit, offset=paging.offset)


@blueprint.get("/pages/<int:page_id>")
def detail(page_id: int):
    store = get_store()
    page = store.get_page(page_id)
    page["highlights"] = store.highlights_for_page(page_id)
    return PageReply.dump(page=page)


@blueprint.delete("/pages/<int:page_id>")
def delete(page_id: int):
    # The page and its highlights go to the trash; each highlight can come back.
    get_store().trash_page(page_id)
    return "", 204
