"""A library that only ever grew by captures gets its search indexes merged
while the server is idle, a bounded step at a time, without holding up a
capture; search finds exactly what it found before."""

from __future__ import annotations

import sqlite3
import time

from conftest import TOKEN, make_capture

from hatchery.app import create_app
from hatchery.services.upkeep import BUSY, MERGED, MORE, merge_search_indexes
from hatchery.store import HighlightRecord, Store
from hatchery.store.base import BUSY_TIMEOUT_MS
from hatchery.store.search import SEARCH_INDEXES

WORDS = ("tide", "harbour", "gull", "wave", "pier")


def _grown_by_captures(tmp_path, pages: int = 60, per_page: int = 10) -> Store:
    """A real SQLite file written as captures write it: each page's article in
    a transaction of its own, then each highlight in one of its own."""
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    for p in range(pages):
        url = f"https://sea.example/{p}"
        words = " ".join(f"{WORDS[(p + k) % 5]} number{p}x{k}" for k in range(300))
        store.save_page(url, title=f"{WORDS[p % 5].title()} tables {p}",
                        article={"title": "Sea", "text": words})
        for h in range(per_page):
            store.add_capture(url, "", HighlightRecord(
                id=f"h{p}-{h}", exact=f"the {WORDS[h % 5]} at mark {p}-{h}",
                note=f"{WORDS[(h + 2) % 5]} note" if h % 3 == 0 else ""))
    return store


def _searches(store: Store) -> dict:
    return {word: store.search(word, limit=500) for word in WORDS}


def _merge_until_done(store: Store, **options) -> int:
    """Upkeep runs until every index is merged; how many runs it took."""
    for runs in range(1, 10_000):
        if merge_search_indexes(store, **options) == MERGED:
            return runs
    raise AssertionError("the merge never finished")


def test_upkeep_leaves_one_segment_per_index_and_search_finds_the_same(tmp_path):
    store = _grown_by_captures(tmp_path)
    grown = store.search_segments()
    assert min(grown.values()) > 3, grown  # what captures alone leave behind
    before = _searches(store)

    _merge_until_done(store)

    assert store.search_segments() == {index: 1 for index in SEARCH_INDEXES}
    assert _searches(store) == before
    for index in SEARCH_INDEXES:  # FTS5's own check of the merged index
        store.conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    # Nothing left to do: the next run says so after one look at each index.
    assert all(store.merge_search_index(index, 32) is False for index in SEARCH_INDEXES)
    assert merge_search_indexes(store) == MERGED


def test_each_step_does_a_bounded_amount_of_work(tmp_path):
    store = _grown_by_captures(tmp_path)
    grown = store.search_segments()["passages_fts"]
    # One page of work cannot merge a dozen segments of 60 articles.
    assert store.merge_search_index("passages_fts", 1) is True
    assert store.search_segments()["passages_fts"] > 1
    # Small steps get there all the same, in more runs than large ones.
    small = _merge_until_done(store, step_pages=1, budget_seconds=0)
    assert small > grown // 2
    assert store.search_segments()["passages_fts"] == 1


def test_a_run_stops_when_its_time_budget_is_spent_and_the_next_one_goes_on(tmp_path):
    store = _grown_by_captures(tmp_path, pages=20)
    segments = store.search_segments()
    # A budget already spent: one step, on the first index, and no more.
    assert merge_search_indexes(store, budget_seconds=-1) == MORE
    after = store.search_segments()
    assert after[SEARCH_INDEXES[0]] < segments[SEARCH_INDEXES[0]]
    assert {i: after[i] for i in SEARCH_INDEXES[1:]} == {i: segments[i] for i in SEARCH_INDEXES[1:]}
    assert merge_search_indexes(store, budget_seconds=60) == MERGED


def test_a_busy_database_is_skipped_and_merged_once_it_is_free(tmp_path):
    store = _grown_by_captures(tmp_path, pages=20)
    segments = store.search_segments()
    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an import holding the write lock
    try:
        assert merge_search_indexes(store) == BUSY
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert store.search_segments() == segments
    # The store's own writes still wait for the lock as long as before.
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    _merge_until_done(store)
    assert set(store.search_segments().values()) == {1}


def test_an_idle_server_merges_what_its_captures_left_and_a_capture_comes_first(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN,
                      "SEARCH_MERGE_QUIET_SECONDS": 0.2})
    merger = app.extensions["hatchery.search_merger"]
    client = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        for n in range(40):
            body = make_capture(url=f"https://sea.example/{n}", text=f"the tide at mark {n}",
                                prefix="", suffix="")
            assert client.post("/api/captures", json=body, headers=headers).status_code == 201
        store = Store(app.config["DATABASE"])
        assert store.search_segments()["highlights_fts"] > 1
        found = client.get("/api/search", query_string={"q": "tide"}, headers=headers).json

        deadline = time.monotonic() + 30
        while store.search_segments()["highlights_fts"] > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.search_segments()["highlights_fts"] == 1
        assert client.get("/api/search", query_string={"q": "tide"},
                          headers=headers).json == found
        # A capture after the merge is stored as ever.
        late = make_capture(url="https://sea.example/late", text="the last tide")
        assert client.post("/api/captures", json=late, headers=headers).status_code == 201
        store.close()
    finally:
        merger.stop()
