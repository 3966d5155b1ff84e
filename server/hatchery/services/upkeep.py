"""Promises kept over time, out of the way of requests: the trash empties
itself after TRASH_DAYS (at start, then at most once every
PURGE_EVERY_SECONDS, on a request), and while the server is idle the search
indexes are merged a little at a time, so search stays quick in a library
that only ever grew by captures."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from ..errors import BusyError
from ..store import Store
from ..store.search import SEARCH_INDEXES

LOGGER = logging.getLogger(__name__)

# Often enough that nothing stays much past its seven days; rare enough that
# the purge's short write never shows in request times.
PURGE_EVERY_SECONDS = 3600


class TrashPurger:
    """Runs `Store.purge_trash` when it is due; one per app."""

    def __init__(self) -> None:
        self._due = 0.0
        self._lock = threading.Lock()

    def purge_if_due(self, store: Store) -> None:
        """Purge expired trash if the last purge is PURGE_EVERY_SECONDS old.

        :param store: the request's store
        """
        with self._lock:
            if time.monotonic() < self._due:
                return
            self._due = time.monotonic() + PURGE_EVERY_SECONDS
        removed = store.purge_trash()
        if removed:
            LOGGER.info("emptied %d highlights from the trash", removed)


# --- Search indexes -------------------------------------------------------
#
# FTS5 keeps each index in segments and a search looks every word up in each
# one. A capture adds a small segment to each index it touches, and FTS5's
# own automerge keeps only a few per level, so a library grown by captures
# alone ends with 7-17 per index (a bulk import merges its own). While the
# server is idle they are merged, a step at a time, towards one.

# The server counts as idle after this long without a request: a browser's
# burst of captures, or a person paging through the library, comes in
# closer together than this.
QUIET_SECONDS = 2.0
# One step's work: about this many index pages (of about 4 KB) written, in
# one transaction: 5-35 ms (p50, by index) in a library of 5,000 long
# articles on a loaded machine. A capture arriving meanwhile waits for one
# step at most.
STEP_PAGES = 32
# One run's time budget; then the merger rests for REST_SECONDS, so upkeep
# takes a tenth of a core at most while it has work.
RUN_SECONDS = 0.05
REST_SECONDS = 0.5

# What a run of merge steps ended with.
MERGED = "merged"  # every index is one segment (or has nothing to merge)
MORE = "more"  # the time budget ran out first
BUSY = "busy"  # another writer held the database: skipped, tried later


def merge_search_indexes(store: Store, *, step_pages: int = STEP_PAGES,
                         budget_seconds: float = RUN_SECONDS) -> str:
    """Merge the full-text indexes' segments for about `budget_seconds`,
    one bounded step at a time, the indexes in turn.

    :param store: a store whose connection no request is using
    :param step_pages: the work of one step (see `Store.merge_search_index`)
    :param budget_seconds: no step starts after this, but a run always
        makes one, so even a short budget gets the work done in the end
    :returns: MERGED, MORE or BUSY
    """
    deadline = time.monotonic() + budget_seconds
    waiting = list(SEARCH_INDEXES)
    while waiting:
        index = waiting.pop(0)
        try:
            worked = store.merge_search_index(index, step_pages)
        except BusyError:
            return BUSY
        if worked:
            waiting.append(index)  # more to do there, after the others
            # Only work counts: a look at a merged index costs next to nothing.
            if time.monotonic() >= deadline:
                return MORE
    return MERGED


class SearchIndexMerger:
    """Merges the search indexes while the server is idle; one per app.

    A thread started after a request waits until the server has been quiet
    for `quiet_seconds`, then runs `merge_search_indexes` with rests in
    between until every index is merged, and stops; the next request starts
    it again (it may have written). It has its own connection, and never
    waits for the write lock, so a capture or an import goes first.

    :param database: the SQLite file
    :param quiet_seconds: how long without a request counts as idle
    """

    def __init__(self, database: str | Path, *, quiet_seconds: float = QUIET_SECONDS):
        self.database = Path(database)
        self.quiet_seconds = quiet_seconds
        self._lock = threading.Lock()
        self._last_request = time.monotonic()
        self._requests = 0
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    def request_ended(self, _error: BaseException | None = None) -> None:
        """Note a request (a Flask teardown_request handler): upkeep waits
        for quiet after it, and looks for work again."""
        with self._lock:
            self._last_request = time.monotonic()
            self._requests += 1
            if self._thread is None and not self._stopped.is_set():
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="hatchery-search-merge")
                self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread (at its next wait) and wait for it to end."""
        self._stopped.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _quiet_in(self) -> float:
        with self._lock:
            return self._last_request + self.quiet_seconds - time.monotonic()

    def _run(self) -> None:
        store = None
        try:
            while not self._stopped.is_set():
                while (wait := self._quiet_in()) > 0:
                    if self._stopped.wait(wait):
                        return
                with self._lock:
                    seen = self._requests
                if store is None:
                    if not self.database.exists():
                        return  # a data folder removed under a running server
                    store = Store(self.database)
                outcome = merge_search_indexes(store)
                if outcome == BUSY:
                    LOGGER.debug("search index merge skipped: the database is busy")
                with self._lock:
                    if outcome == MERGED and self._requests == seen:
                        self._thread = None
                        return
                self._stopped.wait(REST_SECONDS)
        except Exception:  # upkeep must never take the server down
            LOGGER.exception("merging the search indexes failed")
        finally:
            with self._lock:
                if self._thread is threading.current_thread():
                    self._thread = None
            if store is not None:
                store.close()
