"""The hatch history, one hatch with its cited highlights, and its Markdown."""

from __future__ import annotations

from flask import render_template

from ..db import get_store
from ..responses import attachment
from ..services import exports
from .blueprint import PAGE_SIZE, blueprint, last_page, page_number


# The engine's English section names (hatch/vocabulary.py), for hatches
# stored before the server sent `headings` with each hatch.
ENGLISH_HEADINGS = {"threads": "Common threads", "advice": "Actionable advice",
                    "conclusion": "In conclusion", "sources": "Sources", "notes": "Notes"}


def source_pages(citations: list[dict]) -> list[dict]:
    """Stored citations grouped by page, pages numbered in the order first
    cited: `[{number, title, url, entries: [citation, ...]}]`."""
    pages: dict[object, list[dict]] = {}
    for c in sorted(citations, key=lambda c: c.get("n") or 0):
        pages.setdefault(c.get("source_id") or c.get("url"), []).append(c)
    return [{"number": i, "title": group[0].get("title") or group[0].get("url"),
             "url": group[0].get("url"), "source_id": group[0].get("source_id"), "entries": group}
            for i, group in enumerate(pages.values(), 1)]


@blueprint.get("/hatches")
def hatches():
    number = page_number()
    found, total = get_store().list_hatches(limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return render_template("library/hatches.html", hatches=found, total=total,
                           page_number=number, last_page=last_page(total))


@blueprint.get("/hatches/<int:hatch_id>")
def hatch(hatch_id: int):
    store = get_store()
    found = store.get_hatch(hatch_id)
    result = found.get("result") or {}
    citations = {c.get("n"): c for c in result.get("citations") or [] if isinstance(c, dict)}
    highlights = {}
    for citation in citations.values():
        if citation.get("highlight_id"):
            highlights[citation["highlight_id"]] = store.find_highlight(citation["highlight_id"])
    return render_template("library/hatch.html", hatch=found, result=result,
                           citations=citations, highlights=highlights,
                           pages=source_pages(list(citations.values())),
                           names={**ENGLISH_HEADINGS, **(result.get("headings") or {})})


@blueprint.get("/hatches/<int:hatch_id>.md")
def hatch_markdown(hatch_id: int):
    return attachment(exports.download(get_store(), "hatch", hatch_id))
