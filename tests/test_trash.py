"""One trash for every delete: the API, the library and a deleted page all
put highlights there; they come back for seven days, and a stale resend of
one never brings it back on its own."""

from conftest import RESOURCES, TOKEN, make_capture

from hatchery.app import create_app
from hatchery.store import Store

TIDES = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")


def _capture(client, **fields) -> tuple[dict, dict]:
    body = make_capture(**fields)
    return body, client.post("/api/captures", json=body).json["highlight"]


def test_a_resend_of_a_highlight_on_a_deleted_page_is_refused(client):
    body, highlight = _capture(client, html=TIDES)
    assert client.delete(f"/api/pages/{highlight['page_id']}").status_code == 204
    again = client.post("/api/captures", json=body)
    assert again.status_code == 410
    assert client.get("/api/highlights", query_string={"url": body["url"]}).json[
        "highlights"] == []


def test_a_highlight_deleted_through_the_api_can_be_restored(client):
    body, highlight = _capture(client, note="ask the harbour master", tags=["sea"])
    assert client.delete(f"/api/highlights/{highlight['id']}").status_code == 204
    assert client.get(f"/api/highlights/{highlight['id']}").status_code == 404
    restored = client.post(f"/api/highlights/{highlight['id']}/restore")
    assert restored.status_code == 200
    assert restored.json["highlight"]["note"] == "ask the harbour master"
    assert restored.json["highlight"]["tags"] == ["sea"]
    # Restored, it is stored again: a resend is the usual 200.
    assert client.post("/api/captures", json=body).status_code == 200
    assert client.post(f"/api/highlights/{highlight['id']}/restore").status_code == 404


def test_a_deleted_page_comes_back_with_its_article_when_a_highlight_is_restored(client):
    _, first = _capture(client, html=TIDES)
    _, second = _capture(client, text="neap tides", prefix="sailors call these ", suffix=".")
    client.delete(f"/api/pages/{first['page_id']}")
    assert client.get(f"/api/pages/{first['page_id']}").status_code == 404
    assert client.get("/api/search?q=neap").json["pages"] == []

    restored = client.post(f"/api/highlights/{second['id']}/restore").json["highlight"]
    page = client.get(f"/api/pages/{restored['page_id']}").json["page"]
    assert "Spring and neap tides" in page["article_text"]
    assert [h["id"] for h in page["highlights"]] == [second["id"]]
    assert page["highlight_count"] == 1
    client.post(f"/api/highlights/{first['id']}/restore")
    assert client.get(f"/api/pages/{page['id']}").json["page"]["highlight_count"] == 2


def test_a_page_leaves_the_library_with_its_last_highlight(client):
    """No page without a highlight stays in the library: its article would be
    a log of what was read, not what was kept."""
    _, highlight = _capture(client, html=TIDES)
    client.delete(f"/api/highlights/{highlight['id']}")
    assert client.get("/api/pages").json["total"] == 0
    assert client.get(f"/api/pages/{highlight['page_id']}").status_code == 404
    assert client.get("/api/search?q=neap").json["pages"] == []


def test_the_trash_is_emptied_after_seven_days_and_resends_stay_refused(tmp_path):
    config = {"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN}
    app = create_app(config)
    from conftest import AuthClient

    client = AuthClient(app.test_client())
    body, highlight = _capture(client, html=TIDES)
    client.delete(f"/api/pages/{highlight['page_id']}")
    _age_the_trash(app.config["DATABASE"], days=8)

    client = AuthClient(create_app(config).test_client())  # the server starts again
    assert client.post(f"/api/highlights/{highlight['id']}/restore").status_code == 404
    assert client.post("/api/captures", json=body).status_code == 410
    store = Store(app.config["DATABASE"])
    assert store.conn.execute("SELECT COUNT(*) FROM trashed_pages").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM trash").fetchone()[0] == 0


def test_a_day_old_delete_is_still_in_the_trash(tmp_path):
    config = {"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN}
    from conftest import AuthClient

    app = create_app(config)
    client = AuthClient(app.test_client())
    _, highlight = _capture(client)
    client.delete(f"/api/highlights/{highlight['id']}")
    _age_the_trash(app.config["DATABASE"], days=1)
    client = AuthClient(create_app(config).test_client())
    assert client.post(f"/api/highlights/{highlight['id']}/restore").status_code == 200


def _age_the_trash(database: str, *, days: int) -> None:
    store = Store(database)
    with store.transaction():
        for table in ("trash", "trashed_pages"):
            store.conn.execute(
                f"UPDATE {table} SET deleted_at ="
                " strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)", (f"-{days} days",))
    store.close()
