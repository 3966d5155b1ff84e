"""The hatch history, one hatch with its cited highlights, and its Markdown."""

from __future__ import annotations

from flask import render_template

from ..db import get_store
from ..responses import attachment
from ..services import exports
from .blueprint import PAGE_SIZE, blueprint, last_page, page_number


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
                           citations=citations, highlights=highlights)


@blueprint.get("/hatches/<int:hatch_id>.md")
def hatch_markdown(hatch_id: int):
    return attachment(exports.download(get_store(), "hatch", hatch_id))
