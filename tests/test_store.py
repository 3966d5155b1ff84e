"""The SQLite file: schema, migrations, durability."""

import sqlite3

from hatchery.store import MIGRATIONS, HighlightRecord, PageFilters, Store, fts_query
from hatchery.urls import normalize_url


def test_a_new_database_is_migrated_in_wal_mode_with_foreign_keys(tmp_path):
    store = Store(tmp_path / "h.sqlite3")
    assert store.migrate() == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.integrity_check() == "ok"


def test_migrating_twice_changes_nothing(tmp_path):
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    page = store.save_page("https://a.example/", title="A")
    store.add_highlight(page["id"], HighlightRecord(id="h1", exact="kept"))
    store.close()
    again = Store(tmp_path / "h.sqlite3")
    again.migrate()
    assert again.get_highlight("h1")["exact"] == "kept"


def test_a_failed_write_leaves_nothing_half_done(tmp_path):
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    try:
        with store.transaction() as conn:
            conn.execute("INSERT INTO pages (url, created_at, updated_at) VALUES ('u', 'x', 'x')")
            raise sqlite3.OperationalError("disk went away")
    except sqlite3.OperationalError:
        pass
    assert store.page_by_url("u") is None


def test_fts_query_neutralises_syntax():
    assert fts_query('moon "tide') == '"moon" """tide"'
    assert fts_query("sea*") == '"sea"*'
    assert fts_query("  ") == ""


def test_url_normalisation():
    assert normalize_url("HTTPS://Example.COM:443/a?utm_medium=x&id=3&gclid=y#frag") == \
        "https://example.com/a?id=3"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/p?b=1&a=2") == "http://example.com:8080/p?b=1&a=2"


def _two_pages(tmp_path) -> Store:
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    tides = store.save_page("https://tides.example/", title="Tides")
    store.save_page("https://empty.example/", title="Nothing highlighted")
    store.add_highlight(tides["id"], HighlightRecord(
        id="h1", exact="The moon pulls the sea", note="gravity", color="blue", tags=["sea"]))
    return store


def test_the_page_list_without_filters_is_every_page_and_with_them_only_matches(tmp_path):
    from hatchery.store import PageFilters

    store = _two_pages(tmp_path)
    everything, total = store.list_pages()
    assert total == 2 and {p["title"] for p in everything} == {"Tides", "Nothing highlighted"}
    assert "highlights" not in everything[0]
    blue, total = store.list_pages(PageFilters(color="blue"), with_highlights=True)
    assert total == 1 and [h["id"] for h in blue[0]["highlights"]] == ["h1"]
    assert store.list_pages(PageFilters(tag="none"))[1] == 0


def test_search_with_marks_finds_what_plain_search_finds_and_marks_each_column(tmp_path):
    store = _two_pages(tmp_path)
    plain = store.search("moon")
    marked = store.search("moon", marks=("<", ">"))
    assert [h["id"] for h in plain["highlights"]] == [h["id"] for h in marked["highlights"]]
    assert "[moon]" in plain["highlights"][0]["snippet"]
    assert "<moon>" in marked["highlights"][0]["exact_snippet"]
    assert marked["highlights"][0]["note_snippet"] == "gravity"


def test_a_page_card_gets_its_first_highlights_in_page_order_and_counts_them_all(tmp_path):
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    page = store.save_page("https://tides.example/", title="Tides")
    for n, start in enumerate([300, 10, 200, None, 50]):
        store.add_highlight(page["id"], HighlightRecord(
            id=f"h{n}", exact=f"quote {n}", start=start, end=None if start is None else start + 5,
            color="blue" if n % 2 else "yellow"))
    pages, _ = store.list_pages(with_highlights=True, highlights_per_page=3)
    assert [h["id"] for h in pages[0]["highlights"]] == ["h1", "h4", "h2"]
    assert pages[0]["highlight_count"] == 5
    everything, _ = store.list_pages(with_highlights=True)
    assert [h["id"] for h in everything[0]["highlights"]] == ["h1", "h4", "h2", "h0", "h3"]
    blue, _ = store.list_pages(PageFilters(color="blue"), with_highlights=True,
                               highlights_per_page=1)
    assert [h["id"] for h in blue[0]["highlights"]] == ["h1"] and blue[0]["highlight_count"] == 2


def test_the_site_filter_lists_each_site_once_until_its_last_page_goes(tmp_path):
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    first = store.save_page("https://Sea.example/a", title="A")
    store.save_page("https://sea.example/b", title="B")
    store.save_page("http://tides.example", title="C")
    store.save_page("kindle://book/1", title="Book")
    assert store.page_sites() == ["sea.example", "tides.example"]
    store.trash_page(first["id"])
    assert store.page_sites() == ["sea.example", "tides.example"]
    store.trash_page(store.page_by_url("https://sea.example/b")["id"])
    assert store.page_sites() == ["tides.example"]
