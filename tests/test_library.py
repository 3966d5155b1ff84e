"""The web library through Flask's test client: login by one-time link,
the session and CSRF guards, browsing, filters, search, editing, delete
with undo, hatch pages, import and export."""

from __future__ import annotations

import io
import re

import pytest

from hatchery.security import CSRF_HEADER
from hatchery.services.logins import new_login_code
from hatchery.store import Store
from library_data import HIGHLIGHT_IDS, fill

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def store(app):
    store = Store(app.config["DATABASE"])
    yield store
    store.close()


@pytest.fixture
def hatch(store):
    return fill(store)


@pytest.fixture
def browser(app, store):
    """A test client logged in to the library the way `hatchery open` does."""
    client = app.test_client()
    response = client.get(f"/login?code={new_login_code(store)}", base_url=BASE)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    return client


def get(client, path, **kw):
    return client.get(path, base_url=BASE, **kw)


def post(client, path, data=None, **kw):
    return client.post(path, base_url=BASE, data=data or {}, **kw)


def csrf(client) -> str:
    html = get(client, "/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_the_library_needs_a_login_and_says_how_to_get_one(app):
    response = app.test_client().get("/", base_url=BASE)
    assert response.status_code == 401
    assert "hatchery open" in response.get_data(as_text=True)


def test_a_login_link_works_once_and_sets_a_strict_http_only_cookie(app, store):
    code = new_login_code(store)
    response = app.test_client().get(f"/login?code={code}", base_url=BASE)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{app.config['LIBRARY_COOKIE']}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    again = app.test_client().get(f"/login?code={code}", base_url=BASE)
    assert again.status_code == 401 and "already been used" in again.get_data(as_text=True)
    assert app.test_client().get("/login?code=made-up", base_url=BASE).status_code == 401


def test_an_expired_login_link_is_refused(app, store):
    code = new_login_code(store)
    store.conn.execute("UPDATE login_codes SET expires_at = '2000-01-01T00:00:00Z'")
    assert app.test_client().get(f"/login?code={code}", base_url=BASE).status_code == 401


def test_the_library_refuses_a_foreign_host(browser):
    response = browser.get("/", base_url="http://evil.example:8765")
    assert response.status_code == 403


def test_pages_show_their_highlights_in_colour_with_notes_and_tags(browser, hatch):
    html = get(browser, "/").get_data(as_text=True)
    assert "How tides work" in html
    assert 'class="highlight color-yellow"' in html and 'class="highlight color-pink"' in html
    assert "Gravity, mostly; ask about lunar months" in html
    assert ">#science</a>" in html


def test_page_data_is_escaped_everywhere(browser, hatch):
    for path in ("/", f"/pages/{get_page_id(browser, 'Evil page')}", "/search?q=evil",
                 "/search?q=onerror"):
        html = get(browser, path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "<b>not bold</b>" not in html, path
    html = get(browser, "/").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; Evil page" in html


def get_page_id(client, title_part: str) -> int:
    html = get(client, "/").get_data(as_text=True)
    for match in re.finditer(r'href="/pages/(\d+)">([^<]*)</a>', html):
        if title_part in match.group(2):
            return int(match.group(1))
    raise AssertionError(title_part)


@pytest.mark.parametrize("query, expected, absent", [
    ("tag=tides", "How tides work", "On attention"),
    ("color=green", "On attention", "How tides work"),
    ("site=essays.example.com", "On attention", "How tides work"),
    ("tag=deep+work", "On attention", "How tides work"),
])
def test_filters_narrow_the_pages(browser, hatch, query, expected, absent):
    html = get(browser, f"/?{query}").get_data(as_text=True)
    assert expected in html and absent not in html


def test_the_date_filter_uses_the_day_a_highlight_was_made(browser, hatch, store):
    store.conn.execute("UPDATE highlights SET created_at = '2020-01-05T10:00:00Z' WHERE id = ?",
                       (HIGHLIGHT_IDS["focus"],))
    html = get(browser, "/?from=2020-01-01&to=2020-01-31").get_data(as_text=True)
    assert "On attention" in html and "How tides work" not in html
    assert get(browser, "/?from=yesterday").status_code == 422


def test_search_finds_a_word_in_a_note_and_marks_it_after_escaping(browser, hatch):
    html = get(browser, "/search?q=lunar").get_data(as_text=True)
    assert "<mark>lunar</mark>" in html
    assert 'href="/pages/' in html and f'#h-{HIGHLIGHT_IDS["moon"]}' in html
    html = get(browser, "/search?q=onerror").get_data(as_text=True)
    assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in html


def test_search_shows_a_screenful_of_results_and_links_to_the_next(browser, store):
    import uuid

    from hatchery.library.pages import SEARCH_LIMIT
    from hatchery.services.captures import Capture, save_capture
    from hatchery.store import HighlightRecord

    for n in range(SEARCH_LIMIT + 5):
        save_capture(store, Capture(
            url=f"https://example.org/harbour/{n}", title=f"Harbour log {n}",
            highlight=HighlightRecord(id=str(uuid.uuid4()), exact=f"the harbour at dusk, day {n}")))
    first = get(browser, "/search?q=harbour").get_data(as_text=True)
    assert first.count('class="highlight color-') == SEARCH_LIMIT
    assert "page 1 of the results" in first and "More results" in first
    assert "Better matches" not in first
    second = get(browser, "/search?q=harbour&page=2").get_data(as_text=True)
    assert second.count('class="highlight color-') == 5
    assert "Better matches" in second and "More results" not in second
    shown = set(re.findall(r"day (\d+)", first)) | set(re.findall(r"day (\d+)", second))
    assert shown == {str(n) for n in range(SEARCH_LIMIT + 5)}


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "(", "tide* NEAR/2", "col:x",
                                   "^*", "***"])
def test_search_syntax_never_breaks_the_page(browser, hatch, query):
    response = get(browser, "/search", query_string={"q": query})
    assert response.status_code == 200


def test_a_search_sqlite_cannot_run_is_a_friendly_message(browser, hatch):
    # A NUL character ends an FTS5 string early: SQLite refuses the query.
    response = get(browser, "/search?q=tides%00moon")
    assert response.status_code == 200
    assert "could not read that search" in response.get_data(as_text=True)


def test_editing_a_note_tags_and_colour(browser, hatch, store):
    moon = HIGHLIGHT_IDS["moon"]
    response = post(browser, f"/highlights/{moon}",
                    {"csrf": csrf(browser), "note": "New note\r\nline two",
                     "tags": "sea, moon , sea", "color": "pink", "next": "/pages/1#h-x"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/pages/1?saved={moon}#h-x"
    changed = store.get_highlight(moon)
    assert (changed["note"], changed["tags"], changed["color"]) == ("New note\nline two",
                                                                   ["sea", "moon"], "pink")


def test_a_form_without_the_csrf_token_changes_nothing(browser, hatch, store):
    moon = HIGHLIGHT_IDS["moon"]
    response = post(browser, f"/highlights/{moon}", {"note": "forged"})
    assert response.status_code == 403
    response = post(browser, f"/highlights/{moon}/delete", {"csrf": "wrong"})
    assert response.status_code == 403
    response = post(browser, f"/highlights/{moon}", {"csrf": csrf(browser), "note": "x"},
                    headers={"Origin": "http://127.0.0.1:9999"})
    assert response.status_code == 403
    assert store.get_highlight(moon)["note"] == "Gravity, mostly; ask about lunar months"


def test_a_bad_colour_is_refused_with_a_message(browser, hatch):
    response = post(browser, f"/highlights/{HIGHLIGHT_IDS['moon']}",
                    {"csrf": csrf(browser), "color": "octarine"})
    assert response.status_code == 422 and "colour must be one of" in response.get_data(
        as_text=True)


def test_delete_then_undo_brings_the_highlight_back_as_it_was(browser, hatch, store):
    moon = HIGHLIGHT_IDS["moon"]
    before = store.get_highlight(moon)
    token = csrf(browser)
    response = post(browser, f"/highlights/{moon}/delete",
                    {"csrf": token, "next": "/?tag=science"})
    assert response.headers["Location"] == f"/?tag=science&deleted={moon}"
    assert store.find_highlight(moon) is None
    html = get(browser, response.headers["Location"]).get_data(as_text=True)
    assert "Highlight deleted." in html and f"/highlights/{moon}/restore" in html
    response = post(browser, f"/highlights/{moon}/restore",
                    {"csrf": token, "next": f"/?tag=science&deleted={moon}"})
    assert response.headers["Location"] == "/?tag=science"
    assert store.get_highlight(moon) == before
    assert store.search("lunar")["highlights"][0]["id"] == moon


def test_the_hatch_history_and_a_hatch_page_with_citations(browser, hatch):
    html = get(browser, "/hatches").get_data(as_text=True)
    assert f'href="/hatches/{hatch["id"]}">Tides and attention</a>' in html
    html = get(browser, f"/hatches/{hatch['id']}").get_data(as_text=True)
    assert "The Moon pulls the oceans." in html
    assert '<a href="#cite-1" aria-label="source 1">1</a>' in html
    tides = hatch["page_ids"][0]
    assert f'href="/pages/{tides}#h-{HIGHLIGHT_IDS["moon"]}"' in html
    assert 'class="source" href="https://example.org/articles/tides"' in html
    markdown = get(browser, f"/hatches/{hatch['id']}.md")
    assert markdown.get_data(as_text=True).startswith("# Tides and attention")
    assert get(browser, "/hatches/999").status_code == 404


def test_a_non_web_url_is_never_a_link(browser, store):
    from hatchery.store import HighlightRecord, ImportPage

    store.import_batch([ImportPage(url="javascript:alert(1)", title="Sneaky",
                                   highlights=[HighlightRecord(id="x1", exact="text")])])
    html = get(browser, "/").get_data(as_text=True)
    assert 'href="javascript:' not in html
    page_id = get_page_id(browser, "Sneaky")
    assert 'href="javascript:' not in get(browser, f"/pages/{page_id}").get_data(as_text=True)


def test_import_upload_reports_what_it_added_and_a_bad_file_changes_nothing(browser, store):
    from pathlib import Path

    imports = Path(__file__).parent / "resources" / "imports"
    token = csrf(browser)
    response = post(browser, "/import", {
        "csrf": token, "file": (io.BytesIO((imports / "glasp.json").read_bytes()), "glasp.json")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    assert "3 new highlights, 2 new pages" in response.get_data(as_text=True)
    before = store.export_pages()
    response = post(browser, "/import", {
        "csrf": token, "file": (io.BytesIO((imports / "truncated.json").read_bytes()),
                                "bad.json")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "bad.json: The file is not valid JSON" in response.get_data(as_text=True)
    assert store.export_pages() == before


def test_export_downloads_from_the_library(browser, hatch):
    response = get(browser, "/export?format=csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert get(browser, "/export").status_code == 200
    assert get(browser, "/export?format=nope").status_code == 422


def test_the_librarys_js_reaches_the_api_only_with_its_csrf_header(browser, hatch):
    token = csrf(browser)
    ok = get(browser, "/api/pages", headers={CSRF_HEADER: token})
    assert ok.status_code == 200 and ok.json["total"] == 3
    assert get(browser, "/api/pages").status_code == 403
    assert get(browser, "/api/pages", headers={CSRF_HEADER: "forged"}).status_code == 403
    cross = get(browser, "/api/pages", headers={CSRF_HEADER: token,
                                                "Origin": "https://evil.example"})
    assert cross.status_code == 401


def test_logging_out_ends_the_session(browser, hatch):
    assert post(browser, "/logout", {"csrf": csrf(browser)}).status_code == 302
    assert get(browser, "/").status_code == 401


def test_library_pages_send_a_strict_content_security_policy(browser, hatch):
    headers = get(browser, "/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"



def test_the_page_view_shows_the_article_with_its_headings_and_the_highlights_drawn_in(
        browser, store, hatch):
    tides = store.page_by_url("https://example.org/articles/tides")
    headings = [b["text"] for b in tides["article"]["blocks"] if b["kind"] == "heading"]
    html = get(browser, f"/pages/{tides['id']}").get_data(as_text=True)
    assert headings and all(f">{h}</h" in html for h in headings)
    moon = HIGHLIGHT_IDS["moon"]
    assert (f'<a class="mark color-yellow" href="#h-{moon}" '
            f'title="Gravity, mostly; ask about lunar months">the Moon pulls the oceans</a>'
            ) in html
    assert f'id="h-{moon}"' in html, "the mark leads to the highlight's card"


def test_the_article_view_escapes_page_text_and_places_what_it_can(browser, store, hatch):
    from hatchery.library.reading import find_quote, reading_view

    article = {"blocks": [{"kind": "heading", "level": 1, "text": "<b>Title</b>"},
                          {"kind": "paragraph", "text": "one two three two"}]}
    highlights = [{"id": "a", "exact": "two", "color": "blue"},
                  {"id": "b", "exact": "two three", "color": "pink"},
                  {"id": "c", "exact": "nowhere", "color": "green"}]
    blocks, unplaced = reading_view(article, highlights)
    assert [s.text for s in blocks[1].segments] == ["one ", "two", " three two"]
    assert [h["id"] for h in blocks[1].beside] == ["b"], "an overlap is listed, not drawn"
    assert [h["id"] for h in unplaced] == ["c"]
    assert find_quote("Every day,  the\nMoon pulls", "The Moon") == (12, 20)
    evil = store.page_by_url("https://evil.example/xss")
    html = get(browser, f"/pages/{evil['id']}").get_data(as_text=True)
    assert "<img src=x" not in html and "<script>alert" not in html


def test_a_page_is_deleted_after_saying_what_goes_with_it_and_undo_brings_it_back(
        browser, store, hatch):
    tides = store.page_by_url("https://example.org/articles/tides")
    html = get(browser, f"/pages/{tides['id']}").get_data(as_text=True)
    assert "its 2 highlights to the trash" in html
    token = csrf(browser)
    refused = post(browser, f"/pages/{tides['id']}/delete", {})
    assert refused.status_code == 403, "a delete needs the form's CSRF token"
    done = post(browser, f"/pages/{tides['id']}/delete", {"csrf": token})
    assert done.status_code == 302
    listing = get(browser, done.headers["Location"]).get_data(as_text=True)
    assert "Moved “How tides work” and its highlights to the trash" in listing
    assert store.page_by_url(tides["url"]) is None

    # Undo: the form on that notice brings the page back with its highlights.
    gone = re.search(r'name="highlights" value="([^"]+)"', listing).group(1)
    back = post(browser, "/pages/restore", {"csrf": token, "highlights": gone})
    assert back.status_code == 302
    restored = store.page_by_url(tides["url"])
    assert restored is not None
    assert len(store.highlights_for_page(restored["id"])) == 2
