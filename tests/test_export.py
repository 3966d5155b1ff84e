"""Export: every format from the API and the CLI, and round trips through
our own importer."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from hatchery.cli import main
from hatchery.config import DATABASE_FILE
from hatchery.services.exports import export_json
from hatchery.services.imports import import_bytes
from hatchery.store import Store
from library_data import HIGHLIGHT_IDS, fill


@pytest.fixture
def filled(app):
    store = Store(app.config["DATABASE"])
    hatch = fill(store)
    yield store, hatch
    store.close()


def empty_store(tmp_path) -> Store:
    store = Store(tmp_path / "other" / DATABASE_FILE)
    store.migrate()
    return store


def without_stamp(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_json_export_then_import_into_an_empty_store_gives_the_same_data(client, filled,
                                                                        tmp_path):
    response = client.get("/api/export?format=json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    exported = response.json
    assert exported["format"] == "hatchery"
    assert len(exported["pages"]) == 3 and len(exported["hatches"]) == 1
    assert exported["pages"][0]["article"]["blocks"], "the article travels with its page"

    other = empty_store(tmp_path)
    report = import_bytes(other, response.data)
    assert report["highlights"] == 4 and report["pages"] == 3 and report["hatches"] == 1
    assert without_stamp(export_json(other)) == without_stamp(exported)
    assert other.search("lunar")["highlights"][0]["id"] == HIGHLIGHT_IDS["moon"]


def test_importing_our_json_twice_adds_nothing(client, filled, tmp_path):
    data = client.get("/api/export?format=json").data
    other = empty_store(tmp_path)
    import_bytes(other, data)
    again = import_bytes(other, data)
    assert (again["pages"], again["highlights"], again["hatches"]) == (0, 0, 0)
    assert again["existing_highlights"] == 4 and again["existing_hatches"] == 1
    assert other.count_highlights() == 4


def test_importing_into_a_store_with_other_pages_moves_hatch_sources_along(client, filled,
                                                                          tmp_path):
    data = client.get("/api/export?format=json").data
    other = empty_store(tmp_path)
    for i in range(5):  # take the ids the export's pages had
        other.save_page(f"https://taken.example/{i}", title="taken")
    import_bytes(other, data)
    hatch = other.export_hatches()[0]
    tides = other.page_by_url("https://example.org/articles/tides")
    assert tides["id"] in hatch["page_ids"]
    assert hatch["result"]["citations"][0]["source_id"] == tides["id"]
    assert hatch["result"]["sections"][0]["source_id"] == tides["id"]


def test_web_annotation_export_has_quote_and_position_selectors(client, filled):
    response = client.get("/api/export?format=jsonld")
    assert response.headers["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.data)
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    moon = next(a for a in data["first"]["items"]
                if a["id"] == f"urn:uuid:{HIGHLIGHT_IDS['moon']}")
    assert moon["type"] == "Annotation" and moon["motivation"] == "commenting"
    selectors = {s["type"]: s for s in moon["target"]["selector"]}
    assert selectors["TextQuoteSelector"] == {"type": "TextQuoteSelector",
                                              "exact": "The Moon pulls the oceans",
                                              "prefix": "Every day, ", "suffix": " toward it"}
    assert selectors["TextPositionSelector"] == {"type": "TextPositionSelector",
                                                 "start": 120, "end": 145}
    assert moon["target"]["source"]["id"] == "https://example.org/articles/tides"
    assert moon["target"]["styleClass"] == "yellow"
    assert {"type": "TextualBody", "purpose": "tagging", "value": "tides"} in moon["body"]


def test_web_annotation_round_trip_loses_no_page_or_highlight(client, filled, tmp_path):
    data = client.get("/api/export?format=jsonld").data
    other = empty_store(tmp_path)
    report = import_bytes(other, data)
    assert report["format"] == "web-annotation" and report["highlights"] == 4
    assert other.export_pages() == filled[0].export_pages()
    assert import_bytes(other, data)["highlights"] == 0


def test_web_annotations_from_another_tool_keep_every_highlight_field(client, filled,
                                                                     tmp_path):
    data = json.loads(client.get("/api/export?format=jsonld").data)
    del data["hatchery:pages"]  # what another tool's file lacks
    for item in data["first"]["items"]:
        item.pop("hatchery:context", None)
    other = empty_store(tmp_path)
    assert import_bytes(other, json.dumps(data).encode())["highlights"] == 4
    fields = ("id", "exact", "prefix", "suffix", "start", "end", "color", "note", "tags",
              "created_at", "updated_at", "url", "page_title")
    store = filled[0]
    for highlight_id in HIGHLIGHT_IDS.values():
        before, after = store.get_highlight(highlight_id), other.get_highlight(highlight_id)
        assert {f: before[f] for f in fields} == {f: after[f] for f in fields}


def test_csv_has_one_row_per_highlight_and_defuses_formulas(client, filled):
    response = client.get("/api/export?format=csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert len(rows) == 4
    by_id = {r["highlight_id"]: r for r in rows}
    focus = by_id[HIGHLIGHT_IDS["focus"]]
    assert focus["text"] == "'=SUM(A1:A2) is not a thought"
    assert focus["note"] == 'Multi-line\nnote: with "quotes"'
    assert focus["tags"] == "focus, deep work" and focus["color"] == "green"
    assert by_id[HIGHLIGHT_IDS["moon"]]["page_url"] == "https://example.org/articles/tides"


def test_markdown_export_is_a_zip_of_one_file_per_page_with_front_matter(client, filled):
    response = client.get("/api/export?format=markdown")
    assert response.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert len(names) == 3 and all(n.startswith("hatchery/") and n.endswith(".md")
                                   for n in names)
    tides = archive.read("hatchery/How tides work.md").decode("utf-8")
    front, body = tides.split("---\n")[1], tides.split("---\n", 2)[2]
    assert 'title: "How tides work"' in front
    assert 'url: "https://example.org/articles/tides"' in front
    assert 'tags: ["science", "tides"]' in front and "highlights: 2" in front
    moon, bulge = HIGHLIGHT_IDS["moon"], HIGHLIGHT_IDS["bulge"]
    assert f"> The Moon pulls the oceans\n\n^h-{moon}\n" in body
    assert f"> making a bulge\n> on both sides\n\n^h-{bulge}\n" in body
    assert "color:: yellow" in body and "color:: blue" in body
    assert "tags:: #science #tides" in body
    assert "Gravity, mostly; ask about lunar months" in body
    evil = next(n for n in names if "Evil" in n)
    assert "<" not in evil and ">" not in evil and "/" not in evil.split("/", 1)[1]


def test_a_hatch_exports_as_markdown_with_its_sources(client, filled):
    _store, hatch = filled
    response = client.get(f"/api/export?format=hatch&hatch_id={hatch['id']}")
    assert response.status_code == 200
    text = response.data.decode("utf-8")
    assert text.startswith("# Tides and attention")
    assert "The Moon pulls the oceans. [1]" in text
    assert "1. [How tides work](<https://example.org/articles/tides>)" in text
    assert client.get("/api/export?format=hatch&hatch_id=999").status_code == 404
    assert client.get("/api/export?format=hatch").status_code == 422


def test_export_needs_the_token_and_a_known_format(client, filled):
    assert client.get("/api/export?format=json", token=None).status_code == 401
    response = client.get("/api/export?format=pdf")
    assert response.status_code == 422 and "format" in response.json["error"]["message"]


def test_the_cli_exports_every_format(app, filled, tmp_path):
    runner = CliRunner()
    data_dir = app.config["DATA_DIR"]
    for fmt, name in (("json", "all.json"), ("jsonld", "all.jsonld"), ("csv", "all.csv"),
                      ("markdown", "all.zip")):
        result = runner.invoke(main, ["export", "--format", fmt, "--out",
                                      str(tmp_path / name), "--data-dir", data_dir])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 100
    result = runner.invoke(main, ["export", "--format", "markdown", "--out",
                                  str(tmp_path / "vault"), "--data-dir", data_dir])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "vault" / "How tides work.md").exists()
    result = runner.invoke(main, ["export", "--format", "hatch", "--hatch",
                                  str(filled[1]["id"]), "--out", "-", "--data-dir", data_dir])
    assert result.exit_code == 0 and result.stdout.startswith("# Tides and attention")
    result = runner.invoke(main, ["export", "--format", "hatch", "--out", "-",
                                  "--data-dir", data_dir])
    assert result.exit_code != 0 and "--hatch" in result.output
