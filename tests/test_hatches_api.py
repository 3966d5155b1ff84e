"""Hatching through the API and the CLI: what the popup and the terminal get."""

import re

from click.testing import CliRunner
from conftest import RESOURCES, TOKEN, make_capture

from hatchery.cli import main as cli

PAGES = {
    "https://coastal.example/tides": ("tides.html", [
        ("the Moon pulls the oceans toward it, making a bulge", "the main force"),
        ("When the Sun and Moon line up, at new and full moon, their pulls add and the tides are largest", None),
        ("Check the local tide table before you set out, not a national average.", None),
    ]),
    "https://openwater.example/sea": ("swimming.html", [
        ("Rip currents are the main danger on surf beaches.", None),
        ("You should check the tide times and the forecast before every swim.", "do this"),
        ("Swim parallel to the shore until you are out of the rip", None),
    ]),
}


def capture_pages(client) -> dict[str, int]:
    page_ids = {}
    for url, (filename, highlights) in PAGES.items():
        html = (RESOURCES / "pages" / filename).read_text(encoding="utf-8")
        for text, note in highlights:
            body = make_capture(url=url, title="", text=text, html=html, note=note or "")
            response = client.post("/api/captures", json=body)
            assert response.status_code == 201
            page_ids[url] = response.json["highlight"]["page_id"]
    return page_ids


def test_hatching_two_pages_stores_a_cited_hatch(client):
    ids = list(capture_pages(client).values())
    response = client.post("/api/hatches", json={"page_ids": ids, "length": "short"})
    assert response.status_code == 201
    hatch = response.json["hatch"]
    assert hatch["id"] >= 1 and hatch["page_ids"] == ids
    assert [s["source_id"] for s in hatch["sections"]] == ids
    assert hatch["citations"] and "[1]" in hatch["markdown"]
    assert "https://openwater.example/sea" in hatch["markdown"]
    cited = {c["n"] for c in hatch["citations"]}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", hatch["markdown"])}
    assert markers <= cited


def test_the_history_lists_hatches_newest_first(client):
    ids = list(capture_pages(client).values())
    first = client.post("/api/hatches", json={"page_ids": ids[:1]}).json["hatch"]
    second = client.post("/api/hatches", json={"page_ids": ids, "length": "medium"}).json["hatch"]
    history = client.get("/api/hatches").json
    assert history["total"] == 2
    assert [h["id"] for h in history["hatches"]] == [second["id"], first["id"]]
    again = client.get(f"/api/hatches/{first['id']}").json["hatch"]
    assert again["markdown"] == first["markdown"]


def test_a_hatch_is_served_as_markdown_when_asked(client):
    ids = list(capture_pages(client).values())
    hatch = client.post("/api/hatches", json={"page_ids": ids}).json["hatch"]
    response = client.get(f"/api/hatches/{hatch['id']}", headers={"Accept": "text/markdown"})
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    assert response.get_data(as_text=True) == hatch["markdown"]


def test_picked_highlights_hatch_only_those(client):
    capture_pages(client)
    chosen = client.get("/api/search?q=rip").json["highlights"]
    ids = [h["id"] for h in chosen]
    hatch = client.post("/api/hatches", json={"highlight_ids": ids}).json["hatch"]
    assert set(hatch["highlight_ids"]) == set(ids)
    assert {c["highlight_id"] for c in hatch["citations"]} - {None} <= set(ids)


def test_nothing_picked_is_a_clear_422(client):
    response = client.post("/api/hatches", json={})
    assert response.status_code == 422
    assert "Pick at least one page" in response.json["error"]["message"]


def test_a_missing_page_is_404_and_a_bad_length_is_422(client):
    assert client.post("/api/hatches", json={"page_ids": [999]}).status_code == 404
    ids = list(capture_pages(client).values())
    bad = client.post("/api/hatches", json={"page_ids": ids, "length": "epic"})
    assert bad.status_code == 422 and "`length`" in bad.json["error"]["message"]
    wrong = client.post("/api/hatches", json={"page_ids": ["1"]})
    assert wrong.status_code == 422


def test_the_cli_prints_a_hatch_in_the_terminal(app, client):
    ids = list(capture_pages(client).values())
    result = CliRunner().invoke(cli, ["hatch", "--data-dir", app.config["DATA_DIR"],
                                      *sum((["--pages", str(i)] for i in ids), [])])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## Sources" in result.output or "Sources" in result.output
    missing = CliRunner().invoke(cli, ["hatch", "--data-dir", app.config["DATA_DIR"],
                                       "--pages", "999"])
    assert missing.exit_code != 0 and "page 999 does not exist" in missing.output
    assert TOKEN not in result.output


def test_the_cli_says_when_the_llm_engine_is_not_configured(app, client):
    ids = list(capture_pages(client).values())
    result = CliRunner().invoke(cli, ["hatch", "--data-dir", app.config["DATA_DIR"],
                                      "--engine", "llm", "--pages", str(ids[0])])
    assert result.exit_code != 0
    assert "--llm-url" in result.output
