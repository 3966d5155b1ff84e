"""Capturing highlights: what the extension sends and what the person keeps."""

from conftest import RESOURCES, make_capture

from hatchery.store import Store

TIDES = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")


def test_a_capture_is_stored_with_its_paragraph_as_context(client):
    body = make_capture(html=TIDES)
    response = client.post("/api/captures", json=body)
    assert response.status_code == 201
    assert response.json["highlight"]["exact"] == body["text"]
    # The page is extracted after the answer; a moment later the context is there.
    stored = client.get(f"/api/highlights/{body['id']}").json["highlight"]
    assert stored["id"] == body["id"]
    assert stored["context"]["found"] is True
    assert "Twice a day the sea climbs" in stored["context"]["block_text"]

    page = client.get(f"/api/pages/{stored['page_id']}").json["page"]
    assert page["title"] == "How tides work"
    assert "Spring and neap tides" in page["article_text"]
    assert [h["id"] for h in page["highlights"]] == [body["id"]]


SIDEBAR_PAGE = """<!doctype html><html><head><title>Tides</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article><h1>How tides work</h1>
<p>Twice a day the sea climbs the shore and falls back again, pulled by the Moon.</p>
<p>The Moon's pull is strongest on the side of the Earth that faces it, and a second
bulge forms on the far side, where the Earth is pulled away from the water.</p>
<p>Spring tides come at new and full moon, when the Sun and the Moon pull together;
neap tides come at the quarter moons, when they pull at right angles.</p>
</article></main>
<aside class="sidebar related"><h3>From the harbour master</h3>
<p>Harbour pilots plan every entry around slack water, not the height of the tide.</p></aside>
<footer><p>Copyright Tide Times</p></footer></body></html>"""


def test_a_highlight_outside_the_article_keeps_its_own_paragraph(client):
    body = make_capture(html=SIDEBAR_PAGE, text="plan every entry around slack water",
                        prefix="Harbour pilots ", suffix=", not the height")
    assert client.post("/api/captures", json=body).status_code == 201
    stored = client.get(f"/api/highlights/{body['id']}").json["highlight"]
    # The extractor drops the sidebar; the highlight brings its block into
    # the article, where the hatch and the library's page view read it.
    assert stored["context"]["found"] is True
    assert stored["context"]["in_body"] is True
    assert "Harbour pilots plan every entry" in stored["context"]["block_text"]
    page = client.get(f"/api/pages/{stored['page_id']}").json["page"]
    assert "Spring tides come at new and full moon" in page["article_text"]
    assert "Harbour pilots plan every entry" in page["article_text"]


def test_the_same_capture_sent_twice_is_one_highlight(client):
    body = make_capture(html=TIDES)
    assert client.post("/api/captures", json=body).status_code == 201
    again = client.post("/api/captures", json=body)
    assert again.status_code == 200
    assert again.json["highlight"]["id"] == body["id"]
    listed = client.get("/api/highlights", query_string={"url": body["url"]}).json
    assert len(listed["highlights"]) == 1


def test_reusing_an_id_for_other_text_is_a_conflict_and_changes_nothing(client):
    body = make_capture()
    client.post("/api/captures", json=body)
    response = client.post("/api/captures", json={**body, "text": "something else"})
    assert response.status_code == 409
    assert "new id" in response.json["error"]["message"]
    stored = client.get(f"/api/highlights/{body['id']}").json["highlight"]
    assert stored["exact"] == body["text"]


def test_tracking_parameters_and_fragments_do_not_split_a_page(client):
    first = make_capture(url="https://Example.org/articles/tides?utm_source=news#top")
    second = make_capture(url="https://example.org:443/articles/tides?fbclid=abc",
                          text="A second bulge forms")
    a = client.post("/api/captures", json=first).json["highlight"]
    b = client.post("/api/captures", json=second).json["highlight"]
    assert a["page_id"] == b["page_id"]
    assert a["url"] == "https://example.org/articles/tides"
    listed = client.get("/api/highlights", query_string={
        "url": "https://example.org/articles/tides#section-2"}).json["highlights"]
    assert {h["id"] for h in listed} == {first["id"], second["id"]}


def test_ten_captures_of_one_page_extract_it_once(client, monkeypatch):
    calls = []
    real = Store.finish_extraction

    def counting(self, job, **kwargs):
        calls.append(job.url)
        return real(self, job, **kwargs)

    monkeypatch.setattr(Store, "finish_extraction", counting)
    for _ in range(10):
        response = client.post("/api/captures", json=make_capture(html=TIDES))
        assert response.status_code == 201
    assert len(calls) == 1


def test_a_changed_page_is_extracted_again_and_its_older_highlights_follow(client):
    older = make_capture(html=TIDES)
    client.post("/api/captures", json=older)
    edited = TIDES.replace("How tides work</h1>", "How tides really work</h1>").replace(
        "Twice a day", "Two times each day")
    highlight = client.post("/api/captures", json=make_capture(html=edited)).json["highlight"]
    page = client.get(f"/api/pages/{highlight['page_id']}").json["page"]
    assert "Two times each day" in page["article_text"]
    assert page["extraction"] == "done"
    # The first highlight's paragraph is the new one, not what the page said before.
    context = client.get(f"/api/highlights/{older['id']}").json["highlight"]["context"]
    assert "Two times each day" in context["block_text"]
    assert "Twice a day" not in context["block_text"]


def test_a_capture_without_html_keeps_the_article_already_stored(client):
    client.post("/api/captures", json=make_capture(html=TIDES))
    highlight = client.post("/api/captures", json=make_capture(
        text="neap tides", prefix="sailors call these ", suffix=".")).json["highlight"]
    assert highlight["context"]["found"] is True
    page = client.get(f"/api/pages/{highlight['page_id']}").json["page"]
    assert "neap tides" in page["article_text"]


def test_a_page_that_cannot_be_extracted_still_keeps_the_highlight(client):
    response = client.post("/api/captures", json=make_capture(html="\x00\x01<frameset></frameset>"))
    assert response.status_code == 201
    assert response.json["highlight"]["exact"] == "The Moon pulls the oceans toward it"


def test_colour_note_and_tags_travel_with_the_capture(client):
    body = make_capture(color="pink", note="ask the harbour master", tags=["sea", "sea", " moon "])
    stored = client.post("/api/captures", json=body).json["highlight"]
    assert (stored["color"], stored["note"], stored["tags"]) == (
        "pink", "ask the harbour master", ["sea", "moon"])


def test_highlights_of_an_unknown_page_are_an_empty_list(client):
    listed = client.get("/api/highlights", query_string={"url": "https://nowhere.example/"})
    assert listed.status_code == 200
    assert listed.json["highlights"] == []
