"""The three example hatches `benchmarks/hatch_examples.py` prints, read as
a reader would: two unrelated pages, three on one story, three sharing a
theme (pages of our own writing in tests/resources/hatch/sets)."""

from __future__ import annotations

import json

from hatchery.hatch import Source, SourceHighlight, hatch

from conftest import RESOURCES


def pages(name: str) -> list[Source]:
    data = json.loads((RESOURCES / "hatch" / "sets" / name).read_text(encoding="utf-8"))
    return [Source(p["id"], p["url"], p["title"], p.get("site_name"), p.get("text", ""),
                   [SourceHighlight(**h) for h in p.get("highlights", [])]) for p in data]


def test_unrelated_pages_are_summed_up_apart():
    result = hatch(pages("apart.json"), length="medium")
    assert result.relation == "unrelated"
    assert "## Common threads" not in result.markdown
    assert "## In conclusion" not in result.markdown


def test_one_story_closes_without_naming_every_page_twice():
    result = hatch(pages("story.json"), length="medium")
    assert result.relation == "story"
    assert "Millbrook" in [t.phrase for t in result.threads]
    closing = " ".join(s.text for s in result.conclusion)
    assert closing.startswith("Taken together, these 3 pages meet on “Millbrook”")
    assert "Why the Millbrook reservoir was so full" not in closing  # named in the introduction


def test_a_shared_theme_is_not_told_as_one_story():
    result = hatch(pages("theme.json"), length="medium")
    assert result.relation == "theme"
    assert "follow one story" not in result.markdown


def test_a_shared_theme_is_named_by_what_every_page_marked():
    result = hatch(pages("theme.json"), length="medium")
    phrases = [t.phrase for t in result.threads]
    assert phrases[0] == "traffic"  # in a note, a highlight and a highlight's paragraph
    assert sorted(result.threads[0].source_ids) == [31, 32, 33]
    assert "stands apart" not in result.markdown
