"""Export, then import: into an empty library (round trips, format by
format) and into the same library (nothing is added), and the same
annotations arriving in two formats of one tool (one highlight each)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from hatchery.config import DATABASE_FILE
from hatchery.services.exports import export_bytes, export_json
from hatchery.services.imports import describe_import, import_bytes
from hatchery.store import Store
from library_data import HIGHLIGHT_IDS, fill

IMPORTS = Path(__file__).parent / "resources" / "imports"
# What every format carries about a highlight.
SHARED = ("id", "exact", "color", "note", "tags", "url")


def new_store(folder: Path) -> Store:
    store = Store(folder / DATABASE_FILE)
    store.migrate()
    return store


@pytest.fixture
def library(tmp_path):
    store = new_store(tmp_path / "library")
    fill(store)
    store.update_highlight(HIGHLIGHT_IDS["moon"], {"tags": ["c++", "node.js", "1984", "tides"]})
    yield store
    store.close()


@pytest.fixture
def empty(tmp_path):
    store = new_store(tmp_path / "empty")
    yield store
    store.close()


def highlights(store: Store, fields=SHARED) -> dict[str, dict]:
    return {h["id"]: {f: h[f] for f in fields} for h in
            (store.get_highlight(i) for p in store.export_pages() for i in
             (x["id"] for x in p["highlights"]))}


def test_json_round_trip_is_lossless(library, empty):
    report = import_bytes(empty, export_bytes(library, "json"))
    assert (report["pages"], report["highlights"], report["hatches"]) == (3, 4, 1)
    strip = lambda d: {k: v for k, v in d.items() if k != "exported_at"}  # noqa: E731
    assert strip(export_json(empty)) == strip(export_json(library))


def test_our_json_ld_round_trip_keeps_every_page_and_highlight(library, empty):
    report = import_bytes(empty, export_bytes(library, "jsonld"))
    assert (report["pages"], report["highlights"]) == (3, 4)
    assert empty.export_pages() == library.export_pages()


def test_our_csv_round_trip_keeps_every_highlight_field(library, empty):
    report = import_bytes(empty, export_bytes(library, "csv"))
    assert report["format"] == "hatchery-csv" and report["highlights"] == 4
    fields = (*SHARED, "prefix", "suffix", "start", "end", "created_at", "updated_at",
              "page_title")
    assert highlights(empty, fields) == highlights(library, fields)


def test_our_markdown_round_trips_through_the_markdown_importer(library, empty):
    report = import_bytes(empty, export_bytes(library, "markdown"))
    assert report["format"] == "markdown" and report["skipped"] == []
    assert (report["pages"], report["highlights"]) == (3, 4)
    assert highlights(empty, (*SHARED, "created_at", "page_title")) == \
        highlights(library, (*SHARED, "created_at", "page_title"))
    assert empty.get_highlight(HIGHLIGHT_IDS["moon"])["tags"] == ["c++", "node.js", "1984",
                                                                    "tides"]


@pytest.mark.parametrize("fmt", ["json", "jsonld", "csv", "markdown"])
def test_an_export_read_back_into_the_same_library_adds_nothing(library, fmt):
    before = library.export_pages()
    report = import_bytes(library, export_bytes(library, fmt))
    assert (report["pages"], report["highlights"]) == (0, 0)
    assert report["existing_highlights"] == 4
    assert library.export_pages() == before


def test_markdown_notes_without_our_ids_match_the_highlights_by_quote(library):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(library, "markdown")))
    text = archive.read("hatchery/How tides work.md").decode("utf-8")
    text = text.replace("^h-", "^other-")  # another tool's block ids
    report = import_bytes(library, text.encode("utf-8"))
    assert report["highlights"] == 0 and report["existing_highlights"] == 2


def test_hypothesis_csv_then_json_of_the_same_annotations_is_one_highlight(empty):
    first = import_bytes(empty, (IMPORTS / "hypothesis.csv").read_bytes())
    assert first["highlights"] == 1
    stored = empty.export_pages()[0]["highlights"][0]
    assert stored["start"] is None
    second = import_bytes(empty, (IMPORTS / "hypothesis.json").read_bytes())
    assert second["highlights"] == 0 and second["existing_highlights"] == 1
    assert empty.count_highlights() == 1
    again = import_bytes(empty, (IMPORTS / "hypothesis.jsonld").read_bytes())
    assert again["highlights"] == 0 and empty.count_highlights() == 1


def test_a_match_fills_a_blank_note_and_tags_and_overwrites_nothing(empty):
    csv_head = "Creation Date,URL,Group,Annotation/Reply Type,Quote,User,Body,Tags,Page\n"
    url = "https://example.net/science/photosynthesis"
    bare = f"2024-04-20T12:00:00Z,{url},Public,Annotation,plants turn light into sugar,r,,,\n"
    import_bytes(empty, (csv_head + bare).encode())
    import_bytes(empty, (IMPORTS / "hypothesis.json").read_bytes())
    assert empty.count_highlights() == 1
    h = empty.export_pages()[0]["highlights"][0]
    assert h["start"] is None, "the first one stays; the second only fills it in"
    assert h["note"] == "Chlorophyll absorbs red and blue light." and h["tags"] == ["biology"]
    other = f"2024-04-21T12:00:00Z,{url},Public,Annotation,plants turn light into sugar,r,new,x,\n"
    import_bytes(empty, (csv_head + other).encode())
    h = empty.export_pages()[0]["highlights"][0]
    assert h["note"] == "Chlorophyll absorbs red and blue light." and h["tags"] == ["biology"]


def test_the_same_quote_at_two_positions_stays_two_highlights(library):
    data = json.loads(export_bytes(library, "json"))
    moon = data["pages"][0]["highlights"][0]
    twin = {**moon, "id": "99999999-9999-4999-8999-999999999999", "start": 999, "end": 1024}
    data["pages"][0]["highlights"] = [twin]
    report = import_bytes(library, json.dumps(data).encode())
    assert report["highlights"] == 1


def test_a_hatch_without_a_structure_is_skipped_with_a_reason(library, empty):
    data = json.loads(export_bytes(library, "json"))
    data["hatches"].append({"title": "Only Markdown", "result": {"markdown": "<script>"}})
    report = import_bytes(empty, json.dumps(data).encode())
    assert report["hatches"] == 1
    # The reason names what the write-up lacks: its Markdown alone is never shown.
    assert report["skipped"] == ["hatch 2: `introduction` is not what a hatch holds"]
    line = describe_import(report)
    assert "1 skipped (1: `introduction` is not what a hatch holds)" in line
