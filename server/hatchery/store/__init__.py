"""SQLite store: schema, migrations and every query. No SQL lives elsewhere.

`Store` is one connection with one part per concern, each a module here:
`schema` (runs `migrations`), `pages`, `highlights`, `hatches`, `search` (with
`passages`, each article cut into short rows for its snippets),
`library` (login codes, sessions), `trash` (the one way to delete),
`pairing` (the extension's one-time codes, server facts), `extractions`
(captures and the queue of HTML to extract), `transfer` (export) and
`imports` (import in bulk, in short transactions). The parts share the
connection and `transaction()` from `base`;
`records` holds the shapes the store takes in.
"""

from __future__ import annotations

from ..errors import NotFoundError, SearchError
from .base import BUSY_TIMEOUT_MS, MAX_ROWID, now
from .extractions import DONE, FAILED, PENDING, TIMED_OUT, Extractions, QueuedExtraction
from .hatches import Hatches
from .highlights import Highlights
from .imports import IMPORT_BATCH_RECORDS, Imports
from .library import Library
from .pages import Pages
from .pairing import EXTENSION_SEEN, Pairing
from .records import IMPORT_PAGE_FIELDS, HighlightRecord, ImportPage, PageFilters
from .schema import MIGRATIONS, Schema
from .search import Search, fts_query
from .transfer import Transfer
from .trash import TRASH_DAYS, Trash

__all__ = ["BUSY_TIMEOUT_MS", "DONE", "EXTENSION_SEEN", "FAILED", "IMPORT_BATCH_RECORDS",
           "IMPORT_PAGE_FIELDS", "MAX_ROWID", "MIGRATIONS", "PENDING", "TIMED_OUT", "TRASH_DAYS",
           "Extractions", "HighlightRecord", "ImportPage", "NotFoundError", "PageFilters",
           "QueuedExtraction", "SearchError", "Store", "fts_query", "now"]


class Store(Schema, Pages, Pairing, Library, Trash, Extractions, Transfer, Imports, Highlights,
            Hatches, Search):
    """All of Hatchery's data in one SQLite file.

    :param path: the database file; created with its folder when missing
    """
