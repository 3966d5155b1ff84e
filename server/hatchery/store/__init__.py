"""SQLite store: schema, migrations and every query. No SQL lives elsewhere.

`Store` is one connection with one part per concern, each a module here:
`schema` (migrations), `pages`, `highlights`, `hatches`, `search`,
`library` (login codes, sessions), `trash` (the one way to delete) and `transfer` (export and import
in bulk). The parts share the connection and `transaction()` from `base`;
`records` holds the shapes the store takes in.
"""

from __future__ import annotations

from ..errors import NotFoundError, SearchError
from .base import BUSY_TIMEOUT_MS, MAX_ROWID, now
from .hatches import Hatches
from .highlights import Highlights
from .library import Library
from .pages import Pages
from .records import IMPORT_PAGE_FIELDS, HighlightRecord, ImportPage, PageFilters
from .schema import MIGRATIONS, Schema
from .search import Search, fts_query
from .transfer import Transfer
from .trash import TRASH_DAYS, Trash

__all__ = ["BUSY_TIMEOUT_MS", "IMPORT_PAGE_FIELDS", "MAX_ROWID", "MIGRATIONS", "TRASH_DAYS",
           "HighlightRecord", "ImportPage", "NotFoundError", "PageFilters", "SearchError",
           "Store", "fts_query", "now"]


class Store(Schema, Pages, Library, Trash, Transfer, Highlights, Hatches, Search):
    """All of Hatchery's data in one SQLite file.

    :param path: the database file; created with its folder when missing
    """
