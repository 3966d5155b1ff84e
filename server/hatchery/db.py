"""The request's store, flaskr-style: opened on first use, closed on teardown."""

from flask import current_app, g

from .store import Store


def get_store() -> Store:
    if "store" not in g:
        g.store = Store(current_app.config["DATABASE"])
    return g.store


def close_store(_error: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()
