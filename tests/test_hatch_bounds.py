"""A hatch reads a bounded amount of text, whatever the pages hold.

The hatch runs on the request path and reading is linear in the text, so a
page of megabytes (a book on one page, a log, a hostile site) must not make
the person wait minutes. These tests pick such pages and check what the
engine is given, and that the person's highlights are still quoted.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hatchery import hatch as engine_lib
from hatchery.hatch import Source, SourceHighlight, bounds, local

PARAGRAPH = ("The ferry to Lake Verrin leaves at dawn and crosses in forty minutes, "
             "calling at the harbour of Velore on the way. ")


def huge_page(paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPH * 3}Paragraph {n} ends here." for n in range(paragraphs))


def engine_input(monkeypatch) -> list[list[Source]]:
    """Every list of sources the offline engine starts reading."""
    seen: list[list[Source]] = []
    reader = local.read_sources

    def recording(sources):
        seen.append(list(sources))
        return reader(sources)

    monkeypatch.setattr(local, "read_sources", recording)
    return seen


def test_a_page_of_megabytes_is_read_only_up_to_its_bound(monkeypatch):
    text = huge_page(5_000)  # about 1.7 million characters
    assert len(text) > 1_500_000
    seen = engine_input(monkeypatch)
    engine_lib.hatch([Source(id=1, url="https://ferries.example/", title="Ferry timetable",
                             site_name=None, text=text,
                             highlights=[SourceHighlight(id="a", text=PARAGRAPH.strip())])])
    read = seen[0][0].text
    assert len(read) <= bounds.PAGE_CHARS
    assert text.startswith(read) and read.endswith("ends here.")  # cut at a paragraph's end


def test_a_highlight_past_the_cut_is_still_quoted_with_its_paragraph(monkeypatch):
    text = huge_page(3_000) + "\n\nAt the far end of the page, the harbour master Odile May rings the bell twice."
    last = "the harbour master Odile May rings the bell twice."
    seen = engine_input(monkeypatch)
    result = engine_lib.hatch([Source(id=1, url="https://ferries.example/", title="Ferry timetable",
                                      site_name=None, text=text,
                                      highlights=[SourceHighlight(id="end", text=last)])])
    highlight = seen[0][0].highlights[0]
    assert last not in seen[0][0].text
    assert highlight.context == "At the far end of the page, the harbour master Odile May rings the bell twice."
    assert "Odile May rings the bell twice" in result.markdown


def test_many_pages_share_the_hatch_bound_and_short_pages_are_never_cut():
    short = Source(id=1, url="https://a.example/", title="Short", site_name=None,
                   text=huge_page(10), highlights=[])
    longs = [Source(id=n, url=f"https://{n}.example/", title="Long", site_name=None,
                    text=huge_page(1_000), highlights=[]) for n in range(2, 10)]
    bounded = bounds.within_bounds([short, *longs])
    assert bounded[0] is short
    assert sum(len(s.text) for s in bounded) <= bounds.HATCH_CHARS
    assert all(len(s.text) <= bounds.PAGE_CHARS for s in bounded)
    # what the short page leaves goes to the long ones, evenly
    assert min(len(s.text) for s in bounded[1:]) > (bounds.HATCH_CHARS - len(short.text)) / 8 - len(PARAGRAPH) * 4


def test_fair_shares_keep_short_texts_whole_and_share_the_rest():
    assert bounds.fair_shares([10, 500, 1_000], total=600, cap=400) == [10, 295, 295]
    assert bounds.fair_shares([10, 20], total=600, cap=400) == [10, 20]
    assert bounds.fair_shares([900, 900], total=10_000, cap=400) == [400, 400]
    assert bounds.fair_shares([], total=600, cap=400) == []


def test_ordinary_highlights_are_kept_whole_and_long_ones_share_the_bound():
    ordinary = [SourceHighlight(id=f"o{n}", text="A short highlighted sentence about the ferry.",
                                note="my note") for n in range(400)]
    long = [SourceHighlight(id=f"l{n}", text=PARAGRAPH * 1_000) for n in range(100)]
    source = Source(id=1, url="https://ferries.example/", title="Ferries", site_name=None,
                    text=PARAGRAPH, highlights=[*ordinary, *long])
    kept = bounds.within_bounds([source])[0].highlights
    assert [h.text for h in kept[:400]] == [h.text for h in ordinary]
    assert [h.note for h in kept[:400]] == ["my note"] * 400
    assert sum(len(h.text) for h in kept) <= bounds.HIGHLIGHTS_CHARS
    assert all(len(h.text) <= bounds.HIGHLIGHT_CHARS for h in kept)


def test_pages_within_the_bounds_reach_the_engine_as_they_are():
    sources = [Source(id=1, url="https://a.example/", title="A", site_name=None, text=huge_page(40),
                      highlights=[SourceHighlight(id="x", text=PARAGRAPH.strip(), note="why")])]
    assert bounds.within_bounds(sources)[0] is sources[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5_000), max_size=60),
       st.integers(min_value=0, max_value=50_000), st.integers(min_value=1, max_value=5_000))
def test_fair_shares_never_exceed_a_bound_and_cut_only_the_longest(lengths, total, cap):
    shares = bounds.fair_shares(lengths, total, cap)
    assert sum(shares) <= total
    assert all(0 <= share <= min(length, cap) for share, length in zip(shares, lengths))
    if sum(min(length, cap) for length in lengths) <= total:
        assert shares == [min(length, cap) for length in lengths]
    cut = [share for share, length in zip(shares, lengths) if share < min(length, cap)]
    # a text that was cut got at least what any other text kept
    assert all(c >= max(shares) - 1 for c in cut)
