"""Every limit /api/openapi.json states is one the server keeps.

The cases are read from the served document itself: for each request field
and each limit its schema states (maxLength, minLength, maximum, minimum,
enum, maxItems, an item's maxLength, pattern, format, required), one request
breaks the limit and must be refused with a message naming the field, and
one sits exactly at the limit and must be accepted. A limit added to a
model is tested here without a line more."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from hatchery import __version__
from hatchery.contract.openapi import build_spec

SPEC = build_spec(__version__)
OMIT = object()  # the field is left out of the request
PAGE_URL = "https://example.org/limits"


@dataclass(frozen=True)
class Probe:
    method: str
    path: str
    where: str  # "body" or "query"
    field: str
    rule: str
    value: Callable[[dict], Any]  # from the base request to the value sent
    breaks: bool

    def __str__(self) -> str:
        verdict = "refused" if self.breaks else "accepted"
        return f"{self.method.upper()} {self.path} {self.field} {self.rule} {verdict}"


def _plain(schema: dict) -> dict:
    """The non-null branch of a nullable schema."""
    branches = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return branches[0] if len(branches) == 1 else schema


def _resolve(schema: dict) -> dict:
    name = schema["$ref"].rsplit("/", 1)[1]
    return SPEC["components"]["schemas"][name]


def _text(schema: dict, length: int) -> str:
    """A value of `length` characters that is otherwise valid for `schema`."""
    if schema.get("format") == "uri":
        base = "https://example.org/"
        return base + "a" * (length - len(base))
    if schema.get("format") == "uuid":
        # uuid.UUID reads "urn:uuid:" and ignores hyphens: a valid id of any length.
        plain = str(uuid.uuid4())
        return "urn:uuid:" + "-" * (length - 9 - len(plain)) + plain
    return "x" * length


def _not_matching(pattern: str) -> str:
    return next(v for v in (" ", "ftp://example.org/", "x") if not re.search(pattern, v))


def _items(schema: dict, name: str, count: int) -> Callable[[dict], list]:
    """`count` valid items: the base request's own (ids that exist), or distinct words."""
    def make(base: dict) -> list:
        if base.get(name):
            return base[name][:1] * count
        return [f"{name}{i}" for i in range(count)]
    return make


def _probes_for(method: str, path: str, where: str, name: str, schema: dict,
                required: bool):
    # Each value is a function of the base request; the default arguments
    # (n=n) hold each limit as it was when the probe was made.
    def probe(rule: str, value: Callable[[dict], Any], breaks: bool) -> Probe:
        return Probe(method, path, where, name, rule, value, breaks)

    if required:
        yield probe("required", lambda base: OMIT, True)
    if "maxLength" in schema:
        n = schema["maxLength"]
        yield probe(f"maxLength {n}", lambda base, n=n: _text(schema, n + 1), True)
        yield probe(f"maxLength {n}", lambda base, n=n: _text(schema, n), False)
    if schema.get("minLength"):
        n = schema["minLength"]
        yield probe(f"minLength {n}", lambda base, n=n: _text(schema, n - 1), True)
        yield probe(f"minLength {n}", lambda base, n=n: _text(schema, n), False)
    if "maximum" in schema:
        n = schema["maximum"]
        yield probe(f"maximum {n}", lambda base, n=n: n + 1, True)
        yield probe(f"maximum {n}", lambda base, n=n: n, False)
    if "minimum" in schema:
        n = schema["minimum"]
        yield probe(f"minimum {n}", lambda base, n=n: n - 1, True)
        yield probe(f"minimum {n}", lambda base, n=n: n, False)
    if "enum" in schema:
        yield probe("enum", lambda base: "no-such-choice", True)
        for choice in schema["enum"]:
            yield probe(f"enum {choice}", lambda base, c=choice: c, False)
    if "maxItems" in schema:
        n = schema["maxItems"]
        yield probe(f"maxItems {n}", _items(schema, name, n + 1), True)
        yield probe(f"maxItems {n}", _items(schema, name, n), False)
    item_max = schema.get("items", {}).get("maxLength")
    if item_max:
        yield probe(f"items maxLength {item_max}", lambda base: ["x" * (item_max + 1)], True)
        yield probe(f"items maxLength {item_max}", lambda base: ["x" * item_max], False)
    if "pattern" in schema:
        yield probe("pattern", lambda base: _not_matching(schema["pattern"]), True)
    if schema.get("format") in ("uri", "uuid"):
        yield probe(f"format {schema['format']}", lambda base: "not a valid one", True)


def probes() -> list[Probe]:
    found = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            body = operation.get("requestBody")
            if body:
                schema = _resolve(body["content"]["application/json"]["schema"])
                for name, prop in schema["properties"].items():
                    found += _probes_for(method, path, "body", name, _plain(prop),
                                         name in schema.get("required", []))
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    found += _probes_for(method, path, "query", parameter["name"],
                                         _plain(parameter["schema"]), parameter["required"])
    return found


PROBES = probes()


@pytest.fixture
def world(client):
    """One page with one highlight, for the ids the requests name."""
    capture = {"id": str(uuid.uuid4()), "url": PAGE_URL, "text": "a highlight in a page",
               "html": "<article><p>Tides: a highlight in a page.</p></article>"}
    highlight = client.post("/api/captures", json=capture).json["highlight"]
    return {"page_id": highlight["page_id"], "highlight_id": highlight["id"]}


def base_request(probe: Probe, world: dict) -> dict:
    """A request to the probe's route that is valid in every field."""
    if probe.path == "/api/captures":
        return {"id": str(uuid.uuid4()), "url": PAGE_URL, "text": "a highlight"}
    if probe.path.startswith("/api/hatches") and probe.method == "post":
        return {"page_ids": [world["page_id"]], "highlight_ids": [world["highlight_id"]]}
    return {"/api/highlights": {"url": PAGE_URL}, "/api/search": {"q": "highlight"}}.get(
        probe.path, {})


def send(client, probe: Probe, world: dict):
    fields = base_request(probe, world)
    value = probe.value(fields)
    if value is OMIT:
        fields.pop(probe.field, None)
    else:
        fields[probe.field] = value
    path = probe.path.format(**world)
    if probe.where == "body":
        return client.open(probe.method.upper(), path, json=fields)
    return client.open(probe.method.upper(), path,
                       query_string={k: str(v) for k, v in fields.items()})


def test_the_spec_states_limits_on_every_route_that_reads_input():
    routes = {(p.method, p.path) for p in PROBES}
    assert {("post", "/api/captures"), ("patch", "/api/highlights/{highlight_id}"),
            ("post", "/api/hatches"), ("post", "/api/hatches/stream"),
            ("get", "/api/highlights"), ("get", "/api/pages"), ("get", "/api/search"),
            ("get", "/api/hatches"), ("get", "/api/export")} <= routes
    assert len([p for p in PROBES if p.breaks]) >= 40


def test_the_served_spec_is_the_one_walked_here(client):
    assert client.get("/api/openapi.json").json == SPEC


@pytest.mark.parametrize("probe", [p for p in PROBES if p.breaks], ids=str)
def test_a_request_over_a_stated_limit_is_refused_naming_the_field(client, world, probe):
    response = send(client, probe, world)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert f"`{probe.field}`" in response.json["error"]["message"]


@pytest.mark.parametrize("probe", [p for p in PROBES if not p.breaks], ids=str)
def test_a_request_exactly_at_a_stated_limit_is_accepted(client, world, probe):
    response = send(client, probe, world)
    response.get_data()  # a stream runs to its end
    if probe.path == "/api/pair":
        # A well-formed code that is not the one shown is a wrong code (401),
        # which is the route reading it, not refusing its form.
        assert response.status_code == 401, response.get_data(as_text=True)
        assert response.json["error"]["code"] != "invalid"
        return
    assert response.status_code < 400, response.get_data(as_text=True)


def test_a_hatch_request_that_picks_nothing_is_refused_naming_both_fields(client):
    response = client.post("/api/hatches", json={"page_ids": [], "highlight_ids": []})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "nothing_to_hatch"
    message = response.json["error"]["message"]
    assert "`page_ids`" in message and "`highlight_ids`" in message


def test_a_patch_may_change_only_what_the_spec_lists(client, world):
    schema = SPEC["components"]["schemas"]["HighlightChanges"]
    assert schema["additionalProperties"] is False
    response = client.patch(f"/api/highlights/{world['highlight_id']}", json={"exact": "x"})
    assert response.status_code == 422
    assert "`exact` cannot be changed" in response.json["error"]["message"]
