"""Full-text search over highlights, notes, page titles and articles (FTS5).

Pages are found and ranked on their whole article (`pages_fts`); the
snippet that shows why a page matched is cut from the first of its
passages that holds the words (`passages_fts`, see passages.py), because
snippet() over a whole article reads all of it, for each page shown.
Ranking (bm25) is done before any snippet is made, over at most the
newest RANKED_MATCHES matches.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import SearchError
from .base import BUSY_TIMEOUT_MS, StoreBase, highlight_dict

# How a match is shown. Without marks (the API): one snippet per result, the
# matched words in [brackets]; a page's comes from its article, or from its
# title when only the title matched. With marks (the library): a snippet
# per column, so the view can show the quote and the note, or the title and
# the article, apart, with the caller's marks around the matched words.
# :open and :close are the marks; the last number is the snippet's length
# in tokens.
PLAIN_SNIPPETS = {
    "highlights": "snippet(highlights_fts, -1, :open, :close, '…', 12) AS snippet",
    "passage": "snippet(passages_fts, 0, :open, :close, '…', 16)",
}
MARKED_SNIPPETS = {
    "highlights": "snippet(highlights_fts, 0, :open, :close, '…', 24) AS exact_snippet,"
                  " snippet(highlights_fts, 1, :open, :close, '…', 24) AS note_snippet",
    "passage": "snippet(passages_fts, 0, :open, :close, '…', 24)",
}
TITLE_SNIPPET = "snippet(titles_fts, 0, :open, :close, '…', 16)"
PLAIN_MARKS = ("[", "]")

# bm25 costs a few microseconds for each match it ranks, more for a page
# than for a highlight (every occurrence in the article counts): ranking
# every highlight with a word found in a quarter of 100,000 would take
# 100 ms, and ranking 5,000 of them (1,000 pages) was still half of a
# search's time. So a search ranks only the newest matches, at most this
# many of each; a search with fewer matches (nearly every search) ranks
# them all. A word in more than 2,000 highlights says little about which
# is best (bm25 weighs it by its rarity), so little is lost.
RANKED_MATCHES = {"highlights": 2000, "pages": 500}
# The rowid of the oldest match a search ranks (the newest :ranked ones).
_RANK_FROM = ("COALESCE((SELECT rowid FROM {table} WHERE {table} MATCH :match"
              " ORDER BY rowid DESC LIMIT 1 OFFSET :ranked - 1), -9223372036854775808)")

# Every full-text index, for tidying. Each is kept in segments, and a search
# looks a word up in every one: a library imported in one go is left with a
# dozen per index, which makes the snippet lookup, one per page shown, take
# twice as long as over one merged segment.
SEARCH_INDEXES = ("highlights_fts", "pages_fts", "passages_fts", "titles_fts")

_SQLITE_REFUSED = ("Hatchery could not read that search. Try plain words; add * to a "
                   "word's end to match its beginning, like tide*.")


def fts_terms(text: str) -> list[str]:
    """What a person typed as safe FTS5 terms: each word quoted, so anything
    in it is literal, and a trailing * kept for prefix search."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return terms


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must
    appear, a trailing * keeps prefix search, anything else is literal."""
    return " ".join(fts_terms(text))


class Search(StoreBase):
    def search(self, query: str, *, limit: int = 50, offset: int = 0,
               marks: tuple[str, str] | None = None) -> dict[str, list[dict]]:
        """Highlights and pages that contain every word of `query`, best first.

        :param query: words as a person types them; FTS syntax is neutralised
        :param limit: at most this many highlights, and this many pages
        :param offset: skip this many of the best of each first (a later
            page of results)
        :param marks: (open, close) to wrap matched words in, with one
            snippet per column (`exact_snippet`, `note_snippet`;
            `title_snippet`, `text_snippet`) so a view can escape the text
            first and mark the matches after. Without: one `snippet` per
            result with the matches in [brackets].
        :raises SearchError: SQLite could not run the search
        """
        terms = fts_terms(query)
        if not terms:
            return {"highlights": [], "pages": []}
        snippets = MARKED_SNIPPETS if marks else PLAIN_SNIPPETS
        marks = marks or PLAIN_MARKS
        try:
            highlights = self._matching_highlights(" ".join(terms), limit, offset,
                                                   snippets, marks)
            pages = self._matching_pages(terms, limit, offset, snippets, marks)
        except sqlite3.OperationalError as error:
            raise SearchError(_SQLITE_REFUSED) from error
        return {"highlights": highlights, "pages": pages}

    def tidy_search_indexes(self) -> None:
        """Merge each full-text index into one segment (FTS5 'optimize').

        Rewrites every index, a few seconds for 5,000 long articles, while
        holding the write lock: for after a bulk import, not after a capture
        (FTS5 merges a few small segments as it goes, and the idle upkeep
        the rest, a step at a time: `merge_search_index`).
        """
        with self.transaction():
            for index in SEARCH_INDEXES:
                self.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")

    def merge_search_index(self, index: str, pages: int) -> bool:
        """Merge some of one full-text index's segments: about `pages` pages
        of merged data written (FTS5 'merge' with a negative count, which
        merges segments of every level, towards one), in one short
        transaction that does not wait for another writer.

        :param index: one of SEARCH_INDEXES
        :param pages: how much work, in index pages (about 4 KB each)
        :returns: False when there was nothing to merge (one segment)
        :raises BusyError: another connection holds the write lock
        """
        if index not in SEARCH_INDEXES:
            raise ValueError(f"not a search index: {index}")
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            with self.transaction():
                before = self.conn.total_changes
                self.conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('merge', ?)",
                                  (-max(1, pages),))
                # FTS5 counts two changes or more when the merge did work.
                return self.conn.total_changes - before >= 2
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def search_segments(self) -> dict[str, int]:
        """How many segments each full-text index is kept in (a search
        looks a word up in each)."""
        return {index: self.conn.execute(f"SELECT COUNT(DISTINCT segid) FROM {index}_idx")
                .fetchone()[0] for index in SEARCH_INDEXES}

    def _matching_highlights(self, match: str, limit: int, offset: int, snippets: dict,
                             marks: tuple[str, str]) -> list[dict]:
        rows = self.conn.execute(
            f"SELECT h.*, p.url, p.title AS page_title, {snippets['highlights']}"
            " FROM highlights_fts JOIN highlights h ON h.rowid = highlights_fts.rowid"
            " JOIN pages p ON p.id = h.page_id"
            " WHERE highlights_fts MATCH :match AND highlights_fts.rowid >= "
            + _RANK_FROM.format(table="highlights_fts") + " ORDER BY rank LIMIT :limit OFFSET :offset",
            _params(marks, match=match, limit=limit, offset=offset,
                    ranked=max(offset + limit, RANKED_MATCHES["highlights"]))).fetchall()
        return [highlight_dict(r) for r in rows]

    def _matching_pages(self, terms: list[str], limit: int, offset: int, snippets: dict,
                        marks: tuple[str, str]) -> list[dict]:
        rows = self.conn.execute(
            "SELECT p.id, p.url, p.title, p.site_name"
            " FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
            " WHERE pages_fts MATCH :match AND pages_fts.rowid >= "
            + _RANK_FROM.format(table="pages_fts") + " ORDER BY rank LIMIT :limit OFFSET :offset",
            _params(marks, match=" ".join(terms), limit=limit, offset=offset,
                    ranked=max(offset + limit, RANKED_MATCHES["pages"]))).fetchall()
        pages = [dict(row) for row in rows]
        texts = {page["id"]: self._passage_snippet(page["id"], terms, snippets["passage"], marks)
                 for page in pages}
        plain = snippets is PLAIN_SNIPPETS
        # Plain search shows a title only when the article has none of the words.
        titled = [page for page in pages if not plain or not texts[page["id"]]]
        titles = self._title_snippets([page["id"] for page in titled], terms, marks)
        for page in pages:
            text, title = texts[page["id"]], titles.get(page["id"], page["title"])
            if plain:
                page["snippet"] = text or title
            else:
                page["title_snippet"], page["text_snippet"] = title, text
        return pages

    def _title_snippets(self, page_ids: list[int], terms: list[str],
                        marks: tuple[str, str]) -> dict[int, str]:
        """The titles of these pages that hold a word of the search, with
        the words marked, by page id. One statement for them all: the + keeps
        SQLite from asking FTS5 for each id on its own (a cursor each, a
        tenth of a millisecond); it reads the word's titles once instead,
        and snippet() runs only for the pages asked about."""
        if not page_ids:
            return {}
        rows = self.conn.execute(
            f"SELECT rowid, {TITLE_SNIPPET} FROM titles_fts"
            " WHERE titles_fts MATCH :match"
            " AND +rowid IN (SELECT value FROM json_each(:pages))",
            _params(marks, match=" OR ".join(terms), pages=json.dumps(page_ids))).fetchall()
        return dict(rows)

    def _passage_snippet(self, page_id: int, terms: list[str], snippet: str,
                         marks: tuple[str, str]) -> str:
        """The snippet of the page's first passage with every word, else of
        its first with any ('' when no word is in the article: the page
        matched on its title)."""
        queries = [" ".join(terms)] + ([" OR ".join(terms)] if len(terms) > 1 else [])
        for match in queries:
            # A page's passages were written by one statement, so their ids
            # are one run: FTS5 looks in that range only (an IN list of
            # ids would be probed one by one). The join keeps it exact.
            row = self.conn.execute(
                f"SELECT {snippet} FROM passages_fts"
                " CROSS JOIN page_passages pp ON pp.id = passages_fts.rowid"
                " WHERE passages_fts MATCH :match AND pp.page_id = :page"
                " AND passages_fts.rowid BETWEEN"
                " (SELECT MIN(id) FROM page_passages WHERE page_id = :page)"
                " AND (SELECT MAX(id) FROM page_passages WHERE page_id = :page)"
                " ORDER BY passages_fts.rowid LIMIT 1",
                _params(marks, match=match, page=page_id)).fetchone()
            if row is not None:
                return row[0]
        return ""


def _params(marks: tuple[str, str], **values) -> dict:
    return {"open": marks[0], "close": marks[1], **values}
