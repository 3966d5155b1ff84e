"""Reading captured pages ahead of a Hatch.

A hatch's cost is mostly reading each page (its paragraphs, words, ideas
and their tags); what joins the pages is the smaller part. The engine
remembers what it read per text (bounded memos), so the server reads a page
as soon as it is extracted, and the latest pages when it starts: the
person's Hatch then pays only for joining them. This runs off the request
path, in the extraction worker's thread (the app hands it
`read_ahead_pages`, so extraction never imports the hatch engine) or a
start-up thread, and gives way to new extraction work between pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ... import hatch as engine_lib
from ...contract.limits import MAX_HATCH_PAGES
from ...errors import HatcheryError
from ...store import Store
from . import gather_sources

LOGGER = logging.getLogger(__name__)

# The most pages one hatch takes: the latest this many are read at start.
READ_AHEAD_PAGES = MAX_HATCH_PAGES


def read_ahead_pages(store: Store, page_ids: Sequence[int],
                     stop: Callable[[], bool] = lambda: False) -> list[int]:
    """Read each page as a hatch would, in order; the ids not yet read when
    `stop()` turned true (so the caller can come back to them)."""
    for done, page_id in enumerate(page_ids):
        if stop():
            return list(page_ids[done:])
        try:
            engine_lib.read_ahead(gather_sources(store, [page_id]))
        except HatcheryError as error:  # deleted meanwhile, or too many highlights for one hatch
            LOGGER.debug("page %s not read ahead: %s", page_id, error)
        except Exception:  # reading ahead must never take the server down
            LOGGER.exception("reading page %s ahead failed", page_id)
    return []


def read_ahead_latest(database: str, count: int = READ_AHEAD_PAGES) -> None:
    """Read the `count` most recently active pages of `database` ahead."""
    store = Store(database)
    try:
        pages, _ = store.list_pages(limit=count)
        read_ahead_pages(store, [page["id"] for page in pages])
    finally:
        store.close()
