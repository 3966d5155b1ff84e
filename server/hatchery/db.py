"""The request's store.

Each server thread keeps one open connection and reuses it across requests:
opening is cheap, but closing the last connection to a WAL database
checkpoints and deletes the WAL, which cost ~7 ms per request when every
request opened and closed its own. Transactions never outlive a request
(`Store.transaction` commits or rolls back), so reuse is safe.
"""

import threading

from flask import Flask, current_app, g

from .store import Store

EXTENSION_KEY = "hatchery.connections"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = threading.local()
    app.teardown_appcontext(release_store)


def get_store() -> Store:
    if "store" not in g:
        local = current_app.extensions[EXTENSION_KEY]
        store = getattr(local, "store", None)
        if store is None:
            store = local.store = Store(current_app.config["DATABASE"])
        g.store = store
    return g.store


def release_store(_error: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None and store.in_transaction:
        store.rollback()  # never hand a half-done transaction to the next request
