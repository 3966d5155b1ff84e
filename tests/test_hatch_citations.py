"""Each citation shows the words it cites: a highlight's own text in the
hatch's data and in the Markdown Sources list, so the person sees which
passage backs a sentence, not only which page."""

from __future__ import annotations

import json

from test_hatch import load_sources
from test_llm_engine import options, sources as sea_sources

from hatchery.hatch import Citation, Hatch, Source, SourceHighlight, hatch


def highlight_texts(sources: list[Source]) -> dict[str, str]:
    return {h.id: h.text for s in sources for h in s.highlights}


def sources_list(markdown: str) -> list[str]:
    """The entries of the Sources list, one per citation (pages left out)."""
    lines = markdown.split("## Sources\n\n")[1].split("\n\n## Notes")[0].splitlines()
    return [line.strip()[2:] for line in lines if line.startswith("   - ")]


def page_lines(markdown: str) -> list[str]:
    lines = markdown.split("## Sources\n\n")[1].split("\n\n## Notes")[0].splitlines()
    return [line for line in lines if not line.startswith(" ")]


def test_a_cited_highlight_carries_its_words_and_the_article_text_none():
    picked = load_sources()
    result = hatch(picked, length="long")
    texts = highlight_texts(picked)
    highlights = [c for c in result.citations if c.highlight_id]
    articles = [c for c in result.citations if not c.highlight_id]
    assert highlights and articles
    assert all(c.quote == texts[c.highlight_id] for c in highlights)
    assert all(c.quote is None for c in articles)


def test_the_sources_list_shows_the_cited_words_not_the_same_line_for_each():
    picked = load_sources()
    result = hatch(picked, length="long")
    lines = sources_list(result.markdown)
    assert len(lines) == len(result.citations)
    assert len(set(lines)) == len(lines)
    # Pages are numbered once each, in the order first cited.
    pages = page_lines(result.markdown)
    assert len(pages) == len({c.source_id for c in result.citations})
    assert all(line.startswith(f"{i}. [") for i, line in enumerate(pages, 1))
    by_number = {c.n: c for c in result.citations}
    for line in lines:
        c = by_number[int(line.split("]")[0][1:])]
        if c.highlight_id:
            assert line.startswith(f"[{c.n}] “{c.quote}” ([↗](<{c.url}#:~:text="), line
        else:
            assert line == f"[{c.n}] article text", line


def test_a_long_quote_is_shortened_at_a_word_and_stays_literal_text():
    long_text = "Keep the *first* draft [rough] " + " ".join(f"word{i}" for i in range(80)) + "."
    page = Source(1, "https://long.example/", "Long", text=long_text,
                  highlights=[SourceHighlight("h1", long_text)])
    result = hatch([page])
    (cited,) = [c for c in result.citations if c.highlight_id == "h1"]
    assert cited.quote == long_text  # the data keeps it whole
    (line,) = [entry for entry in sources_list(result.markdown) if entry.startswith(f"[{cited.n}] ")]
    quoted = line.split("“")[1].split("”")[0]
    assert quoted.startswith(r"Keep the \*first\* draft \[rough\] word0 word1")
    assert quoted.endswith("…") and len(quoted) <= 201
    assert quoted[:-1].rsplit(" ", 1)[-1] in long_text.split()  # cut between words


def test_a_stored_hatch_keeps_its_quotes_through_json():
    result = hatch(load_sources())
    stored = json.loads(json.dumps(result.to_dict()))
    assert any(c["quote"] for c in stored["citations"])
    again = Hatch.from_dict(stored)
    assert again.citations == result.citations
    assert again.markdown == result.markdown


def test_a_hatch_stored_before_quotes_loads_and_lists_its_sources_as_before():
    stored = hatch(load_sources()).to_dict()
    for c in stored["citations"]:
        del c["quote"]
    old = Hatch.from_dict(stored)
    assert all(c.quote is None for c in old.citations)
    first = next(c for c in old.citations if c.highlight_id)
    assert f"   - [{first.n}] highlight" in old.markdown.splitlines()
    assert Citation.from_dict({"n": 1, "source_id": 2, "highlight_id": None,
                               "url": "https://a.example/", "title": "A"}).quote is None


def test_the_llm_engine_quotes_the_highlights_it_cites(fake_llm):
    picked = sea_sources()
    result = hatch(picked, engine="llm", options=options(fake_llm))
    assert result.engine == "llm"
    texts = highlight_texts(picked)
    cited = [c for c in result.citations if c.highlight_id]
    assert cited
    assert all(c.quote == texts[c.highlight_id] for c in cited)
    assert all(c.quote is None for c in result.citations if not c.highlight_id)
    assert f"“{cited[0].quote}”" in result.markdown
