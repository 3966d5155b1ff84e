"""Whatever the person picked, a hatch cites everything, once, the same way."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from hatchery.hatch import ENGINES, Hatch, NothingToHatch, Source, SourceHighlight, hatch
from hatchery.sentences import normalise

WORDS = (
    "river city council budget school focus meeting data privacy garden "
    "energy solar battery bus route teacher nurse market price rain storm"
).split()


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=14))
    opener = draw(st.sampled_from(["The", "You should", "Keep", "Most", "A new", "Why"]))
    stop = draw(st.sampled_from([".", ".", "!", "?"]))
    return f"{opener} {' '.join(words)}{stop}"


@st.composite
def sources(draw):
    count = draw(st.integers(1, 5))
    out = []
    for i in range(count):
        paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), max_size=5))
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        all_sentences = [s for p in paragraphs for s in p]
        highlights = []
        for h in range(draw(st.integers(0, 6))):
            if all_sentences and draw(st.booleans()):
                s = draw(st.sampled_from(all_sentences))
                cut = draw(st.integers(0, len(s) // 2))
                quote = s[cut:]
            else:
                quote = draw(sentences())
            note = draw(st.one_of(st.none(), st.sampled_from(["key point", "ask Sam", "why?"])))
            highlights.append(SourceHighlight(f"s{i}h{h}", quote, note=note, start=text.find(quote) if quote in text else None))
        out.append(Source(id=100 + i, url=f"https://p{i}.example/a", title=f"Page {i}", text=text, highlights=highlights))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources(), st.sampled_from(["short", "medium", "long"]))
def test_any_pick_gives_a_cited_repeat_free_hatch_or_says_nothing(picked, length):
    try:
        result = hatch(picked, length=length)
    except NothingToHatch:
        assert not any(s.text.strip() or any(h.text.strip() for h in s.highlights) for s in picked)
        return
    numbers = {c.n for c in result.citations}
    assert numbers == set(range(1, len(numbers) + 1))
    texts = []
    for sentence in result.sentences():
        assert sentence.text.strip() and sentence.cites
        assert set(sentence.cites) <= numbers
        texts.append(normalise(sentence.text))
    assert len(texts) == len(set(texts))
    for thread in result.threads:
        assert thread.cites and set(thread.cites) <= numbers
    page_ids = {s.id for s in picked}
    highlight_ids = {h.id for s in picked for h in s.highlights}
    for c in result.citations:
        assert c.source_id in page_ids
        assert c.highlight_id is None or c.highlight_id in highlight_ids
    assert Hatch.from_dict(json.loads(json.dumps(result.to_dict()))).markdown == result.markdown
    assert hatch(picked, length=length).to_dict() == result.to_dict()


def test_fifty_pages_and_five_hundred_highlights_hatch():
    pages = []
    for p in range(50):
        text = "\n\n".join(
            f"Paragraph {b} of page {p} says the {WORDS[(p + b) % len(WORDS)]} plan matters. "
            f"You should review the {WORDS[(p * 3 + b) % len(WORDS)]} budget before {WORDS[b % len(WORDS)]} season."
            for b in range(10)
        )
        highlights = [
            SourceHighlight(f"{p}-{h}", f"the {WORDS[(p + h) % len(WORDS)]} plan matters", start=h * 100)
            for h in range(10)
        ]
        pages.append(Source(id=p, url=f"https://p{p}.example", title=f"Page {p}", text=text, highlights=highlights))
    result = hatch(pages, length="long")
    assert len(result.sections) == 50
    assert all(s.cites for s in result.sentences())


def test_the_offline_engine_and_the_llm_engine_are_registered():
    assert list(ENGINES) == ["local", "llm"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=1, max_size=12),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
       st.sampled_from([0.3, 0.5, 0.6, 0.8]))
def test_the_ledger_finds_a_repeat_exactly_when_the_overlap_says_so(kept, candidate, threshold):
    from hatchery.hatch.drafts import Draft, Ledger
    from hatchery.hatch.rank import overlap

    ledger = Ledger()
    drafts = [Draft(" ".join(ws), []) for ws in kept]
    for d in drafts:
        ledger.add(d)
    new = Draft(" ".join(candidate), [])
    expected = any(overlap(new.stems, d.stems) > threshold for d in drafts)
    assert ledger.redundant(new, threshold) is expected
