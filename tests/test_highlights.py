"""Changing, deleting and finding highlights."""

from conftest import RESOURCES, make_capture

TIDES = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")


def stored(client, **fields):
    return client.post("/api/captures", json=make_capture(**fields)).json["highlight"]


def test_a_highlight_changes_colour_note_and_tags(client):
    highlight = stored(client)
    response = client.patch(f"/api/highlights/{highlight['id']}",
                            json={"color": "green", "note": "check the almanac", "tags": ["sea"]})
    assert response.status_code == 200
    changed = response.json["highlight"]
    assert (changed["color"], changed["note"], changed["tags"]) == ("green", "check the almanac", ["sea"])
    assert changed["exact"] == highlight["exact"]


def test_changing_the_text_of_a_highlight_is_refused(client):
    highlight = stored(client)
    response = client.patch(f"/api/highlights/{highlight['id']}", json={"exact": "other"})
    assert response.status_code == 422
    assert "`exact` cannot be changed" in response.json["error"]["message"]


def test_editing_a_missing_highlight_is_404(client):
    response = client.patch("/api/highlights/nope", json={"note": "x"})
    assert response.status_code == 404
    assert client.delete("/api/highlights/nope").status_code == 404


def test_search_finds_a_highlight_by_its_text_and_its_note(client):
    highlight = stored(client, note="remember the harbour master")
    by_text = client.get("/api/search", query_string={"q": "oceans"}).json
    by_note = client.get("/api/search", query_string={"q": "harbour"}).json
    assert [h["id"] for h in by_text["highlights"]] == [highlight["id"]]
    assert [h["id"] for h in by_note["highlights"]] == [highlight["id"]]
    assert "[harbour]" in by_note["highlights"][0]["snippet"]


def test_search_finds_pages_by_their_article(client):
    stored(client, html=TIDES)
    result = client.get("/api/search", query_string={"q": "neap"}).json
    assert result["pages"][0]["title"] == "How tides work"


def test_an_edited_note_is_what_search_finds(client):
    highlight = stored(client, note="first thought")
    client.patch(f"/api/highlights/{highlight['id']}", json={"note": "second thought"})
    assert client.get("/api/search?q=first").json["highlights"] == []
    assert len(client.get("/api/search?q=second").json["highlights"]) == 1


def test_deleting_a_highlight_removes_it_from_search(client):
    highlight = stored(client, note="lighthouse")
    assert client.delete(f"/api/highlights/{highlight['id']}").status_code == 204
    assert client.get("/api/search?q=lighthouse").json["highlights"] == []
    assert client.get(f"/api/highlights/{highlight['id']}").status_code == 404


def test_search_syntax_is_never_an_error(client):
    stored(client, note='quotes "and" stars')
    for query in ['"unbalanced', "AND OR NOT", "moon*", "(", "NEAR(a b", "col:umn", "-x"]:
        response = client.get("/api/search", query_string={"q": query})
        assert response.status_code == 200, query
    assert client.get("/api/search?q=").status_code == 422


def test_search_by_prefix(client):
    highlight = stored(client)
    found = client.get("/api/search", query_string={"q": "ocea*"}).json["highlights"]
    assert [h["id"] for h in found] == [highlight["id"]]


def test_pages_are_listed_with_counts_and_paginated(client):
    for n in range(5):
        url = f"https://example.org/post/{n}"
        for _ in range(n % 3):
            stored(client, url=url)
        if n % 3 == 0:
            stored(client, url=url)
    first = client.get("/api/pages?limit=2").json
    assert first["total"] == 5 and len(first["pages"]) == 2
    rest = client.get("/api/pages?limit=2&offset=2").json["pages"] + \
        client.get("/api/pages?limit=2&offset=4").json["pages"]
    urls = {p["url"] for p in first["pages"] + rest}
    assert len(urls) == 5
    assert all(p["highlight_count"] >= 1 for p in first["pages"] + rest)
    assert client.get("/api/pages?limit=0").status_code == 422


def test_deleting_a_page_deletes_its_highlights(client):
    highlight = stored(client, html=TIDES)
    assert client.delete(f"/api/pages/{highlight['page_id']}").status_code == 204
    assert client.get(f"/api/highlights/{highlight['id']}").status_code == 404
    assert client.get("/api/search?q=neap").json["pages"] == []


def test_a_deleted_highlight_is_not_brought_back_by_a_resend(client):
    body = make_capture()
    highlight = client.post("/api/captures", json=body).json["highlight"]
    client.delete(f"/api/highlights/{highlight['id']}")
    again = client.post("/api/captures", json=body)
    assert again.status_code == 410
    assert "was deleted" in again.json["error"]["message"]
    assert client.get(f"/api/highlights/{highlight['id']}").status_code == 404


def test_a_search_sqlite_cannot_run_says_so_instead_of_failing(client):
    # A NUL character ends an FTS5 string early: SQLite refuses the query.
    response = client.get("/api/search", query_string={"q": "tides\x00moon"})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "bad_search"
    assert "Try plain words" in response.json["error"]["message"]
