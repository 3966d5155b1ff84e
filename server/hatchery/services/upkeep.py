"""Promises kept over time: the trash empties itself after TRASH_DAYS, at
start and then at most once every PURGE_EVERY_SECONDS, on a request."""

from __future__ import annotations

import logging
import threading
import time

from ..store import Store

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
