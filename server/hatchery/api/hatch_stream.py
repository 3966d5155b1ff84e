"""POST /api/hatches/stream: a hatch as server-sent events while it is written.

The engine runs in a worker thread and hands pieces of the model's answer
to this response through a queue; the response writes them as ``text``
events, then the checked, stored hatch as one ``hatch`` event. A keep-alive
comment goes out every HEARTBEAT seconds, so a person who closes the popup
is noticed on the next write: the response is closed, and closing it
cancels the model call.

Events (``event:`` name, ``data:`` JSON):

- ``start``  ``{engine, length, sources, model}``
- ``text``   ``{text}``: the next piece of the model's draft, as written
- ``notice`` ``{message}``: retrying, falling back to the local engine, ...
- ``hatch``  ``{hatch}``: the checked hatch as stored (replaces the draft)
- ``error``  ``{error: {code, message}}``
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from dataclasses import replace

from flask import Blueprint, Response, current_app

from ..db import get_store
from ..errors import HatcheryError, ValidationError
from ..hatch import NothingToHatch
from ..hatch.engines import get_engine
from ..hatch.llm import Cancelled, CancelToken
from ..contract.hatches import Hatch, HatchRequest
from ..services.hatches import engine_options, flatten, gather_sources, run_engine, store_hatch
from ..store import Store
from . import validate

LOGGER = logging.getLogger(__name__)

blueprint = Blueprint("hatch_stream", __name__)

# Seconds between keep-alive comments while the model is silent: how soon
# a closed popup stops the model call at worst.
HEARTBEAT = 1.0


def sse(event: str, data: dict) -> str:
    """One server-sent event."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@blueprint.post("/hatches/stream")
def stream():
    asked = validate.body(HatchRequest)
    page_ids, highlight_ids, engine, length = (asked.page_ids, asked.highlight_ids,
                                               asked.engine, asked.length)
    try:
        get_engine(engine)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    options = engine_options(current_app.config, engine)
    # Missing pages and bad picks are answered as JSON errors, before the stream.
    sources = gather_sources(get_store(), page_ids, highlight_ids)
    events = _events(sources, engine, length, options, current_app.config["DATABASE"])
    return Response(events, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _events(sources, engine: str, length: str, options, database: str):
    pending: queue.Queue = queue.Queue()
    cancel = CancelToken()
    if options is not None:
        options = replace(options, cancel=cancel,
                          on_text=lambda text: pending.put(("text", text)),
                          on_notice=lambda message: pending.put(("notice", message)))

    def work() -> None:
        try:
            result = run_engine(sources, engine=engine, length=length, options=options)
            pending.put(("done", result))
        except Cancelled:
            LOGGER.info("hatch cancelled: the client went away")
            pending.put(("cancelled", None))
        except HatcheryError as error:
            pending.put(("error", (error.code, error.message)))
        except NothingToHatch as error:
            pending.put(("error", ("nothing_to_hatch", str(error))))
        except Exception:  # the trace goes to the log, never to the client
            LOGGER.exception("hatching failed")
            pending.put(("error", ("internal_error", "Something went wrong inside Hatchery; "
                                                     "the server log has the details.")))

    worker = threading.Thread(target=work, name="hatch-stream", daemon=True)
    worker.start()
    try:
        yield sse("start", {"engine": engine, "length": length, "sources": len(sources),
                            "model": options.model if options is not None else None})
        while True:
            try:
                kind, value = pending.get(timeout=HEARTBEAT)
            except queue.Empty:
                yield ": keep-alive\n\n"
                continue
            if kind == "text":
                yield sse("text", {"text": value})
            elif kind == "notice":
                yield sse("notice", {"message": value})
            elif kind == "done":
                yield sse("hatch", {"hatch": Hatch.dump(**flatten(_keep(database, sources, value,
                                                                          length)))})
                return
            elif kind == "error":
                code, message = value
                yield sse("error", {"error": {"code": code, "message": message}})
                return
            else:
                return
    finally:
        # When the client went away mid-hatch this stops the model call;
        # after a finished hatch it does nothing.
        cancel.cancel()


def _keep(database: str, sources, result, length: str) -> dict:
    # The request's store is closed once the view returned; use our own.
    store = Store(database)
    try:
        return store_hatch(store, sources, result, length)
    finally:
        store.close()
