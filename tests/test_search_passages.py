"""Search snippets come from the passage of a long article that holds the
words, whatever the article's length, and the passages follow every change
to the article: a new extraction, a deleted page, an old database."""

import sqlite3

import pytest

from hatchery.store import MIGRATIONS, HighlightRecord, Store
from hatchery.store.passages import MAX_PASSAGE_CHARS, MIN_PASSAGE_CHARS, passage_spans
from hatchery.store.schema import split_sql

FILLER = ("The harbour wall was built of grey stone, and the boats along it rose and fell"
          " with the water every morning and evening of the year.")


def _long_article(middle: str, paragraphs: int = 400) -> str:
    """About 60 KB of filler with `middle` as one paragraph near its middle."""
    body = [FILLER] * paragraphs
    body[paragraphs // 2] = middle
    return "\n\n".join(body)


def _store(tmp_path) -> Store:
    store = Store(tmp_path / "h.sqlite3")
    store.migrate()
    return store


def _page_with_article(store: Store, url: str, text: str, title: str = "Harbour") -> dict:
    return store.save_page(url, title=title, article={"title": title, "text": text})


def _passages_index_is_sound(store: Store) -> None:
    """FTS5 checks its indexes against the article text, span by span, and
    against the titles."""
    for index in ("passages_fts", "titles_fts"):
        store.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


def test_every_paragraph_is_in_a_passage_short_ones_together_long_ones_cut():
    heading, item, long = "Tides", "A short list item.", "word " * 2000
    text = "\n\n".join([heading, item, FILLER, FILLER, FILLER, long, item])
    spans = passage_spans(text)
    pieces = [text[start:start + length] for start, length in spans]
    assert pieces[0].startswith("Tides\n\nA short list item.\n\n" + FILLER)
    assert len(pieces[0]) >= MIN_PASSAGE_CHARS
    assert all(len(piece) <= MAX_PASSAGE_CHARS for piece in pieces)
    assert " ".join(pieces).split() == text.split()  # nothing lost, nothing twice
    cut = [piece for piece in pieces if piece.startswith("word")]
    assert len(cut) >= 3 and all(piece.endswith(" ") for piece in cut[:-1])  # at a space
    assert passage_spans("") == [] and passage_spans("\n\n \n\n") == []


def test_a_word_in_the_middle_of_a_long_article_is_shown_in_its_snippet(tmp_path):
    store = _store(tmp_path)
    middle = "Only here does the lighthouse keeper mention the albatross he fed."
    text = _long_article(middle)
    assert len(text) > 50_000 and text.index("albatross") > 25_000
    _page_with_article(store, "https://sea.example/keeper", text)

    found = store.search("albatross")["pages"]
    assert [p["title"] for p in found] == ["Harbour"]
    assert "[albatross]" in found[0]["snippet"] and "keeper" in found[0]["snippet"]
    marked = store.search("albatross", marks=("<", ">"))["pages"][0]
    assert "<albatross>" in marked["text_snippet"]
    assert marked["title_snippet"] == "Harbour"


def test_words_in_different_paragraphs_still_find_the_page(tmp_path):
    store = _store(tmp_path)
    text = _long_article("The albatross circled the mast.")
    text += "\n\nAt the very end, a cormorant dried its wings."
    _page_with_article(store, "https://sea.example/birds", text)
    _page_with_article(store, "https://sea.example/other", _long_article("An albatross."))

    found = store.search("albatross cormorant")["pages"]
    assert [p["url"] for p in found] == ["https://sea.example/birds"]
    assert "[albatross]" in found[0]["snippet"]


def test_a_page_found_by_its_title_only_shows_its_title(tmp_path):
    store = _store(tmp_path)
    _page_with_article(store, "https://sea.example/gulls", _long_article(FILLER),
                       title="Gulls of the north")
    plain = store.search("gulls")["pages"][0]
    assert plain["snippet"] == "[Gulls] of the north"
    marked = store.search("gulls", marks=("<", ">"))["pages"][0]
    assert marked["title_snippet"] == "<Gulls> of the north" and marked["text_snippet"] == ""


def test_a_new_article_replaces_the_passages_and_title_of_the_old(tmp_path):
    store = _store(tmp_path)
    _page_with_article(store, "https://sea.example/keeper", _long_article("The albatross."),
                       title="Albatross days")
    _page_with_article(store, "https://sea.example/keeper", _long_article("The petrel."),
                       title="Petrel nights")
    assert store.search("albatross")["pages"] == []
    assert "[petrel]" in store.search("petrel")["pages"][0]["snippet"]
    marked = store.search("petrel", marks=("<", ">"))["pages"][0]
    assert marked["title_snippet"] == "<Petrel> nights"
    _passages_index_is_sound(store)


def test_a_deleted_page_takes_its_passages_with_it(tmp_path):
    store = _store(tmp_path)
    page = _page_with_article(store, "https://sea.example/keeper",
                              _long_article("The albatross."))
    _page_with_article(store, "https://sea.example/kept", _long_article("A petrel."))
    store.add_highlight(page["id"], HighlightRecord(id="h1", exact="The albatross."))
    store.trash_page(page["id"])
    assert store.search("albatross") == {"highlights": [], "pages": []}
    assert store.conn.execute("SELECT COUNT(*) FROM page_passages WHERE page_id = ?",
                              (page["id"],)).fetchone()[0] == 0
    _passages_index_is_sound(store)


# The schema before passages, titles and site counts.
OLD_VERSION = 9


def test_an_old_database_with_articles_gets_passages_when_migrated(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    for number, (_name, script) in enumerate(MIGRATIONS[:OLD_VERSION], start=1):
        for statement in split_sql(script):
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("INSERT INTO pages (url, title, article_text, created_at, updated_at)"
                " VALUES ('https://sea.example/keeper', 'Harbour', ?, 'x', 'x')",
                (_long_article("Only here is the albatross."),))
    old.execute("INSERT INTO highlights (id, page_id, exact, note, created_at, updated_at)"
                " VALUES ('h1', 1, 'grey stone', 'an albatross', 'x', 'x')")
    old.close()

    store = Store(path)
    assert store.migrate() == len(MIGRATIONS)
    found = store.search("albatross")
    assert [h["id"] for h in found["highlights"]] == ["h1"]
    assert "[albatross]" in found["pages"][0]["snippet"]
    _passages_index_is_sound(store)
    assert store.integrity_check() == "ok"
    assert store.page_sites() == ["sea.example"]


@pytest.mark.parametrize("query", ["albatross*", "ALBATROSS", '"albatross', "albatross OR x"])
def test_prefixes_case_and_syntax_reach_the_passages_too(tmp_path, query):
    store = _store(tmp_path)
    _page_with_article(store, "https://sea.example/keeper", _long_article("The albatross."))
    pages = store.search(query)["pages"]
    if query == "albatross OR x":  # every word must appear, OR included
        assert pages == []
    else:
        assert "[albatross]" in pages[0]["snippet"]


def test_a_word_in_more_highlights_than_are_ranked_ranks_the_newest(tmp_path, monkeypatch):
    from hatchery.store import search

    store = _store(tmp_path)
    page = _page_with_article(store, "https://sea.example/tides", FILLER)
    store.add_highlight(page["id"], HighlightRecord(id="best", exact="tide tide tide"))
    for n in range(4):
        store.add_highlight(page["id"], HighlightRecord(
            id=f"newer{n}", exact=f"the tide came in at noon on day {n}"))
    assert [h["id"] for h in store.search("tide", limit=2)["highlights"]][0] == "best"

    monkeypatch.setattr(search, "RANKED_MATCHES", {"highlights": 3, "pages": 3})
    found = [h["id"] for h in store.search("tide", limit=2)["highlights"]]
    assert len(found) == 2 and set(found) <= {"newer1", "newer2", "newer3"}
