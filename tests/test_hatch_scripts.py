"""Relatedness beyond the Latin script: Russian, Chinese, Japanese and
Korean pages of our own writing (tests/resources/languages/), two on one
story (a city's air-pollution report) and two that have nothing to do
with each other (baking bread, a board-game tournament). Chinese and
Japanese have no spaces between words and Korean glues particles to them,
so these pages are compared by character pairs (issue 12)."""

from __future__ import annotations

import json

import pytest

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.terms import char_pairs, has_final_consonant, segment, strip_particle

from conftest import RESOURCES

LANGUAGES = ("ru", "zh", "ja", "ko")


def pages(lang: str, kind: str) -> list[Source]:
    data = json.loads((RESOURCES / "languages" / f"{lang}.json").read_text(encoding="utf-8"))
    return [Source(n, f"https://{lang}{n}.example/a", p["title"], text=p["text"],
                   highlights=[SourceHighlight(f"h{n}-{k}", t) for k, t in enumerate(p["highlights"])])
            for n, p in enumerate(data[kind], start=1)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_pages_on_one_story_are_linked(lang):
    result = hatch(pages(lang, "related"), length="medium")
    assert result.relation in ("story", "theme")
    assert result.threads, "pages on one story share a named idea"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_unrelated_pages_stand_apart(lang):
    result = hatch(pages(lang, "unrelated"), length="medium")
    assert result.relation == "unrelated"
    assert result.threads == []
    assert result.title == pages(lang, "unrelated")[0].title


@pytest.mark.parametrize("lang, expected", [
    ("zh", {"钢铁厂", "柴油"}), ("ja", {"ディーゼルトラック"}), ("ko", {"제철소 배출"})])
def test_threads_are_words_not_fragments_of_them(lang, expected):
    phrases = {t.phrase for t in hatch(pages(lang, "related"), length="medium").threads}
    assert expected & phrases
    # No Korean thread keeps its particle, no Japanese one is grammar.
    assert not any(p.endswith(("를", "의", "은")) for p in phrases)
    assert not any(p in ("てい", "ている", "した") for p in phrases)


def test_wide_scripts_are_read_in_words_and_pairs():
    assert char_pairs("空气污染") == ["空气", "气污", "污染"]
    assert "钢铁厂" in segment("专家认为钢铁厂的排放", "zh")
    assert "ディーゼル" in segment("ディーゼルの排出", "ja")
    assert strip_particle("보고서를") == "보고서"
    assert strip_particle("고양이") == "고양이"  # a cat, not a particle


def test_korean_and_follows_the_last_syllable():
    assert has_final_consonant("배출")
    assert not has_final_consonant("보고서")
