"""A hatch of three small pages reads like one piece and cites everything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hatchery.hatch import (
    Hatch,
    NothingToHatch,
    Source,
    SourceHighlight,
    hatch,
)
from hatchery.hatch.advice import is_advice
from hatchery.sentences import normalise

RESOURCES = Path(__file__).parent / "resources" / "hatch"


def load_sources(name: str = "focus.json") -> list[Source]:
    pages = json.loads((RESOURCES / name).read_text(encoding="utf-8"))
    return [
        Source(
            id=p["id"],
            url=p["url"],
            title=p["title"],
            site_name=p["site_name"],
            text=p["text"],
            highlights=[SourceHighlight(**h) for h in p["highlights"]],
        )
        for p in pages
    ]


@pytest.fixture
def sources() -> list[Source]:
    return load_sources()


@pytest.mark.parametrize("length", ["short", "medium", "long"])
def test_a_hatch_of_three_pages_has_every_part(sources, length):
    result = hatch(sources, length=length)
    assert result.title and result.introduction and result.conclusion
    assert [s.source_id for s in result.sections] == [11, 12, 13]
    assert all(s.paragraphs and all(s.paragraphs) for s in result.sections)
    assert result.threads and result.advice and result.citations
    md = result.markdown
    for heading in ("## Common threads", "## Actionable advice", "## In conclusion", "## Sources"):
        assert heading in md


def test_the_title_names_what_the_sources_share_not_one_source(sources):
    result = hatch(sources)
    assert result.title not in {s.title for s in sources}
    assert any(t.phrase.lower() in result.title.lower() for t in result.threads)


def test_every_sentence_cites_a_highlight_or_page_it_came_from(sources):
    result = hatch(sources, length="long")
    by_n = {c.n: c for c in result.citations}
    highlight_source = {h.id: s.id for s in sources for h in s.highlights}
    for sentence in result.sentences():
        assert sentence.cites, sentence.text
        for n in sentence.cites:
            c = by_n[n]
            if c.highlight_id is not None:
                assert highlight_source[c.highlight_id] == c.source_id
    for section in result.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph:
                assert {by_n[n].source_id for n in sentence.cites} == {section.source_id}


def test_quoted_sentences_are_really_in_the_cited_page(sources):
    result = hatch(sources, length="long")
    by_n = {c.n: c for c in result.citations}
    page_text = {s.id: normalise(s.text) for s in sources}
    notes = {h.id: h.note for s in sources for h in s.highlights}
    framing = {id(s) for s in result.introduction} | {id(result.conclusion[0])}
    for sentence in result.sentences():
        if id(sentence) in framing or sentence.text.startswith("My note: "):
            continue
        cited_pages = {by_n[n].source_id for n in sentence.cites}
        assert any(normalise(sentence.text) in page_text[p] for p in cited_pages), sentence.text
    woven = [s for s in result.sentences() if s.text.startswith("My note: ")]
    assert woven
    for s in woven:
        (n,) = s.cites
        assert notes[by_n[n].highlight_id] in s.text


def test_highlighted_fragments_are_quoted_as_whole_sentences(sources):
    result = hatch(sources, length="long")
    texts = [s.text for s in result.sentences()]
    assert any(t.startswith("Researchers who study attention") for t in texts)


def test_markdown_marks_every_sentence_and_lists_sources(sources):
    result = hatch(sources)
    md = result.markdown
    for sentence in result.sentences():
        assert "".join(f"[{n}]" for n in sentence.cites) in md
    for c in result.citations:
        # Each citation is its own entry under its numbered page: a
        # highlight by its words and a link to the passage, the article
        # text by name.
        assert re.search(rf"^\d+\. \[.+\]\(<{re.escape(c.url)}>\)$", md, re.M)
        if c.highlight_id:
            link = re.escape(c.url + "#:~:text=")
            assert re.search(rf"^   - \[{c.n}\] “.+” \(\[↗\]\(<{link}.+>\)\)$", md, re.M)
        else:
            assert re.search(rf"^   - \[{c.n}\] article text$", md, re.M)


def test_advice_comes_only_from_imperative_or_modal_sentences(sources):
    result = hatch(sources, length="long")
    assert len(result.advice) >= 3
    for item in result.advice:
        assert is_advice(item.text), item.text


def test_no_sentence_appears_twice(sources):
    for length in ("short", "medium", "long"):
        texts = [normalise(s.text) for s in hatch(sources, length=length).sentences()]
        assert len(texts) == len(set(texts))


def test_threads_name_phrases_found_in_several_sources(sources):
    result = hatch(sources)
    for thread in result.threads:
        assert len(thread.source_ids) >= 2
        for source in sources:
            if source.id in thread.source_ids:
                for word in thread.phrase.split():
                    assert word[:4] in normalise(source.text)
    assert any(t.phrase in {"focus time", "deep work"} for t in result.threads)


def test_the_same_sources_always_give_the_same_hatch(sources):
    assert hatch(sources).to_dict() == hatch(load_sources()).to_dict()


def test_a_stored_hatch_renders_the_same_markdown(sources):
    result = hatch(sources, length="medium")
    stored = json.loads(json.dumps(result.to_dict()))
    again = Hatch.from_dict(stored)
    assert again.markdown == result.markdown == stored["markdown"]
    assert again.to_dict() == stored


def test_one_source_is_enough(sources):
    # One page: the hatch is titled by the page's own headline (issue 12;
    # it used to be a keyword list "X: notes on ...").
    result = hatch(sources[:1])
    assert len(result.sections) == 1
    assert result.relation == "single"
    assert result.title == sources[0].title
    assert all(s.cites for s in result.sentences())


def test_highlights_without_article_text_fall_back_to_the_highlights():
    source = Source(
        id=5,
        url="https://notes.example/p",
        title="A page that would not extract",
        highlights=[
            SourceHighlight("x1", "Write the test before the fix.", start=10),
            SourceHighlight("x2", "A bug you cannot reproduce is a bug you cannot close.", start=2),
        ],
    )
    result = hatch([source])
    quoted = [s.text for p in result.sections[0].paragraphs for s in p] + [a.text for a in result.advice]
    assert "A bug you cannot reproduce is a bug you cannot close." in quoted
    assert "Write the test before the fix." in quoted
    section_texts = [s.text for p in result.sections[0].paragraphs for s in p]
    assert section_texts[0].startswith("A bug")  # article order from `start`


def test_a_page_picked_without_highlights_is_summarised(sources):
    bare = sources[2]
    bare.highlights = []
    result = hatch([sources[0], bare])
    section = result.sections[1]
    assert section.source_id == 13
    sentences = [s for p in section.paragraphs for s in p]
    assert sentences and all(len(s.cites) == 1 for s in sentences)


def test_nothing_to_hatch_says_so():
    with pytest.raises(NothingToHatch, match="nothing to hatch"):
        hatch([])
    with pytest.raises(NothingToHatch, match="no highlights and no article text"):
        hatch([Source(id=1, url="https://e.example", title="Empty", highlights=[SourceHighlight("h", "  ")])])


def test_a_bad_length_or_engine_is_a_value_error(sources):
    with pytest.raises(ValueError, match="length must be one of short, medium, long"):
        hatch(sources, length="huge")
    with pytest.raises(ValueError, match="unknown hatch engine 'gpt'; known engines: local"):
        hatch(sources, engine="gpt")
    assert issubclass(NothingToHatch, ValueError)


def test_short_is_shorter_than_long(sources):
    def words(h):
        return sum(len(s.text.split()) for s in h.sentences())

    assert words(hatch(sources, length="short")) < words(hatch(sources, length="long"))


def test_a_highlight_is_found_despite_curly_quotes_and_case():
    text = (
        "The bridge reopened on Monday. Engineers said it’s “safe for heavy trucks” again. "
        "Traffic returned within the hour."
    )
    source = Source(
        id=1,
        url="https://city.example/bridge",
        title="Bridge reopens",
        text=text,
        highlights=[SourceHighlight("q", "it's \"SAFE for heavy trucks\"")],
    )
    quoted = [s.text for p in hatch([source]).sections[0].paragraphs for s in p]
    assert "Engineers said it’s “safe for heavy trucks” again." in quoted


def test_a_highlight_across_two_sentences_quotes_both():
    text = "Rain fell all week. The river rose two metres. Schools closed on Friday."
    source = Source(
        id=1,
        url="https://news.example/flood",
        title="Flood",
        text=text,
        highlights=[SourceHighlight("x", "river rose two metres. Schools closed")],
    )
    section = hatch([source]).sections[0]
    sentences = [s for p in section.paragraphs for s in p]
    assert [s.text for s in sentences][:2] == ["The river rose two metres.", "Schools closed on Friday."]


def test_a_highlight_with_only_its_context_paragraph_still_gets_whole_sentences():
    source = Source(
        id=3,
        url="https://garden.example/compost",
        title="Compost in winter",
        highlights=[
            SourceHighlight(
                "c",
                "keeps working below freezing",
                context="A well-built pile keeps working below freezing. Turn it once a month.",
            )
        ],
    )
    result = hatch([source], length="medium")
    texts = [s.text for s in result.sentences()]
    assert "A well-built pile keeps working below freezing." in texts


def test_advice_comes_from_highlighted_paragraphs_not_the_rest_of_the_page():
    text = (
        "Water the seedlings every morning. Most failures come from drying out.\n\n"
        "If you need soil, the shop on the corner sells good soil.\n\n"
        "Subscribe to the gardening club for weekly tips and discounts."
    )
    source = Source(
        id=9,
        url="https://garden.example/seedlings",
        title="Seedlings",
        text=text,
        highlights=[SourceHighlight("s", "Most failures come from drying out.")],
    )
    advice = [a.text for a in hatch([source], length="long").advice]
    assert advice == ["Water the seedlings every morning."]


def test_a_news_page_gives_advice_only_in_what_the_person_highlighted():
    # A report that never speaks to its reader: its imperatives are a
    # club's letter, not advice for the person hatching it.
    text = (
        "The rowing club sent its members a letter on Tuesday. Consider the boathouses the club "
        "sold to builders over the years. The letter said the season would start late.\n\n"
        "The chairman said the club would rent a shed on the far bank."
    )
    letter = Source(9, "https://news.example/club", "Club letter", text=text,
                    highlights=[SourceHighlight("m", "The letter said the season would start late.")])
    assert hatch([letter], length="long").advice == []
    letter.highlights += [
        SourceHighlight("c", "Consider the boathouses the club sold to builders over the years."),
        SourceHighlight("g", "The chairman said the club would rent a shed on the far bank."),
    ]
    advice = [a.text for a in hatch([letter], length="long").advice]
    assert advice == ["Consider the boathouses the club sold to builders over the years."]


def test_a_tag_shared_by_highlights_on_two_pages_is_a_thread():
    pages = [
        Source(
            id=1,
            url="https://a.example/one",
            title="Morning routines",
            text="Wake at the same hour every day. A short walk helps the mind settle.",
            highlights=[SourceHighlight("a", "A short walk helps the mind settle.", tags=["slow-mornings"])],
        ),
        Source(
            id=2,
            url="https://b.example/two",
            title="Against the inbox",
            text="Reading email first thing hands the day to other people.",
            highlights=[SourceHighlight("b", "Reading email first thing", tags=["slow_mornings"])],
        ),
    ]
    result = hatch(pages)
    thread = next(t for t in result.threads if t.phrase == "slow mornings")
    assert thread.source_ids == [1, 2]
    by_n = {c.n: c for c in result.citations}
    assert [by_n[n].highlight_id for n in thread.cites] == ["a", "b"]


def test_page_text_cannot_inject_markdown_links_or_html():
    source = Source(
        id=4,
        url="https://odd.example/page",
        title="A [tricky](javascript:alert(1)) title",
        text="Click [here](javascript:alert(1)) for <script>alert(1)</script> more *bold* claims today.",
        highlights=[SourceHighlight("t", "Click [here](javascript:alert(1))")],
    )
    md = hatch([source]).markdown
    assert "[here](" not in md and "<script>" not in md and "[tricky](" not in md
    assert "\\[here\\]" in md and "\\<script\\>" in md


def test_a_url_cannot_break_out_of_its_link():
    source = Source(id=5, url="https://odd.example/a> [x](javascript:alert(1))", title="Odd", text="A plain sentence with enough words in it.")
    md = hatch([source]).markdown
    assert "javascript:alert(1))" in md  # still shown, as part of the URL
    assert "a> [x]" not in md and "a%3E%20[x]" in md
