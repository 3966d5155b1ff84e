"""Hatching stored pages: gather the picked pages and highlights from the
store, run the engine, keep the result in the hatch history."""

from __future__ import annotations

from collections.abc import Sequence

from . import hatch as engine_lib
from .errors import ValidationError
from .store import Store

MAX_SOURCES = 50
MAX_HIGHLIGHTS = 500


def gather_sources(store: Store, page_ids: Sequence[int] = (),
                   highlight_ids: Sequence[str] = ()) -> list[engine_lib.Source]:
    """The sources for a hatch, in the order the person picked them.

    Picked pages bring all their highlights; picked highlights bring their
    page with just those highlights. Raises NotFoundError naming a missing id.
    """
    chosen: dict[int, list[dict]] = {}
    for page_id in dict.fromkeys(page_ids):
        store.get_page(page_id)  # NotFoundError names the page
        chosen[page_id] = store.highlights_for_page(page_id)
    for highlight in store.highlights_by_ids(list(dict.fromkeys(highlight_ids))):
        picked = chosen.setdefault(highlight["page_id"], [])
        if all(h["id"] != highlight["id"] for h in picked):
            picked.append(highlight)
    if len(chosen) > MAX_SOURCES:
        raise ValidationError(f"A hatch takes at most {MAX_SOURCES} pages; {len(chosen)} were picked.")
    count = sum(len(h) for h in chosen.values())
    if count > MAX_HIGHLIGHTS:
        raise ValidationError(
            f"A hatch takes at most {MAX_HIGHLIGHTS} highlights; {count} were picked.")
    return [_source(store.get_page(page_id), highlights)
            for page_id, highlights in chosen.items()]


def _source(page: dict, highlights: list[dict]) -> engine_lib.Source:
    article = page.get("article") or {}
    ordered = sorted(highlights, key=lambda h: (h["start"] is None, h["start"] or 0))
    return engine_lib.Source(
        id=page["id"], url=page["url"], title=page["title"] or page["url"],
        site_name=page.get("site_name"), text=article.get("text") or page.get("article_text") or "",
        highlights=[
            engine_lib.SourceHighlight(
                id=h["id"], text=h["exact"], note=h["note"] or None, color=h["color"],
                tags=list(h["tags"]), start=h["start"],
                context=(h["context"] or {}).get("block_text") or None)
            for h in ordered
        ],
    )


def create_hatch(store: Store, *, page_ids: Sequence[int] = (),
                 highlight_ids: Sequence[str] = (), engine: str = "local",
                 length: str = "short") -> dict:
    """Hatch the picked pages/highlights and store the result.

    :raises NothingToHatch: nothing was picked, or what was has no text
    :raises ValueError: an unknown engine or length
    """
    sources = gather_sources(store, page_ids, highlight_ids)
    result = engine_lib.hatch(sources, engine=engine, length=length)
    return store.add_hatch(
        title=result.title, engine=result.engine, length=length,
        page_ids=[s.id for s in sources],
        highlight_ids=[h.id for s in sources for h in s.highlights],
        result=result.to_dict())


def flatten(stored: dict) -> dict:
    """A stored hatch as the API shows it: its record and its content side by side."""
    result = stored.get("result") or {}
    meta = {k: v for k, v in stored.items() if k != "result"}
    return {**result, **meta}
