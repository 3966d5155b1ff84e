"""A small library to export, search and browse: three pages (one with its
article extracted), highlights in every colour with notes and tags, and a
stored hatch."""

from __future__ import annotations

from pathlib import Path

from hatchery.services.captures import Capture, save_capture
from hatchery.services.extraction import ExtractionWorker
from hatchery.store import HighlightRecord, Store

RESOURCES = Path(__file__).parent / "resources"

HIGHLIGHT_IDS = {
    "moon": "11111111-1111-4111-8111-111111111111",
    "bulge": "22222222-2222-4222-8222-222222222222",
    "focus": "33333333-3333-4333-8333-333333333333",
    "script": "44444444-4444-4444-8444-444444444444",
}


def fill(store: Store) -> dict:
    """Fill `store`; returns the hatch it stored."""
    html = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")
    save_capture(store, Capture(
        url="https://example.org/articles/tides?utm_source=x", title="How tides work", html=html,
        highlight=HighlightRecord(id=HIGHLIGHT_IDS["moon"], exact="The Moon pulls the oceans",
                                   prefix="Every day, ", suffix=" toward it", start=120, end=145,
                                   color="yellow", note="Gravity, mostly; ask about lunar months",
                                   tags=["science", "tides"])))
    # The server extracts after the capture; here the test waits for it.
    worker = ExtractionWorker(str(store.path))
    worker.wake()
    assert worker.wait_until_settled(120)
    save_capture(store, Capture(
        url="https://example.org/articles/tides", title="How tides work",
        highlight=HighlightRecord(id=HIGHLIGHT_IDS["bulge"], exact="making a bulge\non both sides",
                                   color="blue", note="", tags=["science"])))
    save_capture(store, Capture(
        url="https://essays.example.com/attention", title="On attention, and = formulas",
        highlight=HighlightRecord(id=HIGHLIGHT_IDS["focus"], exact="=SUM(A1:A2) is not a thought",
                                   color="green", note="Multi-line\nnote: with \"quotes\"",
                                   tags=["focus", "deep work"])))
    save_capture(store, Capture(
        url="https://evil.example/xss", title="<script>alert('pwned')</script> Evil page",
        highlight=HighlightRecord(id=HIGHLIGHT_IDS["script"], exact="<img src=x onerror=alert(1)>",
                                   color="pink", note="<b>not bold</b>", tags=["<tag>"])))
    tides = store.page_by_url("https://example.org/articles/tides")
    attention = store.page_by_url("https://essays.example.com/attention")
    result = {
        "title": "Tides and attention",
        "introduction": [{"text": "Two pages, one pull.", "cites": [1, 2]}],
        "sections": [
            {"source_id": tides["id"], "title": "How tides work", "site": "example.org",
             "url": tides["url"],
             "paragraphs": [[{"text": "The Moon pulls the oceans.", "cites": [1]}]]},
            {"source_id": attention["id"], "title": attention["title"], "site": None,
             "url": attention["url"],
             "paragraphs": [[{"text": "A formula is not a thought.", "cites": [2]}]]},
        ],
        "threads": [{"phrase": "pull", "source_ids": [tides["id"], attention["id"]],
                     "cites": [1, 2]}],
        "advice": [{"text": "Notice what pulls you.", "cites": [2]}],
        "conclusion": [{"text": "Both pull.", "cites": [1, 2]}],
        "citations": [
            {"n": 1, "source_id": tides["id"], "highlight_id": HIGHLIGHT_IDS["moon"],
             "url": tides["url"], "title": "How tides work",
             "link": tides["url"] + "#:~:text=The%20Moon%20pulls"},
            {"n": 2, "source_id": attention["id"], "highlight_id": HIGHLIGHT_IDS["focus"],
             "url": attention["url"], "title": attention["title"]},
        ],
        "engine": "local", "length": "short",
    }
    return store.add_hatch(title=result["title"], engine="local", length="short",
                           page_ids=[tides["id"], attention["id"]],
                           highlight_ids=[HIGHLIGHT_IDS["moon"], HIGHLIGHT_IDS["focus"]],
                           result=result)
