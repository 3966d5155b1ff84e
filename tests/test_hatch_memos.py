"""The memos that make a hatch fast never change what it says: pages hatched
for the first time read exactly as when every memo is warm from other
pages, and the ideas read through the per-word memo are the ideas read
without it."""

from __future__ import annotations

import json

import pytest

from hatchery import sentences
from hatchery.hatch import (Source, SourceHighlight, advice, debris, drafts, hatch, ideas, language,
                            relatedness)

from conftest import RESOURCES

SETS = ("apart.json", "story.json", "theme.json")
# Every memo a hatch keeps per text or per word of a text.
MEMOS = (sentences._block_sentences, sentences.stem_set, ideas.ideas_in, ideas._word,
         relatedness._vector, language.detect, debris.is_debris, advice.is_advice,
         drafts.sentence_key)


def pages(name: str) -> list[Source]:
    path = RESOURCES / "hatch" / ("sets/" + name if name in SETS else name)
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Source(p["id"], p["url"], p["title"], p.get("site_name"), p.get("text", ""),
                   [SourceHighlight(**h) for h in p.get("highlights", [])]) for p in data]


def forget() -> None:
    for memo in MEMOS:
        memo.cache_clear()


@pytest.mark.parametrize("length", ["short", "medium", "long"])
@pytest.mark.parametrize("name", [*SETS, "focus.json"])
def test_pages_never_seen_hatch_as_when_every_memo_is_warm(name, length):
    forget()
    first = hatch(pages(name), length=length).to_dict()
    for other in (*SETS, "focus.json"):
        hatch(pages(other), length=length)
    assert hatch(pages(name), length=length).to_dict() == first


def _texts() -> list[str]:
    out = []
    for name in (*SETS, "focus.json"):
        for source in pages(name):
            out.append(source.text)
            out.extend(f"{h.text}\n{h.note or ''}" for h in source.highlights)
    return out


def _as_plain(found: dict) -> list:
    return sorted((key, idea.forms, idea.specificity, idea.count, idea.common, idea.name,
                   idea.borrowed) for key, idea in found.items())


@pytest.mark.parametrize("lang", ["en", "de", "ja", "ko"])
def test_ideas_read_through_the_word_memo_are_the_ideas_read_without_it(lang, monkeypatch):
    texts = _texts() + ["Die Stadt Köln plant neue Radwege.", "東京都は新しい自転車道を計画している。",
                        "서울시는 새로운 자전거 도로를 계획했다.", "LEO'S Leo's leo's ’Leo’s’"]
    # Warm the memo with every text in other languages and casings first.
    for other in ("en", "fr", "zh"):
        for text in texts:
            ideas.ideas_in.__wrapped__(text, other)
    memoised = [_as_plain(ideas.ideas_in.__wrapped__(text, lang)) for text in texts]
    # Without the memo, and with every fact worked out afresh from the
    # word's own fields: the facts are the word's, not its context's.
    monkeypatch.setattr(ideas, "_word", ideas._word.__wrapped__)
    assert [_as_plain(ideas.ideas_in.__wrapped__(text, lang)) for text in texts] == memoised
