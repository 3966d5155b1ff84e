"""The OpenAPI 3.1 description of /api, served at /api/openapi.json, made
from the same models the routes validate with.

The routes are listed once below as `Operation`s: their request models,
their answers and what each status means. The JSON Schemas come from
pydantic, which writes JSON Schema 2020-12, the dialect OpenAPI 3.1 uses.
A test checks that every registered route is described here.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .captures import CaptureRequest
from .common import Error, Paging
from .export import ExportQuery
from .hatches import HatchList, HatchReply, HatchRequest
from .highlights import HighlightChanges, HighlightReply, HighlightsQuery, PageHighlights
from .meta import Health
from .pages import PageList, PageReply
from .pair import LibraryLinkReply, PairReply, PairRequest
from .search import SearchQuery, SearchResults

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Answer:
    """One status of an operation: a JSON `model`, or other `media` types."""

    description: str
    model: type[BaseModel] | None = None
    media: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Operation:
    """One route: `body` and `query` are the models it validates with."""

    method: str
    path: str
    summary: str
    answers: dict[int, Answer]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    description: str = ""
    needs_token: bool = True


def refused(description: str) -> Answer:
    return Answer(description, Error)


COMMON_ERRORS = {401: refused("The token is missing or wrong"),
                 403: refused("The Host header is not a loopback name"),
                 503: refused("The database is busy with a long write (an import); "
                              "nothing was saved: send it again after Retry-After seconds")}
BODY_ERRORS = {400: refused("The body is not valid JSON or not a JSON object"),
               413: refused("The body is larger than the server's limit"),
               415: refused("The body is not JSON"),
               422: refused("A field is missing or wrong; the message names it")}
BAD_QUERY = {422: refused("A parameter is missing or wrong; the message names it")}
HATCH_ERRORS = {**BODY_ERRORS,
                404: refused("A page or highlight does not exist"),
                422: refused("Nothing to hatch, a field is wrong, or the engine is not "
                             "configured")}
PATH_PARAMETERS = {"highlight_id": {"type": "string"}, "page_id": {"type": "integer"},
                   "hatch_id": {"type": "integer"}}
STREAM_EVENTS = (
    "Events: `start` {engine, length, sources, model}; `text` {text}, the model's draft "
    "piece by piece; `notice` {message} (retrying, falling back); `hatch` {hatch}, the "
    "checked and stored hatch that replaces the draft; `error` {error: {code, message}}. "
    "Comment lines are keep-alives.")

# One server-sent event, as a client reads it: its name and its JSON data
# (STREAM_EVENTS says which events come, in what order).
SSE_EVENT = {"type": "object", "required": ["data"],
             "properties": {"event": {"type": "string"}, "data": {"type": "string"}}}

OPERATIONS: tuple[Operation, ...] = (
    Operation("get", "/api/health", "Is the server up? No token needed.",
              {200: Answer("Up", Health)}, needs_token=False),
    Operation("get", "/api/openapi.json", "This document.",
              {200: Answer("OpenAPI 3.1", media={"application/json": {"type": "object"}})}),
    Operation("post", "/api/captures", "Store one highlight with its page; idempotent on `id`.",
              {201: Answer("Stored", HighlightReply),
               200: Answer("Already stored (a resend)", HighlightReply),
               409: refused("This id already belongs to another highlight"),
               410: refused("This highlight was deleted; the resend is dropped"),
               **BODY_ERRORS}, body=CaptureRequest),
    Operation("get", "/api/highlights", "The highlights of one page, for re-anchoring.",
              {200: Answer("The page's highlights", PageHighlights), **BAD_QUERY},
              query=HighlightsQuery),
    Operation("get", "/api/highlights/{highlight_id}", "One highlight.",
              {200: Answer("The highlight", HighlightReply), 404: refused("No such highlight")}),
    Operation("patch", "/api/highlights/{highlight_id}",
              "Change a highlight's color, note or tags.",
              {200: Answer("The changed highlight", HighlightReply),
               404: refused("No such highlight"), **BODY_ERRORS}, body=HighlightChanges),
    Operation("delete", "/api/highlights/{highlight_id}",
              "Move a highlight to the trash (restorable for 7 days; a resend of its "
              "capture is 410).",
              {204: Answer("In the trash"), 404: refused("No such highlight")}),
    Operation("post", "/api/highlights/{highlight_id}/restore",
              "Bring a highlight back from the trash, with its page.",
              {200: Answer("The restored highlight", HighlightReply),
               404: refused("Not in the trash (never deleted, or deleted over 7 days ago)")}),
    Operation("get", "/api/pages", "Pages with their highlight counts, most recent first.",
              {200: Answer("A page of pages", PageList), **BAD_QUERY}, query=Paging),
    Operation("get", "/api/pages/{page_id}", "One page with its article and highlights.",
              {200: Answer("The page", PageReply), 404: refused("No such page")}),
    Operation("delete", "/api/pages/{page_id}", "Move a page and its highlights to the trash.",
              {204: Answer("In the trash"), 404: refused("No such page")}),
    Operation("get", "/api/search",
              "Full-text search over highlights, notes, titles and articles.",
              {200: Answer("Matches", SearchResults), **BAD_QUERY}, query=SearchQuery),
    Operation("post", "/api/hatches", "Hatch the chosen pages or highlights into one write-up.",
              {201: Answer("The stored hatch", HatchReply), **HATCH_ERRORS,
               502: refused("The language model failed and fallback to the local engine "
                            "is off")}, body=HatchRequest),
    Operation("get", "/api/hatches", "Hatch history, newest first.",
              {200: Answer("Hatches", HatchList), **BAD_QUERY}, query=Paging),
    Operation("post", "/api/hatches/stream",
              "Hatch as server-sent events while the model writes; closing the connection "
              "cancels the model call.",
              {200: Answer("The event stream", media={"text/event-stream": SSE_EVENT}),
               **HATCH_ERRORS}, body=HatchRequest, description=STREAM_EVENTS),
    Operation("get", "/api/hatches/{hatch_id}",
              "One hatch: JSON, or Markdown with `Accept: text/markdown`.",
              {200: Answer("The hatch", HatchReply, media={"text/markdown": {"type": "string"}}),
               404: refused("No such hatch")}),
    Operation("post", "/api/pair",
              "Trade the one-time pairing code `hatchery serve` or `hatchery pair` shows "
              "for the token. No token needed; refused from web pages.",
              {200: Answer("Paired", PairReply),
               401: refused("The code is wrong, used or expired"),
               403: refused("Sent from a web page, or a foreign Host"),
               429: refused("Too many wrong codes lately; every code was burnt"),
               **BODY_ERRORS}, body=PairRequest, needs_token=False),
    Operation("post", "/api/library-link",
              "A one-time link that logs a browser in to the web library.",
              {200: Answer("The link", LibraryLinkReply)}),
    Operation("get", "/api/export",
              "The whole library as a file, or one hatch as Markdown (hatch_id=N).",
              {200: Answer("The file, as an attachment", media={
                  "application/json": {"type": "object"},
                  "application/ld+json": {"type": "object"},
                  "text/csv": {"type": "string"},
                  "application/zip": {"type": "string", "format": "binary"},
                  "text/markdown": {"type": "string"}}),
               404: refused("No such hatch"), **BAD_QUERY}, query=ExportQuery),
)


def build_spec(version: str, engines: Sequence[str] = ("local",)) -> dict:
    """The document for this server.

    :param version: the server's version.
    :param engines: the hatch engines it can run now (`llm` only when a
        model is configured); the spec's `engine` lists just these.
    """
    spec = copy.deepcopy(_document(version))
    spec["components"]["schemas"]["HatchRequest"]["properties"]["engine"]["enum"] = list(engines)
    return spec


@functools.cache
def _document(version: str) -> dict:
    refs, schemas = _schemas()
    paths: dict[str, dict] = {}
    for operation in OPERATIONS:
        item = paths.setdefault(operation.path, {})
        names = [p.strip("{}") for p in operation.path.split("/") if p.startswith("{")]
        if names:
            item["parameters"] = [{"name": n, "in": "path", "required": True,
                                   "schema": PATH_PARAMETERS[n]} for n in names]
        item[operation.method] = _operation(operation, refs)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hatchery companion server", "version": version,
                 "description": "Local-first highlights, articles and hatches. Every route "
                                "but /api/health needs `Authorization: Bearer <token>`."},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "security": [{"token": []}],
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
                       "schemas": schemas},
        "paths": paths,
    }


def _schemas() -> tuple[dict, dict]:
    """Every body and answer model as a component: bodies as they are read,
    answers as they are written."""
    wanted: dict[tuple[type[BaseModel], str], None] = {}
    for operation in OPERATIONS:
        if operation.body is not None:
            wanted[(operation.body, "validation")] = None
        for answer in operation.answers.values():
            if answer.model is not None:
                wanted[(answer.model, "serialization")] = None
    refs, document = models_json_schema(list(wanted), ref_template=REF)
    return refs, document["$defs"]


def _operation(operation: Operation, refs: dict) -> dict:
    out: dict = {"summary": operation.summary}
    if operation.description:
        out["description"] = operation.description
    if not operation.needs_token:
        out["security"] = []
    if operation.query is not None:
        out["parameters"] = _query_parameters(operation.query)
    if operation.body is not None:
        out["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": refs[(operation.body, "validation")]}}}
    answers = {**operation.answers, **(COMMON_ERRORS if operation.needs_token else {})}
    out["responses"] = {str(status): _answer(answer, refs) for status, answer in answers.items()}
    return out


def _query_parameters(model: type[BaseModel]) -> list[dict]:
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema["properties"].items():
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if "description" in prop:
            parameter["description"] = prop["description"]
        parameters.append(parameter)
    return parameters


def _answer(answer: Answer, refs: dict) -> dict:
    out: dict = {"description": answer.description}
    content = {}
    if answer.model is not None:
        content["application/json"] = {"schema": refs[(answer.model, "serialization")]}
    content.update({media: {"schema": schema} for media, schema in answer.media.items()})
    if content:
        out["content"] = content
    return out
