"""Browsing: the page list with its filters, search, and one page."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, redirect, render_template, request, url_for

from ..contract.limits import COLORS
from ..db import get_store
from ..errors import SearchError, ValidationError
from ..store import PageFilters
from .blueprint import MARK_CLOSE, MARK_OPEN, PAGE_SIZE, blueprint, last_page, page_number
from .reading import reading_view

# How many highlights and pages one page of search results shows: a
# screenful a person reads, with "More results" for the next (snippets and
# their marks cost a little for each result shown).
SEARCH_LIMIT = 30
# How many of its highlights a page's card in the list shows.
CARD_HIGHLIGHTS = 4


def _filters() -> PageFilters:
    args = request.args
    color = args.get("color", "")
    return PageFilters(tag=args.get("tag", "").strip(),
                       color=color if color in COLORS else "",
                       site=args.get("site", "").strip().lower(),
                       date_from=_date_arg("from"), date_to=_date_arg("to"))


def _date_arg(name: str) -> str:
    value = request.args.get(name, "").strip()
    if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-"
                      and value.replace("-", "").isdigit()):
        raise ValidationError(f"`{name}` must be a date like 2024-03-31.")
    return value


@blueprint.get("/")
def index():
    store = get_store()
    filters = _filters()
    number = page_number()
    pages, total = store.list_pages(filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE,
                                    with_highlights=True, highlights_per_page=CARD_HIGHLIGHTS)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "library/index.html", pages=pages, total=total, filters=filters,
        filtered=bool(filters), tags=store.tag_counts(), sites=store.page_sites(),
        page_number=number, last_page=last_page(total),
        page_link=lambda n: url_for("library.index") + "?" + urlencode({**args, "page": n}),
        deleted=request.args.get("deleted"), page_deleted=request.args.get("page_deleted"))


@blueprint.get("/search")
def search():
    query = request.args.get("q", "").strip()
    number = page_number()
    results, problem, more = {"highlights": [], "pages": []}, None, False
    if query:
        try:
            # One more of each than shown says whether a next page exists.
            results = get_store().search(query, limit=SEARCH_LIMIT + 1,
                                         offset=(number - 1) * SEARCH_LIMIT,
                                         marks=(MARK_OPEN, MARK_CLOSE))
        except SearchError as error:
            current_app.logger.info("search failed for %r", query, exc_info=True)
            problem = error.message
        more = any(len(found) > SEARCH_LIMIT for found in results.values())
        results = {kind: found[:SEARCH_LIMIT] for kind, found in results.items()}
    return render_template(
        "library/search.html", query=query, results=results, problem=problem,
        page_number=number, more=more,
        page_link=lambda n: url_for("library.search") + "?" + urlencode({"q": query, "page": n}))


@blueprint.get("/pages/<int:page_id>")
def page(page_id: int):
    store = get_store()
    found = store.get_page(page_id)
    found["highlights"] = store.highlights_for_page(page_id)
    blocks, unplaced = reading_view(found.get("article"), found["highlights"])
    return render_template("library/page.html", page=found, blocks=blocks, unplaced=unplaced,
                           deleted=request.args.get("deleted"),
                           saved=request.args.get("saved"))


@blueprint.post("/pages/<int:page_id>/delete")
def delete_page(page_id: int):
    store = get_store()
    title = store.get_page(page_id)["title"] or f"page {page_id}"
    gone = [h["id"] for h in store.highlights_for_page(page_id)]
    store.trash_page(page_id)
    return redirect(url_for("library.index", page_deleted=title, restore=",".join(gone)))


@blueprint.post("/pages/restore")
def restore_page():
    """Undo a page's delete: bring back the highlights it took to the trash
    (and the page with the first of them)."""
    store = get_store()
    restored = None
    for highlight_id in request.form.get("highlights", "").split(","):
        if highlight_id.strip():
            restored = store.restore_highlight(highlight_id.strip())
    if restored is None:
        return redirect(url_for("library.index"))
    return redirect(url_for("library.page", page_id=restored["page_id"]))
