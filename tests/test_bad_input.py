"""Bad input gets a 4xx, never a 500: each request that once crashed a
route, then a fuzz of hostile strings, numbers and JSON over every route
of the app (API and library), checking the status and the error shape."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import hypothesis
import pytest
from conftest import TOKEN, make_capture
from hypothesis import strategies as st

from hatchery.jsontext import MAX_DEPTH
from hatchery.services.imports import import_bytes
from hatchery.services.logins import new_login_code
from hatchery.store import Store

BASE = "http://127.0.0.1:8765"


def nested(depth: int, inner: str = "[]") -> str:
    return "[" * (depth - 1) + inner + "]" * (depth - 1)


def send_json(client, path: str, text: str, method: str = "POST"):
    return client.open(method, path, data=text, headers={"Content-Type": "application/json"})


def is_error_shape(response) -> bool:
    body = response.get_json(silent=True)
    return (isinstance(body, dict) and isinstance(body.get("error"), dict)
            and isinstance(body["error"].get("code"), str)
            and isinstance(body["error"].get("message"), str))


@pytest.mark.parametrize("path, method", [("/api/captures", "POST"), ("/api/hatches", "POST"),
                                          ("/api/hatches/stream", "POST"),
                                          ("/api/highlights/x", "PATCH")])
def test_json_nested_ten_thousand_deep_is_a_400_that_says_so(client, path, method):
    response = send_json(client, path, '{"text": ' + nested(10_000) + "}", method)
    assert response.status_code == 400 and is_error_shape(response)
    assert "nested more than" in response.get_json()["error"]["message"]


def test_deep_nesting_inside_an_ignored_field_is_a_400_not_a_crash(client):
    capture = json.dumps(make_capture())
    response = send_json(client, "/api/captures", capture[:-1] + ', "zzz": ' + nested(600) + "}")
    assert response.status_code == 400 and is_error_shape(response)


def test_a_little_nesting_in_an_ignored_field_is_still_accepted(client):
    capture = json.dumps(make_capture())
    body = capture[:-1] + ', "zzz": ' + nested(MAX_DEPTH - 1) + "}"
    assert send_json(client, "/api/captures", body).status_code == 201


def test_lone_surrogates_anywhere_in_a_capture_are_stored_as_replacement_characters(client):
    body = json.dumps(make_capture(note="a\ud800b", tags=["t\udc00"], title="\udfff"))
    body = body[:-1] + ', "\\ud800key": "\\udc00"}'
    response = send_json(client, "/api/captures", body)
    assert response.status_code == 201
    assert response.get_json()["highlight"]["note"] == "a\ufffdb"


@pytest.mark.parametrize("path", ["/api/captures", "/api/highlights"])
def test_a_url_with_port_99999_is_refused_by_name(client, path):
    url = "https://example.org:99999/a"
    if path == "/api/captures":
        response = client.post(path, json=make_capture(url=url))
    else:
        response = client.get(f"{path}?url={quote(url)}")
    assert response.status_code == 422 and "`url`" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("hatch_id", ["²", "١", "9" * 5000, "1e3", "x1"])
def test_an_odd_hatch_id_is_refused_by_name(client, hatch_id):
    response = client.get(f"/api/export?format=hatch&hatch_id={quote(hatch_id)}")
    assert response.status_code == 422
    assert response.get_json()["error"]["message"] == "`hatch_id` must be a whole number."


@pytest.mark.parametrize("page_id", ["²", "١", "9" * 5000, "9" * 25])
def test_an_odd_id_in_the_path_is_a_404(client, page_id):
    for path in (f"/api/pages/{quote(page_id)}", f"/api/hatches/{quote(page_id)}"):
        response = client.get(path)
        assert response.status_code == 404 and is_error_shape(response)


@pytest.fixture
def library(app):
    """A test client logged in to the library."""
    store = Store(app.config["DATABASE"])
    code = new_login_code(store)
    store.close()
    browser = app.test_client()
    assert browser.get(f"/login?code={code}", base_url=BASE).status_code == 302
    return browser


@pytest.mark.parametrize("page", ["99999999999999999999", "9" * 5000, "١", "²", "-5"])
@pytest.mark.parametrize("path", ["/", "/hatches"])
def test_an_odd_page_number_in_the_library_shows_the_first_page(library, path, page):
    assert library.get(f"{path}?page={quote(page)}", base_url=BASE).status_code == 200


@pytest.mark.parametrize("hatch_id", ["²", "9" * 5000, "99999999999999999999"])
def test_the_library_export_of_an_odd_hatch_id_is_a_4xx(library, hatch_id):
    response = library.get(f"/export?format=hatch&hatch_id={quote(hatch_id)}", base_url=BASE)
    assert 400 <= response.status_code < 500


def our_export(pages=(), hatches=()) -> bytes:
    data = {"format": "hatchery", "version": 1, "pages": list(pages), "hatches": list(hatches)}
    return json.dumps(data).encode()


PAGE = {"url": "https://example.org/a", "title": "A", "highlights": [{"id": "h1", "exact": "x"}]}
RESULT = {"markdown": "# H", "introduction": [], "sections": [], "advice": [],
          "conclusion": [], "citations": []}


@pytest.mark.parametrize("hatch, reason", [
    ({"title": "H", "result": {**RESULT, "markdown": 5}}, "`markdown`"),
    ({"title": "H", "result": {**RESULT, "citations": [
        {"n": 1, "source_id": "abc", "highlight_id": None, "url": "u", "title": "t"}]}},
     "`citations.0.source_id`"),
    ({"title": "H", "page_ids": ["one"], "result": RESULT}, "`page_ids.0`"),
    ({"title": "H", "page_ids": [10**30], "result": RESULT}, "`page_ids`"),
    ({"title": "H", "id": 10**30, "result": RESULT}, "`id`"),
    ({"title": "H"}, "`result`"),
])
def test_a_bad_imported_hatch_is_skipped_and_the_history_still_shows(app, client, library,
                                                                     hatch, reason):
    store = Store(app.config["DATABASE"])
    try:
        report = import_bytes(store, our_export([PAGE], [hatch, {"title": "Good",
                                                                 "result": RESULT}]))
    finally:
        store.close()
    assert report["hatches"] == 1
    assert any(reason in skipped for skipped in report["skipped"]), report["skipped"]
    listed = client.get("/api/hatches").get_json()["hatches"]
    assert [h["title"] for h in listed] == ["Good"]
    assert client.get(f"/api/hatches/{listed[0]['id']}").status_code == 200
    assert library.get("/hatches", base_url=BASE).status_code == 200


def test_an_imported_hatch_without_markdown_is_shown_with_markdown_from_its_parts(app, client):
    store = Store(app.config["DATABASE"])
    try:
        result = {**{k: v for k, v in RESULT.items() if k != "markdown"},
                  "conclusion": [{"text": "Tides follow the Moon.", "cites": []}]}
        import_bytes(store, our_export([PAGE], [{"title": "Bare", "result": result}]))
    finally:
        store.close()
    hatch_id = client.get("/api/hatches").get_json()["hatches"][0]["id"]
    answer = client.get(f"/api/hatches/{hatch_id}")
    assert answer.status_code == 200
    assert "Tides follow the Moon." in answer.get_json()["hatch"]["markdown"]
    as_markdown = client.get(f"/api/hatches/{hatch_id}", headers={"Accept": "text/markdown"})
    assert as_markdown.status_code == 200 and as_markdown.text.startswith("# Bare")


def test_imported_text_with_lone_surrogates_is_stored(app, client):
    raw = (b'{"format": "hatchery", "version": 1, "pages": [{"url": "https://example.org/s",'
           b' "title": "\\ud800", "highlights": [{"id": "h\\udc00", "exact": "x\\ud800",'
           b' "note": "\\udfff"}]}]}')
    store = Store(app.config["DATABASE"])
    try:
        report = import_bytes(store, raw)
    finally:
        store.close()
    assert report["highlights"] == 1
    highlight = client.get("/api/highlights?url=https://example.org/s").get_json()
    assert highlight["highlights"][0]["exact"] == "x\ufffd"


def test_an_import_nested_ten_thousand_deep_is_refused_whole(library):
    raw = ('{"format": "hatchery", "version": 1, "pages": ' + nested(10_000) + "}").encode()
    response = library.post("/import", base_url=BASE, data={
        "csrf": csrf_of(library), "file": (__import__("io").BytesIO(raw), "deep.json")})
    assert response.status_code == 422
    assert "nested more than" in response.get_data(as_text=True)


def csrf_of(browser) -> str:
    html = browser.get("/", base_url=BASE).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


# --- the fuzz -------------------------------------------------------------

HOSTILE_WORDS = ["", "0", "-1", "²", "١٢", "9" * 5000, "9" * 25, "1e309", "NaN", "\x00",
                 "%00", "%ED%A0%80", "%FF", "..", "../../etc/passwd", "\\", "//evil.example",
                 "\t", "x" * 100_000, "<script>", "' OR 1=1 --", '"', "null", "[]", "{}",
                 "https://example.org:99999/", "javascript:alert(1)", "\u202e", "🐣" * 1000]
hostile_word = st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=40),
                         st.integers().map(str))

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**400, max_value=10**400),
                      st.floats(allow_nan=False, allow_infinity=False),
                      st.text(max_size=20), st.sampled_from(HOSTILE_WORDS[:20]))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
FIELDS = ["id", "url", "title", "text", "html", "prefix", "suffix", "start", "end", "color",
          "note", "tags", "page_ids", "highlight_ids", "engine", "length"]
json_body = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_value, max_size=8).map(json.dumps),
    st.integers(min_value=1, max_value=5000).map(lambda n: '{"tags": ' + nested(n) + "}"),
    st.sampled_from(['{"text": "\\ud800"}', '{"url": "\\udfff"}', "[1]", "1e99999", "{",
                     '{"a": NaN}', '{"start": 1e400}', "\ufeff{}", "\x00"]),
)


def _rules(app):
    """Every route of the app with the methods a client may call."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _path(rule, word: str) -> str:
    """The rule's path with every variable set to `word`, percent-encoded."""
    return re.sub(r"<[^>]+>", lambda _: quote(word, safe="%") or "x", rule.rule)


@pytest.fixture
def routes(app):
    return list(_rules(app))


def test_every_route_is_fuzzed(routes):
    labels = {f"{method} {rule.rule}" for rule, method in routes}
    assert "POST /api/captures" in labels and "GET /pages/<int:page_id>" in labels
    assert len(labels) >= 25


def test_hostile_input_on_every_route_is_never_a_500(app, client, library, routes):
    csrf = csrf_of(library)

    @hypothesis.given(route=st.sampled_from(routes), word=hostile_word, body=json_body,
                      args=st.dictionaries(st.sampled_from(
                          ["url", "q", "page", "limit", "offset", "format", "hatch_id", "tag",
                           "color", "site", "from", "to", "code", "next"]),
                          hostile_word, max_size=3))
    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    def fuzz(route, word, body, args):
        rule, method = route
        path = _path(rule, word)
        query = "&".join(f"{quote(k)}={quote(v, safe='%')}" for k, v in args.items())
        target = path + (f"?{query}" if query else "")
        if path.startswith("/api/"):
            response = client.open(method, target, data=body.encode("utf-8", "surrogatepass"),
                                   headers={"Content-Type": "application/json"})
            assert response.status_code < 500, (method, target, body[:200])
            if response.status_code >= 400:
                assert is_error_shape(response), (method, target)
        else:
            form = {"csrf": csrf, "note": word, "color": word, "tags": word, "next": word}
            response = library.open(target, method=method, base_url=BASE, data=form)
            assert response.status_code < 500, (method, target, word[:200])

    fuzz()
