"""Every other tool's export, detected from its content alone (never its
name), with what each record becomes and what is skipped."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from hatchery.importers import LABELS, parse

IMPORTS = Path(__file__).parent / "resources" / "imports"


def read(name: str):
    parsed = parse((IMPORTS / name).read_bytes())
    return parsed, {h.exact: (p, h) for p in parsed.pages for h in p.highlights}


@pytest.mark.parametrize("name, fmt, pages, highlights, skipped", [
    ("hatchery.csv", "hatchery-csv", 1, 2, 1),
    ("readwise.csv", "readwise-csv", 2, 2, 1),
    ("hypothesis.csv", "hypothesis-csv", 1, 1, 2),
    ("instapaper.csv", "instapaper-csv", 2, 1, 1),
    ("pocket.csv", "pocket-csv", 2, 0, 0),
    ("raindrop.csv", "raindrop-csv", 3, 4, 0),
    ("pocket.html", "pocket-html", 2, 0, 1),
    ("raindrop.html", "bookmarks-html", 2, 0, 0),
    ("omnivore.json", "omnivore", 2, 1, 1),
    ("omnivore.md", "markdown", 1, 2, 0),
    ("obsidian.md", "markdown", 1, 3, 0),
    ("hatchery-export.md", "markdown", 1, 2, 0),
])
def test_each_format_is_recognised_and_counted(name, fmt, pages, highlights, skipped):
    parsed, _ = read(name)
    assert parsed.format == fmt and fmt in LABELS
    assert (len(parsed.pages), parsed.highlights, len(parsed.skipped)) == (pages, highlights,
                                                                          skipped)


def test_our_csv_round_trips_ids_and_undoes_the_formula_guard():
    _, found = read("hatchery.csv")
    page, attention = found["Attention is the rarest form of generosity."]
    assert attention.id == "0b7e4d2a-1f3c-4e5a-9b8c-7d6e5f4a3b21"
    assert (attention.color, attention.tags, attention.start, attention.end) == (
        "blue", ["focus", "reading"], 10, 54)
    assert "=SUM(A1) is not a formula" in found


def test_readwise_kindle_books_land_on_the_page_the_kindle_import_makes():
    _, found = read("readwise.csv")
    page, story = found["The best arguments in the world won't change a person's mind."]
    assert page.url == "kindle:book/The%20Overstory" and page.fields["byline"] == "Richard Powers"
    assert story.tags == ["stories", "persuasion", "fiction"]
    assert story.created_at == "2019-03-03T22:33:15Z"


def test_raindrop_highlights_keep_their_notes_and_the_bookmark_note_is_kept():
    parsed, found = read("raindrop.csv")
    assert found["Attention is the rarest and purest form of generosity."][1].note == \
        "Weil, quoted"
    assert "Note: Read twice" in parsed.pages[0].fields["article_text"]


def test_raindrop_highlights_without_labels_are_one_per_line():
    _, found = read("raindrop.csv")
    page, rivers = found["Rivers carve their own beds."]
    assert page.url == "https://rivers.example.net/notes"
    assert (rivers.tags, rivers.created_at) == (["rivers"], "2024-05-01T07:30:00Z")
    assert "A delta is a river giving up." in found


def test_our_markdown_export_reads_back_its_fields_notes_and_full_ids():
    _, found = read("hatchery-export.md")
    page, attention = found["Attention is the rarest and purest form of generosity."]
    assert page.url == "https://example.com/essays/attention"
    assert (attention.color, attention.tags) == ("blue", ["focus", "reading"])
    assert attention.note == "Weil, quoted # not a heading"
    deep = found["Deep work is\na skill you train."][1]
    assert deep.id == "1c8f5e3b-2a4d-4f6b-8c9d-8e7f6a5b4c32" and deep.tags == []


def test_obsidian_marks_callouts_and_block_ids():
    _, found = read("obsidian.md")
    assert "marked passage about spring tides" in found
    tides = found["The Moon pulls the oceans toward it,\nand the Earth turns beneath them."][1]
    assert tides.note == "This is my note on the quote." and tides.tags == ["oceans", "moon"]
    assert "Tides are waves." in found


def test_glasp_keeps_author_summary_document_note_and_highlighted_at():
    raw = (b'{"results": [{"url": "https://a.example/x", "title": "X", "author": "Ann",'
           b' "summary": "Short.", "document_note": "Mine.", "highlights": [{"text": "t",'
           b' "highlighted_at": "2024-01-02T03:04:05Z", "created_at": "2024-05-05T00:00:00Z"}]}]}')
    parsed = parse(raw)
    page = parsed.pages[0]
    assert page.fields["byline"] == "Ann"
    assert page.fields["article_text"] == "Summary: Short.\n\nNote: Mine."
    assert page.highlights[0].created_at == "2024-01-02T03:04:05Z"


def test_a_markdown_zip_is_read_file_by_file_whatever_it_is_called():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hatchery/On attention.md", (IMPORTS / "hatchery-export.md").read_text())
        archive.writestr("hatchery/tides.md", (IMPORTS / "obsidian.md").read_text())
    parsed = parse(buffer.getvalue())
    assert parsed.format == "markdown" and (len(parsed.pages), parsed.highlights) == (2, 5)
