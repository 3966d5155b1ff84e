"""The export zips other tools mail people, laid out as those tools write
them: Pocket's (saves as `part_*.csv`, highlights as
`annotations/part_*.json`) and Omnivore's (`metadata_*.json`, with each
article's highlights in `highlights/<slug>.md`)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hatchery.importers import LABELS, parse

IMPORTS = Path(__file__).parent / "resources" / "imports"


def zipped(folder: str) -> bytes:
    """A fixture folder as the zip the tool sends, paths inside kept."""
    buffer = io.BytesIO()
    root = IMPORTS / folder
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


def by_quote(parsed) -> dict:
    return {h.exact: (p, h) for p in parsed.pages for h in p.highlights}


def test_pockets_zip_brings_its_saves_and_their_highlights_with_the_saves_tags():
    parsed = parse(zipped("pocket-export"))
    assert parsed.format == "pocket" and LABELS["pocket"] == "Pocket export"
    assert (len(parsed.pages), parsed.highlights) == (3, 3)
    found = by_quote(parsed)
    page, attention = found["Attention is the rarest and purest form of generosity."]
    assert page.url == "https://example.com/essays/attention" and page.title == "On attention"
    assert attention.tags == ["focus", "reading"]
    assert attention.created_at == "2024-03-02T10:25:00Z"
    assert page.fields["created_at"] == "2024-03-02T10:15:30Z"
    assert not found["The Moon pulls the oceans toward it."][1].tags
    assert [str(s) for s in parsed.skipped] == [
        "annotations/part_000000.json, page 2 (https://blog.example.org/tides), highlight 2:"
        " the highlight's text is empty"]


def test_pockets_annotations_file_imports_on_its_own():
    parsed = parse((IMPORTS / "pocket-export" / "annotations" / "part_000000.json").read_bytes())
    assert parsed.format == "pocket"
    assert (len(parsed.pages), parsed.highlights, len(parsed.skipped)) == (2, 3, 1)


def test_pockets_saves_file_alone_is_the_pocket_csv_it_always_was():
    parsed = parse((IMPORTS / "pocket-export" / "part_000000.csv").read_bytes())
    assert parsed.format == "pocket-csv"
    assert (len(parsed.pages), parsed.highlights) == (3, 0)


def test_omnivores_zip_joins_each_articles_highlight_file_to_its_metadata():
    parsed = parse(zipped("omnivore-export"))
    assert parsed.format == "omnivore"
    assert (len(parsed.pages), parsed.highlights, len(parsed.skipped)) == (2, 3, 0)
    found = by_quote(parsed)
    page, attention = found["Attention is the rarest and purest form of generosity."]
    assert page.url == "https://example.com/essays/attention"
    assert (page.title, page.fields["byline"]) == ("On attention", "Simone Weil")
    assert page.fields["created_at"] == "2024-03-02T10:00:00Z"
    assert attention.note == "Weil, quoted"
    assert attention.tags == ["focus", "essays", "generosity"]
    assert found["Deep work is a skill you train."][1].note == ""


def test_omnivores_quote_of_several_paragraphs_stays_one_highlight_with_its_note():
    found = by_quote(parse(zipped("omnivore-export")))
    quote = ("The first paragraph of a long passage.\n\nIts second paragraph,\n"
             "with a line break.")
    assert found[quote][1].note == "Two paragraphs of my own.\n\nThe second one."
