"""Full-text search over highlights, notes, page titles and articles (FTS5).

Pages are found and ranked on their whole article (`pages_fts`); the
snippet that shows why a page matched is cut from the first of its
passages that holds the words (`passages_fts`, see passages.py), because
snippet() over a whole article reads all of it, for each page shown.
"""

from __future__ import annotations

import sqlite3

from ..errors import SearchError
from .base import StoreBase, highlight_dict

# How a match is shown. Without marks (the API): one snippet per result, the
# matched words in [brackets]; a page's comes from its article, or from its
# title when only the title matched. With marks (the library): a snippet
# per column, so the view can show the quote and the note, or the title and
# the article, apart, with the caller's marks around the matched words.
# Each `?` pair is (open mark, close mark); the last number is the snippet's
# length in tokens.
PLAIN_SNIPPETS = {
    "highlights": "snippet(highlights_fts, -1, ?, ?, '…', 12) AS snippet",
    "title": "snippet(pages_fts, 0, ?, ?, '…', 16) AS title_snippet",
    "passage": "snippet(passages_fts, 0, ?, ?, '…', 16)",
}
MARKED_SNIPPETS = {
    "highlights": "snippet(highlights_fts, 0, ?, ?, '…', 24) AS exact_snippet,"
                  " snippet(highlights_fts, 1, ?, ?, '…', 24) AS note_snippet",
    "title": "snippet(pages_fts, 0, ?, ?, '…', 16) AS title_snippet",
    "passage": "snippet(passages_fts, 0, ?, ?, '…', 24)",
}
PLAIN_MARKS = ("[", "]")

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
    def search(self, query: str, *, limit: int = 50,
               marks: tuple[str, str] | None = None) -> dict[str, list[dict]]:
        """Highlights and pages that contain every word of `query`, best first.

        :param query: words as a person types them; FTS syntax is neutralised
        :param limit: at most this many highlights, and this many pages
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
            highlights = self._matching_highlights(" ".join(terms), limit, snippets, marks)
            pages = self._matching_pages(terms, limit, snippets, marks)
        except sqlite3.OperationalError as error:
            raise SearchError(_SQLITE_REFUSED) from error
        return {"highlights": highlights, "pages": pages}

    def _matching_highlights(self, match: str, limit: int, snippets: dict,
                             marks: tuple[str, str]) -> list[dict]:
        columns = snippets["highlights"]
        rows = self.conn.execute(
            f"SELECT h.*, p.url, p.title AS page_title, {columns}"
            " FROM highlights_fts JOIN highlights h ON h.rowid = highlights_fts.rowid"
            " JOIN pages p ON p.id = h.page_id"
            " WHERE highlights_fts MATCH ? ORDER BY rank LIMIT ?",
            (*marks * columns.count("snippet("), match, limit)).fetchall()
        return [highlight_dict(r) for r in rows]

    def _matching_pages(self, terms: list[str], limit: int, snippets: dict,
                        marks: tuple[str, str]) -> list[dict]:
        match = " ".join(terms)
        rows = self.conn.execute(
            f"SELECT p.id, p.url, p.title, p.site_name, {snippets['title']}"
            " FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
            " WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?",
            (*marks, match, limit)).fetchall()
        pages = []
        for row in rows:
            page = dict(row)
            text = self._passage_snippet(page["id"], terms, snippets["passage"], marks)
            if snippets is PLAIN_SNIPPETS:
                page["snippet"] = text or page.pop("title_snippet")
                page.pop("title_snippet", None)
            else:
                page["text_snippet"] = text
            pages.append(page)
        return pages

    def _passage_snippet(self, page_id: int, terms: list[str], snippet: str,
                         marks: tuple[str, str]) -> str:
        """The snippet of the page's first passage with every word, else of
        its first with any ('' when no word is in the article: the page
        matched on its title)."""
        queries = [" ".join(terms)] + ([" OR ".join(terms)] if len(terms) > 1 else [])
        for match in queries:
            row = self.conn.execute(
                f"SELECT {snippet} FROM passages_fts WHERE passages_fts MATCH ?"
                " AND rowid IN (SELECT id FROM page_passages WHERE page_id = ?)"
                " ORDER BY rowid LIMIT 1",
                (*marks, match, page_id)).fetchone()
            if row is not None:
                return row[0]
        return ""
