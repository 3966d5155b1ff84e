"""Packing long inputs into the model's context budget: the most valuable
first, every source heard, and nothing cut without saying so."""

from __future__ import annotations

import pytest

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.llm import LLMOptions
from hatchery.hatch.llm.pack import CHARS_PER_TOKEN, BudgetTooSmall, pack

SENTENCE = "Waves carry energy across the ocean for thousands of kilometres before they break"


def many_sources(n_sources=3, per_source=30) -> list[Source]:
    out = []
    for s in range(n_sources):
        highlights = [
            SourceHighlight(f"s{s}h{k}", f"{SENTENCE} number {s}-{k}.",
                            note="this one matters" if k == 7 else None, start=k * 100,
                            context=f"Before. {SENTENCE} number {s}-{k}. After that, more words "
                                    "about the sea and swimming follow here.")
            for k in range(per_source)
        ]
        out.append(Source(s + 1, f"https://site{s}.example/a", f"Article {s}", None,
                          " ".join([SENTENCE + "."] * 50), highlights))
    return out


def packed_ids(packed) -> set[str]:
    return {item.highlight_id for b in packed.blocks for item in b.items if item.highlight_id}


def test_everything_fits_a_big_budget_with_no_notes():
    packed = pack(many_sources(2, 5), context_tokens=32_000, answer_tokens=1000,
                  length="short", threads=3, advice=3)
    assert len(packed_ids(packed)) == 10 and packed.notes == []
    assert all(item.context for b in packed.blocks for item in b.items)
    assert sorted(packed.numbers) == list(range(1, 11))


def test_a_small_budget_keeps_noted_highlights_and_every_source_and_says_what_was_left_out():
    sources = many_sources()
    packed = pack(sources, context_tokens=3000, answer_tokens=1000, length="short",
                  threads=3, advice=3)
    kept = packed_ids(packed)
    assert 3 <= len(kept) < 90
    assert [b.source.id for b in packed.blocks] == [1, 2, 3]  # every source is heard
    assert {"s0h7", "s1h7", "s2h7"} <= kept  # the person's noted highlights first
    left_out = 90 - len(kept)
    assert any(note.startswith(f"{left_out} highlights did not fit the model's context "
                               "(3000 tokens; llm_context_tokens gives it more)")
               for note in packed.notes)
    # Within a source the kept highlights stay in article order.
    for block in packed.blocks:
        orders = [int(i.highlight_id.split("h")[1]) for i in block.items]
        assert orders == sorted(orders)


def test_the_prompt_fits_the_budget(fake_llm):  # noqa: F811
    options = LLMOptions(url=fake_llm.url, model="m", context_tokens=3000, max_tokens=800)
    result = hatch(many_sources(), engine="llm", options=options)
    assert result.engine == "llm"
    sent = sum(len(m["content"]) for m in fake_llm.requests[0]["body"]["messages"])
    assert sent / CHARS_PER_TOKEN + 800 <= 3000
    assert fake_llm.requests[0]["body"]["max_tokens"] == 800
    assert any("did not fit" in note for note in result.notes)


def test_a_page_without_highlights_sends_its_article_shortened_and_says_so():
    page = Source(9, "https://long.example/", "A long read", None,
                  "\n\n".join(f"Paragraph {k}. {SENTENCE}." for k in range(400)), [])
    packed = pack([page], context_tokens=4096, answer_tokens=1000, length="short",
                  threads=3, advice=3)
    (item,) = packed.blocks[0].items
    assert item.kind == "article" and item.cut and item.text.startswith("Paragraph 0.")
    assert packed.numbers == {1: (0, None)}
    assert any("“A long read” was shortened" in note for note in packed.notes)


def test_a_budget_too_small_for_anything_is_an_error_that_names_the_setting(fake_llm):  # noqa: F811
    with pytest.raises(BudgetTooSmall, match="raise llm_context_tokens"):
        pack(many_sources(), context_tokens=1200, answer_tokens=1000, length="short",
             threads=3, advice=3)
    options = LLMOptions(url=fake_llm.url, model="m", context_tokens=1200, max_tokens=1000)
    result = hatch(many_sources(), engine="llm", options=options)
    assert result.engine == "local" and "llm_context_tokens" in result.notes[0]
    assert fake_llm.requests == []


def test_cjk_text_is_budgeted_at_about_a_token_a_character():
    from hatchery.hatch.llm.pack import chars_per_token

    latin = [Source(1, "https://a.example/", "A", None, "", [SourceHighlight("a", SENTENCE)])]
    cjk = [Source(1, "https://b.example/", "B", None, "",
                  [SourceHighlight("b", "潮汐是由月球的引力引起的海平面周期性变化")])]
    assert chars_per_token(latin) == CHARS_PER_TOKEN
    assert chars_per_token(cjk) < 1.2
