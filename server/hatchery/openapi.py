"""The OpenAPI 3 description of /api, served at /api/openapi.json.

A test checks that every registered route is described here, so the document
cannot silently drift from the code."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from .contract.limits import COLORS

NULLABLE_STRING = {"type": ["string", "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


def _object(properties: dict, required: list[str] | None = None) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


COMMON_ERRORS = {
    "401": _error("The token is missing or wrong"),
    "403": _error("The Host header is not a loopback name"),
}
PAGING = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
    {"name": "offset", "in": "query",
     "schema": {"type": "integer", "minimum": 0, "maximum": 2**53}},
]

SCHEMAS = {
    "Error": _object(
        {"error": _object({"code": {"type": "string"}, "message": {"type": "string"}},
                          ["code", "message"])}, ["error"]),
    "Capture": _object(
        {
            "id": {"type": "string", "format": "uuid", "description": "made by the client"},
            "url": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "html": {"type": "string", "description": "the page's HTML, for extraction"},
            "text": {"type": "string", "minLength": 1, "description": "the highlighted text"},
            "prefix": {"type": "string"},
            "suffix": {"type": "string"},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "color": {"type": "string", "enum": list(COLORS)},
            "note": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        ["id", "url", "text"],
    ),
    "HighlightChanges": _object(
        {
            "color": {"type": "string", "enum": list(COLORS)},
            "note": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
        }) | {"additionalProperties": False},
    "Highlight": _object(
        {
            "id": {"type": "string"},
            "page_id": {"type": "integer"},
            "url": {"type": "string"},
            "page_title": {"type": "string"},
            "exact": {"type": "string"},
            "prefix": {"type": "string"},
            "suffix": {"type": "string"},
            "start": {"type": ["integer", "null"]},
            "end": {"type": ["integer", "null"]},
            "color": {"type": "string"},
            "note": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "context": {"type": ["object", "null"]},
            "created_at": {"type": "string"},
            "updated_at": {"type": "string"},
        },
        ["id", "page_id", "url", "exact", "color", "note", "tags"],
    ),
    "PageSummary": _object(
        {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "title": {"type": "string"},
            "site_name": NULLABLE_STRING,
            "byline": NULLABLE_STRING,
            "lang": NULLABLE_STRING,
            "published": NULLABLE_STRING,
            "image": NULLABLE_STRING,
            "highlight_count": {"type": "integer"},
            # Extraction runs after the capture: pending until it has, then
            # done, timed_out or failed (those two keep the page's plain
            # text); null when no HTML was ever sent.
            "extraction": {"type": ["string", "null"],
                           "enum": ["pending", "done", "timed_out", "failed", None]},
            "created_at": {"type": "string"},
            "updated_at": {"type": "string"},
        },
        ["id", "url", "title"],
    ),
    "Page": {
        "allOf": [
            _ref("PageSummary"),
            _object({
                "article": {"type": ["object", "null"]},
                "article_text": {"type": "string"},
                "highlights": {"type": "array", "items": _ref("Highlight")},
            }),
        ]
    },
    "HatchRequest": _object(
        {
            "page_ids": {"type": "array", "items": {"type": "integer"}, "maxItems": 50},
            "highlight_ids": {"type": "array", "items": {"type": "string"}, "maxItems": 500},
            "engine": {"type": "string", "enum": ["local"]},  # see build_spec
            "length": {"type": "string", "enum": ["short", "medium", "long"]},
        }) | {"anyOf": [{"required": ["page_ids"], "properties": {"page_ids": {"minItems": 1}}},
                        {"required": ["highlight_ids"],
                         "properties": {"highlight_ids": {"minItems": 1}}}]},
    "Hatch": _object(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "engine": {"type": "string"},
            "length": {"type": "string"},
            "page_ids": {"type": "array", "items": {"type": "integer"}},
            "highlight_ids": {"type": "array", "items": {"type": "string"}},
            "created_at": {"type": "string"},
            "introduction": {"type": "array", "items": {"type": "object"}},
            "sections": {"type": "array", "items": {"type": "object"}},
            "threads": {"type": "array", "items": {"type": "object"}},
            "advice": {"type": "array", "items": {"type": "object"}},
            "conclusion": {"type": "array", "items": {"type": "object"}},
            "citations": {"type": "array", "items": {"type": "object"}},
            "markdown": {"type": "string"},
            "model": {"type": ["string", "null"], "description": "the model that wrote it (llm)"},
            "prompt_version": {"type": ["string", "null"]},
            "notes": {"type": "array", "items": {"type": "string"},
                      "description": "what was left out, dropped or marked, or why the "
                                     "local engine wrote it instead of the model"},
        },
        ["id", "title", "engine", "length", "created_at"],
    ),
}

HIGHLIGHT_ID = {"name": "highlight_id", "in": "path", "required": True, "schema": {"type": "string"}}
PAGE_ID = {"name": "page_id", "in": "path", "required": True, "schema": {"type": "integer"}}
HATCH_ID = {"name": "hatch_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _paths() -> dict:
    highlight = _json(_object({"highlight": _ref("Highlight")}, ["highlight"]), "The highlight")
    return {
        "/api/health": {"get": {
            "summary": "Is the server up? No token needed.", "security": [],
            "responses": {"200": _json(_object({
                "status": {"type": "string"},
                "version": {"type": "string"},
                "engines": {"type": "array", "items": {"type": "string", "enum": ["local", "llm"]},
                            "description": "the hatch engines this server offers: `local`, "
                                           "and `llm` when a language model is configured"}},
                ["status", "version"]), "Up")}}},
        "/api/openapi.json": {"get": {
            "summary": "This document.",
            "responses": {"200": {"description": "OpenAPI 3.1",
                                  "content": {"application/json": {"schema": {"type": "object"}}}},
                          **COMMON_ERRORS}}},
        "/api/captures": {"post": {
            "summary": "Store one highlight with its page; idempotent on `id`.",
            "requestBody": {"required": True,
                            "content": {"application/json": {"schema": _ref("Capture")}}},
            "responses": {
                "201": {**highlight, "description": "Stored"},
                "200": {**highlight, "description": "Already stored (a resend)"},
                "400": _error("The body is not a JSON object"),
                "409": _error("This id already belongs to another highlight"),
                "410": _error("This highlight was deleted; the resend is dropped"),
                "413": _error("The body is larger than the server's limit"),
                "415": _error("The body is not JSON"),
                "422": _error("A field is missing or wrong; the message names it"),
                **COMMON_ERRORS}}},
        "/api/highlights": {"get": {
            "summary": "The highlights of one page, for re-anchoring.",
            "parameters": [{"name": "url", "in": "query", "required": True,
                            "schema": {"type": "string", "format": "uri"}}],
            "responses": {
                "200": _json(_object({"url": {"type": "string"},
                                      "page_id": {"type": ["integer", "null"]},
                                      "highlights": {"type": "array", "items": _ref("Highlight")}},
                                     ["highlights"]), "The page's highlights"),
                "422": _error("`url` is missing or not http(s)"), **COMMON_ERRORS}}},
        "/api/highlights/{highlight_id}": {
            "parameters": [HIGHLIGHT_ID],
            "get": {"summary": "One highlight.",
                    "responses": {"200": highlight, "404": _error("No such highlight"),
                                  **COMMON_ERRORS}},
            "patch": {"summary": "Change a highlight's color, note or tags.",
                      "requestBody": {"required": True, "content": {
                          "application/json": {"schema": _ref("HighlightChanges")}}},
                      "responses": {"200": highlight, "400": _error("Not a JSON object"),
                                    "404": _error("No such highlight"),
                                    "415": _error("The body is not JSON"),
                                    "422": _error("A field is wrong"), **COMMON_ERRORS}},
            "delete": {"summary": "Move a highlight to the trash (restorable for 7 days; "
                                  "a resend of its capture is 410).",
                       "responses": {"204": {"description": "In the trash"},
                                     "404": _error("No such highlight"), **COMMON_ERRORS}}},
        "/api/highlights/{highlight_id}/restore": {
            "parameters": [HIGHLIGHT_ID],
            "post": {"summary": "Bring a highlight back from the trash, with its page.",
                     "responses": {"200": highlight,
                                   "404": _error("Not in the trash (never deleted, or "
                                                 "deleted over 7 days ago)"),
                                   **COMMON_ERRORS}}},
        "/api/pages": {"get": {
            "summary": "Pages with their highlight counts, most recent first.",
            "parameters": PAGING,
            "responses": {
                "200": _json(_object({"pages": {"type": "array", "items": _ref("PageSummary")},
                                      "total": {"type": "integer"},
                                      "limit": {"type": "integer"},
                                      "offset": {"type": "integer"}},
                                     ["pages", "total"]), "A page of pages"),
                "422": _error("Bad paging"), **COMMON_ERRORS}}},
        "/api/pages/{page_id}": {
            "parameters": [PAGE_ID],
            "get": {"summary": "One page with its article and highlights.",
                    "responses": {"200": _json(_object({"page": _ref("Page")}, ["page"]), "The page"),
                                  "404": _error("No such page"), **COMMON_ERRORS}},
            "delete": {"summary": "Move a page and its highlights to the trash.",
                       "responses": {"204": {"description": "In the trash"},
                                     "404": _error("No such page"), **COMMON_ERRORS}}},
        "/api/search": {"get": {
            "summary": "Full-text search over highlights, notes, titles and articles.",
            "parameters": [{"name": "q", "in": "query", "required": True,
                            "schema": {"type": "string", "pattern": r"\S"}}, PAGING[0]],
            "responses": {
                "200": _json(_object({"query": {"type": "string"},
                                      "highlights": {"type": "array", "items": _ref("Highlight")},
                                      "pages": {"type": "array", "items": {"type": "object"}}},
                                     ["highlights", "pages"]), "Matches"),
                "422": _error("`q` is missing"), **COMMON_ERRORS}}},
        "/api/hatches": {
            "post": {"summary": "Hatch the chosen pages or highlights into one write-up.",
                     "requestBody": {"required": True, "content": {
                         "application/json": {"schema": _ref("HatchRequest")}}},
                     "responses": {"201": _json(_object({"hatch": _ref("Hatch")}, ["hatch"]),
                                                "The stored hatch"),
                                   "400": _error("Not a JSON object"),
                                   "404": _error("A page or highlight does not exist"),
                                   "415": _error("The body is not JSON"),
                                   "422": _error("Nothing to hatch, a field is wrong, or "
                                                 "the engine is not configured"),
                                   "502": _error("The language model failed and fallback "
                                                 "to the local engine is off"),
                                   **COMMON_ERRORS}},
            "get": {"summary": "Hatch history, newest first.", "parameters": PAGING,
                    "responses": {"200": _json(_object({"hatches": {"type": "array",
                                                                    "items": _ref("Hatch")},
                                                        "total": {"type": "integer"}},
                                                       ["hatches", "total"]), "Hatches"),
                                  "422": _error("Bad paging"), **COMMON_ERRORS}}},
        "/api/hatches/stream": {"post": {
            "summary": "Hatch as server-sent events while the model writes; closing the "
                       "connection cancels the model call.",
            "description": "Events: `start` {engine, length, sources, model}; `text` {text}, "
                           "the model's draft piece by piece; `notice` {message} (retrying, "
                           "falling back); `hatch` {hatch}, the checked and stored hatch that "
                           "replaces the draft; `error` {error: {code, message}}. Comment "
                           "lines are keep-alives.",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": _ref("HatchRequest")}}},
            "responses": {"200": {"description": "The event stream",
                                  "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                          "400": _error("Not a JSON object"),
                          "404": _error("A page or highlight does not exist"),
                          "415": _error("The body is not JSON"),
                          "422": _error("Nothing to hatch, a field is wrong, or the engine is "
                                        "not configured"),
                          **COMMON_ERRORS}}},
        "/api/hatches/{hatch_id}": {
            "parameters": [HATCH_ID],
            "get": {"summary": "One hatch: JSON, or Markdown with `Accept: text/markdown`.",
                    "responses": {"200": {"description": "The hatch", "content": {
                        "application/json": {"schema": _object({"hatch": _ref("Hatch")}, ["hatch"])},
                        "text/markdown": {"schema": {"type": "string"}}}},
                        "404": _error("No such hatch"), **COMMON_ERRORS}}},
        "/api/export": {"get": {
            "summary": "The whole library as a file (json: lossless; markdown: a zip of one "
                       "file per page; csv: one row per highlight; jsonld: W3C Web "
                       "Annotation), or one hatch as Markdown (hatch_id=N).",
            "parameters": [
                {"name": "format", "in": "query",
                 "schema": {"type": "string", "default": "json",
                            "enum": ["json", "markdown", "csv", "jsonld"]}},
                {"name": "hatch_id", "in": "query", "schema": {"type": "integer"},
                 "description": "export this hatch as Markdown instead (format is ignored)"}],
            "responses": {
                "200": {"description": "The file, as an attachment", "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "application/ld+json": {"schema": {"type": "object"}},
                    "text/csv": {"schema": {"type": "string"}},
                    "application/zip": {"schema": {"type": "string", "format": "binary"}},
                    "text/markdown": {"schema": {"type": "string"}}}},
                "404": _error("No such hatch"),
                "422": _error("Unknown format, or format=hatch without hatch_id"),
                **COMMON_ERRORS}}},
    }


def build_spec(version: str, engines: Sequence[str] = ("local",)) -> dict:
    """The document for this server: `engines` are the hatch engines it can
    run now (the LLM engine only when a model is configured)."""
    schemas = copy.deepcopy(SCHEMAS)
    schemas["HatchRequest"]["properties"]["engine"]["enum"] = list(engines)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hatchery companion server", "version": version,
                 "description": "Local-first highlights, articles and hatches. Every route "
                                "but /api/health needs `Authorization: Bearer <token>`."},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
        "paths": _paths(),
    }
