"""Full-text search over highlights, notes, page titles and articles (FTS5)."""

from __future__ import annotations

import sqlite3

from ..errors import SearchError
from .base import StoreBase, highlight_dict

# How a match is shown. Without marks (the API): one snippet per result,
# from whichever column matched, the matched words in [brackets]. With marks
# (the library): a snippet per column, so the view can show the quote and
# the note apart, with the caller's marks around the matched words.
# Each `?` pair is (open mark, close mark); the last number is the snippet's
# length in tokens.
PLAIN_SNIPPETS = {
    "highlights": "snippet(highlights_fts, -1, ?, ?, '…', 12) AS snippet",
    "pages": "snippet(pages_fts, -1, ?, ?, '…', 16) AS snippet",
}
MARKED_SNIPPETS = {
    "highlights": "snippet(highlights_fts, 0, ?, ?, '…', 24) AS exact_snippet,"
                  " snippet(highlights_fts, 1, ?, ?, '…', 24) AS note_snippet",
    "pages": "snippet(pages_fts, 0, ?, ?, '…', 16) AS title_snippet,"
             " snippet(pages_fts, 1, ?, ?, '…', 24) AS text_snippet",
}
PLAIN_MARKS = ("[", "]")


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must
    appear, a trailing * keeps prefix search, anything else is literal."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


class Search(StoreBase):
    def search(self, query: str, *, limit: int = 50,
               marks: tuple[str, str] | None = None) -> dict[str, list[dict]]:
        """Highlights and pages that contain every word of `query`, best first.

        :param query: words as a person types them; FTS syntax is neutralised
        :param marks: (open, close) to wrap matched words in, with one
            snippet per column (`exact_snippet`, `note_snippet`;
            `title_snippet`, `text_snippet`) so a view can escape the text
            first and mark the matches after. Without: one `snippet` per
            result with the matches in [brackets].
        :raises SearchError: SQLite could not run the search
        """
        match = fts_query(query)
        if not match:
            return {"highlights": [], "pages": []}
        snippets = MARKED_SNIPPETS if marks else PLAIN_SNIPPETS
        # One (open, close) pair per snippet() call; both queries make as many.
        mark_params = (marks or PLAIN_MARKS) * snippets["highlights"].count("snippet(")
        try:
            highlight_rows = self.conn.execute(
                f"SELECT h.*, p.url, p.title AS page_title, {snippets['highlights']}"
                " FROM highlights_fts JOIN highlights h ON h.rowid = highlights_fts.rowid"
                " JOIN pages p ON p.id = h.page_id"
                " WHERE highlights_fts MATCH ? ORDER BY rank LIMIT ?",
                (*mark_params, match, limit)).fetchall()
            page_rows = self.conn.execute(
                f"SELECT p.id, p.url, p.title, p.site_name, {snippets['pages']}"
                " FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
                " WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?",
                (*mark_params, match, limit)).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchError(
                "Hatchery could not read that search. Try plain words; add * to a "
                "word's end to match its beginning, like tide*.") from error
        return {"highlights": [highlight_dict(r) for r in highlight_rows],
                "pages": [dict(r) for r in page_rows]}
