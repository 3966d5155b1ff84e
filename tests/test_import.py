"""Import: each format from a small fixture file, detected without being
told; twice adds nothing; a bad file imports nothing and says why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hatchery.cli import main
from hatchery.config import DATABASE_FILE
from hatchery.importers import ImportFailed
from hatchery.services.imports import import_bytes
from hatchery.store import Store

IMPORTS = Path(__file__).parent / "resources" / "imports"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "data" / DATABASE_FILE)
    store.migrate()
    yield store
    store.close()


def read(name: str) -> bytes:
    return (IMPORTS / name).read_bytes()


def all_highlights(store: Store) -> dict[str, dict]:
    return {h["exact"]: {**h, "page": p} for p in store.export_pages() for h in p["highlights"]}


def test_glasp_pages_arrive_with_their_tags_colours_notes_and_dates(store):
    report = import_bytes(store, read("glasp.json"))
    assert report["format"] == "glasp"
    assert (report["pages"], report["highlights"]) == (2, 3)
    found = all_highlights(store)
    weil = found["Attention is the rarest and purest form of generosity."]
    assert weil["page"]["url"] == "https://example.com/essays/attention"  # utm dropped
    assert weil["page"]["title"] == "On attention"
    assert weil["note"] == "Weil, quoted" and weil["color"] == "yellow"
    assert weil["tags"] == ["focus", "reading"]
    assert weil["created_at"] == "2024-03-02T10:15:30Z"
    deep = found["Deep work is a skill you train."]
    assert deep["color"] == "blue" and deep["created_at"] == "2024-03-02T09:17:00Z"
    assert found["The Moon pulls the oceans toward it"]["color"] == "green"


def test_hypothesis_annotations_arrive_with_selectors_and_skip_replies_and_page_notes(store):
    report = import_bytes(store, read("hypothesis.json"))
    assert report["format"] == "hypothesis"
    assert (report["pages"], report["highlights"]) == (1, 1)
    assert len(report["skipped"]) == 2
    assert any("reply" in s for s in report["skipped"])
    assert any("page note" in s for s in report["skipped"])
    h = all_highlights(store)["plants turn light into sugar"]
    assert h["page"]["title"] == "Photosynthesis, simply"
    assert (h["prefix"], h["suffix"], h["start"], h["end"]) == ("In short, ", " and oxygen.",
                                                                512, 552)
    assert h["note"] == "Chlorophyll absorbs red and blue light." and h["tags"] == ["biology"]


def test_kindle_clippings_become_books_with_notes_joined_to_their_highlights(store):
    report = import_bytes(store, read("My Clippings.txt"))
    assert report["format"] == "kindle"
    assert (report["pages"], report["highlights"]) == (2, 2)  # the repeat is dropped
    found = all_highlights(store)
    story = found["The best arguments in the world won't change a person's mind. "
                  "The only thing that can do that is a good story."]
    assert story["page"]["title"] == "The Overstory"
    assert story["page"]["byline"] == "Richard Powers"
    assert story["page"]["url"] == "kindle:book/The%20Overstory"
    assert story["note"] == "Use this in the talk."
    assert story["created_at"] == "2019-03-03T22:33:15Z"
    assert "You have power over your mind — not outside events." in found


@pytest.mark.parametrize("name", ["glasp.json", "hypothesis.json", "My Clippings.txt"])
def test_importing_the_same_file_twice_adds_nothing(store, name):
    first = import_bytes(store, read(name))
    before = store.export_pages()
    second = import_bytes(store, read(name))
    assert (second["pages"], second["highlights"]) == (0, 0)
    assert second["existing_highlights"] == first["highlights"]
    assert store.export_pages() == before


def test_hypothesis_json_then_its_json_ld_is_one_highlight(store):
    first = import_bytes(store, read("hypothesis.json"))
    second = import_bytes(store, read("hypothesis.jsonld"))
    assert first["highlights"] == 1
    assert (second["highlights"], second["existing_highlights"]) == (0, 1)


def test_imported_highlights_are_searchable(store):
    import_bytes(store, read("glasp.json"))
    assert store.search("generosity")["highlights"][0]["exact"].startswith("Attention")
    assert store.search("spring")["highlights"][0]["note"] == "spring tides too"


def test_a_bad_record_is_skipped_and_named_and_the_rest_arrives(store):
    report = import_bytes(store, read("glasp-bad-record.json"))
    assert report["highlights"] >= 1
    assert "result 2 (https://bad.example/), highlight 2: `text` must be text" in report["skipped"]
    assert report["skipped_reasons"] == {"`text` must be text": 1}


@pytest.mark.parametrize("name, message", [
    ("truncated.json", "not valid JSON"),
    ("unknown.txt", "cannot tell what this file is"),
])
def test_a_file_that_is_no_format_imports_nothing_and_says_why(store, name, message):
    import_bytes(store, read("glasp.json"))
    before = store.export_pages()
    with pytest.raises(ImportFailed) as error:
        import_bytes(store, read(name))
    assert message in error.value.message
    assert "nothing was imported" in error.value.message.lower()
    assert store.export_pages() == before


def test_a_failure_while_writing_rolls_the_whole_import_back(store):
    calls = []

    def progress(n):
        calls.append(n)
        if len(calls) == 2:
            raise OSError("disk full")

    with pytest.raises(OSError):
        import_bytes(store, read("glasp.json"), progress=progress)
    assert store.export_pages() == []


def test_a_newer_export_version_is_refused(store):
    data = {"format": "hatchery", "version": 99, "pages": []}
    with pytest.raises(ImportFailed, match="newer"):
        import_bytes(store, json.dumps(data).encode())


def test_the_cli_imports_a_file_and_says_what_it_added(tmp_path):
    runner = CliRunner()
    data_dir = str(tmp_path / "data")
    result = runner.invoke(main, ["import", str(IMPORTS / "glasp.json"), "--data-dir", data_dir])
    assert result.exit_code == 0, result.output
    assert "Imported Glasp: 3 new highlights, 2 new pages." in result.output
    result = runner.invoke(main, ["import", str(IMPORTS / "glasp.json"), "--data-dir", data_dir])
    assert "0 new highlights, 0 new pages; 3 already in your library." in result.output


def test_the_cli_names_each_skipped_record(tmp_path):
    bad = tmp_path / "export.json"
    shutil.copy(IMPORTS / "glasp-bad-record.json", bad)
    result = CliRunner().invoke(main, ["import", str(bad), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "1 skipped" in result.output
    assert "skipped result 2 (https://bad.example/), highlight 2" in result.output


def test_a_large_import_shows_a_progress_bar(tmp_path):
    results = [{"url": f"https://big.example/{i}", "title": f"Page {i}",
                "highlights": [{"text": f"highlight {i}-{j}", "created_at": "2024-01-01T00:00:00Z"}
                               for j in range(3)]} for i in range(300)]
    big = tmp_path / "glasp-big.json"
    big.write_text(json.dumps({"results": results}))
    result = CliRunner().invoke(main, ["import", str(big), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "Importing glasp-big.json" in result.output
    assert "900 new highlights, 300 new pages" in result.output
