"""Kindle's My Clippings.txt in every language its firmware writes: notes
find their highlight, edits keep the longest version, repeats arrive once,
dates are the device's, never the import time."""

from __future__ import annotations

from pathlib import Path

import pytest

from hatchery.importers import parse
from hatchery.importers.kindle import title_author

KINDLE = Path(__file__).parent / "resources" / "imports" / "kindle"
LANGUAGES = ["en", "de", "es", "fr", "it", "nl", "pt", "ru", "ja", "zh"]


def highlights(parsed):
    return [(page, h) for page in parsed.pages for h in page.highlights]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_clippings_file_in_each_language_reads_like_the_english_one(lang):
    parsed = parse((KINDLE / f"{lang}.txt").read_bytes())
    assert parsed.format == "kindle"
    found = highlights(parsed)
    assert len(found) == 2 and parsed.records_in == 6
    (page, first), (_, second) = found
    assert page.fields["byline"] and page.url.startswith("kindle:book/")
    # The note came before its highlight in the file and still joins it.
    assert first.exact == f"First highlight ({lang}), the one the note belongs to."
    assert first.note == f"Note ({lang}): use this in the talk."
    assert first.created_at == "2019-03-03T22:33:15Z"
    # Re-edited on the device: only the longer version is kept.
    assert second.exact == f"Second highlight ({lang}), first version edited to be longer."
    assert second.created_at == "2019-03-04T08:00:00Z"
    assert parsed.skip_counts() == {"a bookmark, with no text": 1,
                                    "an earlier or shorter version of a highlight": 1,
                                    "the same clipping again (Kindle repeats them)": 1}


def test_the_old_highlight_loc_format_reads_with_its_short_location_ranges():
    parsed = parse((KINDLE / "en-old.txt").read_bytes())
    found = {h.exact: (page, h) for page, h in highlights(parsed)}
    page, good = found["Good management was the most powerful reason they failed."]
    assert page.title == "The Innovator's Dilemma"
    assert page.fields["byline"] == "Clayton M. Christensen"
    assert good.note == "The paradox in one line."  # Loc. 1236 is inside Loc. 1234-36
    assert good.created_at == "2012-04-24T16:13:00Z"
    assert "I went to the woods because I wished to live deliberately." in found


def test_a_file_mixing_languages_and_junk_keeps_every_language_and_names_the_junk():
    parsed = parse((KINDLE / "mixed.txt").read_bytes())
    assert {p.title for p in parsed.pages} == {"The Overstory", "Der Zauberberg", "吾輩は猫である"}
    assert len(highlights(parsed)) == 6
    junk = [s for s in parsed.skipped if "Junk line" in s.record]
    assert [s.reason for s in junk] == ["it has no '- Your Highlight …' line"]


def test_an_unreadable_date_is_left_empty_not_replaced_by_the_import_time():
    raw = ("Book (Me)\n- Your Highlight on Location 1-2 | Added on someday, never\n\n"
           "text\n==========\n").encode()
    (_, h), = highlights(parse(raw))
    assert h.created_at is None


@pytest.mark.parametrize("line, expected", [
    ("The Overstory (Richard Powers)", ("The Overstory", "Richard Powers")),
    ("Essays (Vol. 2) (Montaigne, Michel de)", ("Essays (Vol. 2)", "Montaigne, Michel de")),
    ("No author here", ("No author here", "")),
    ("(Only parentheses)", ("(Only parentheses)", "")),
])
def test_title_and_author_split_at_the_last_parentheses(line, expected):
    assert title_author(line) == expected
