"""Search after a bulk import reads merged indexes and finds what it found
before; a page's title and article snippets come out right however many
pages a search shows."""

import json

from hatchery.services.imports import import_bytes
from hatchery.store import HighlightRecord, Store
from hatchery.store.search import SEARCH_INDEXES


def _store(tmp_path) -> Store:
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    return store


def _segments(store: Store) -> dict[str, int]:
    return {index: store.conn.execute(f"SELECT COUNT(DISTINCT segid) FROM {index}_idx")
            .fetchone()[0] for index in SEARCH_INDEXES}


def _export(pages: list[dict]) -> bytes:
    return json.dumps({"format": "hatchery", "version": 1, "pages": pages,
                       "hatches": []}).encode()


def _save(store: Store, n: int) -> None:
    """A page saved on its own, as a capture does: a new segment in each index."""
    page = store.save_page(f"https://sea.example/{n}", title=f"Tide tables {n}",
                           article={"title": "Tides", "text": f"The tide at harbour {n}."})
    store.add_highlight(page["id"], HighlightRecord(id=f"h{n}", exact=f"tide number {n}"))


def test_a_bulk_import_leaves_one_segment_per_index_and_search_finds_the_same(tmp_path):
    store = _store(tmp_path)
    for n in range(3):
        _save(store, n)
    assert max(_segments(store).values()) > 1
    before = store.search("tide")

    imported = [{"url": f"https://gulls.example/{n}", "title": f"Gulls {n}",
                 "highlights": [{"id": f"g{n}", "exact": f"gulls over the tide {n}"}]}
                for n in range(3)]
    report = import_bytes(store, _export(imported))
    assert report["pages"] == 3
    assert set(_segments(store).values()) == {1}
    after = store.search("tide")
    assert [h["id"] for h in after["highlights"] if h["id"].startswith("h")] == \
        [h["id"] for h in before["highlights"]]
    assert {h["id"] for h in after["highlights"]} >= {"g0", "g1", "g2"}
    assert [p["url"] for p in after["pages"]] == [p["url"] for p in before["pages"]]


def test_a_small_import_into_a_large_library_leaves_the_indexes_as_they_are(tmp_path):
    store = _store(tmp_path)
    for n in range(12):
        _save(store, n)
    segments = _segments(store)
    import_bytes(store, _export([{"url": "https://gulls.example/one", "title": "Gulls",
                                  "highlights": [{"id": "g", "exact": "one gull"}]}]))
    assert _segments(store)["passages_fts"] >= segments["passages_fts"]
    assert max(_segments(store).values()) > 1
    assert [h["id"] for h in store.search("gull")["highlights"]] == ["g"]


def test_each_page_shown_gets_its_own_title_and_article_snippet(tmp_path):
    store = _store(tmp_path)
    for n in range(5):
        store.save_page(f"https://sea.example/{n}", title=f"Harbour {n}" if n % 2 else "Tides",
                        article={"title": "x", "text": f"The harbour wall, number {n}."})
    found = {p["url"]: p for p in store.search("harbour", marks=("<", ">"))["pages"]}
    assert len(found) == 5
    for n in range(5):
        page = found[f"https://sea.example/{n}"]
        assert page["text_snippet"] == f"The <harbour> wall, number {n}."
        assert page["title_snippet"] == (f"<Harbour> {n}" if n % 2 else "Tides")
    plain = {p["url"]: p["snippet"] for p in store.search("harbour")["pages"]}
    assert plain["https://sea.example/3"] == "The [harbour] wall, number 3."


def test_an_import_is_kept_when_another_write_holds_the_indexes_too_long(tmp_path, monkeypatch):
    from hatchery.errors import BusyError

    store = _store(tmp_path)

    def busy():
        raise BusyError("busy")

    monkeypatch.setattr(store, "tidy_search_indexes", busy)
    report = import_bytes(store, _export([{"url": "https://gulls.example/one", "title": "Gulls",
                                           "highlights": [{"id": "g", "exact": "one gull"}]}]))
    assert report["pages"] == 1
    assert [h["id"] for h in store.search("gull")["highlights"]] == ["g"]
