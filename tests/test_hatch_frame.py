"""The frame a reader sees: clean titles, links to the exact passage, a
word budget per length, advice for the reader, tidy sentences, and the
frame in the sources' language (issue 12)."""

from __future__ import annotations

import pytest

from test_hatch import load_sources

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.advice import is_advice
from hatchery.hatch.debris import tidy
from hatchery.hatch.fragments import passage_link
from hatchery.hatch.language import detect
from hatchery.hatch.titles import clean_title
from hatchery.sentences import split_sentences


@pytest.mark.parametrize("title, site, clean", [
    ("Streets for people, not parking - Urban Notes", None, "Streets for people, not parking"),
    ("Why the city's bike lanes work | Riverside Courier", "Riverside Courier", "Why the city's bike lanes work"),
    ("Saudi Arabia - Vox", "Vox", "Saudi Arabia"),
    ("Covid-19 - what we know", None, "Covid-19 - what we know"),
])
def test_titles_lose_the_site_name(title, site, clean):
    assert clean_title(title, site) == clean


def test_a_passage_link_is_a_well_formed_text_fragment():
    link = passage_link("https://a.example/x", "the lanes", "Riders say the lanes work, well-kept & safe.")
    assert link == "https://a.example/x#:~:text=Riders%20say-,the%20lanes,-work%2C%20well%2Dkept%20%26"
    long = passage_link("https://a.example/x#top", " ".join(f"w{i}" for i in range(20)))
    assert long == "https://a.example/x#top:~:text=w0%20w1%20w2%20w3,w16%20w17%20w18%20w19"


@pytest.mark.parametrize("length, budget", [("short", 250), ("medium", 500), ("long", 900)])
def test_a_hatch_keeps_to_its_word_budget_and_every_source(length, budget):
    sources = load_sources() * 1
    result = hatch(sources, length=length)
    words = len(result.title.split()) + sum(len(s.text.split()) for s in result.sentences())
    words += sum(len(t.phrase.split()) for t in result.threads)
    assert words <= budget
    assert {s.source_id for s in result.sections} == {s.id for s in sources}


@pytest.mark.parametrize("sentence, advice", [
    ('"They need to ramp up the game catalog ASAP," says Ward.', False),
    ("Teams need to ship faster.", False),
    ("You should turn off every notification.", True),
    ("Aim to save half your income.", True),
    ("Start by reviewing the rules every five years, one of them argued, and keep notes.", False),
    ("Start by reviewing the rules every five years, she argues.", False),
    ("Start by listing what you own, then note what it costs.", True),
])
def test_advice_speaks_to_the_reader(sentence, advice):
    assert is_advice(sentence) is advice


def test_sentences_lose_unmatched_quotes_and_glued_labels():
    assert tidy('"First, you should calculate your net worth.') == "First, you should calculate your net worth."
    assert tidy("Summary Studies show that sleep helps.") == "Studies show that sleep helps."
    assert tidy("“Yes,” he said.") == "“Yes,” he said."


@pytest.mark.parametrize("sentence, tidied", [
    ("He said: “It works.", "He said: It works."),
    ('He said: "It works.', "He said: It works."),
    ("It works,” he said, and left.", "It works, he said, and left."),
    ('She called it "odd" and "new".', 'She called it "odd" and "new".'),
    ("Er sagte: „Es geht.“ Dann ging er.", "Er sagte: „Es geht.“ Dann ging er."),
    ("Il a dit « non.", "Il a dit non."),
])
def test_a_quote_mark_left_open_mid_sentence_is_dropped(sentence, tidied):
    assert tidy(sentence) == tidied


def test_context_never_outlives_its_highlight():
    text = ("Plan the week on Sunday evening. Write down three priorities for each day. "
            "Keep the list short so it stays honest.")
    source = Source(1, "https://w.example/", "Weekly planning", text=text,
                    highlights=[SourceHighlight("a", "Write down three priorities for each day.")])
    result = hatch([source], length="long")
    cited = {n for s in result.sentences() for n in s.cites}
    assert any(c.highlight_id == "a" for c in result.citations if c.n in cited)
    for section in result.sections:
        flat = [s for p in section.paragraphs for s in p]
        assert any(any(result.citations[n - 1].highlight_id for n in s.cites) for s in flat)


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Dr. Smith went to the U.S. in 2020. He stayed.", 2),
    ("de", "Am 3. Oktober kam z. B. Herr Dr. Müller an. Er sagte nichts.", 2),
    ("fr", "M. Dupont est arrivé à 10 h. Il a dit « non ». C'était prévu.", 3),
    ("es", "El Sr. García llegó ayer. Dijo que no. ¿Por qué? Nadie lo sabe.", 4),
    ("pt", "O Sr. Silva chegou ontem. Disse que não. Foi assim.", 3),
    ("ru", "Г. Иванов приехал в 2020 г. Он остался.", 2),
    ("ja", "今日は晴れです。明日は雨でしょう。", 2),
    ("zh", "今天天气很好。明天会下雨吗？会的。", 3),
    ("ko", "오늘은 날씨가 좋습니다. 내일은 비가 올까요? 네.", 3),
])
def test_sentences_split_in_each_language_and_the_language_is_known(lang, text, expected):
    assert len(split_sentences(text)) == expected
    if lang in ("ja", "zh", "ko", "ru"):
        assert detect(text) == lang


def test_the_frame_speaks_the_sources_language():
    text = ("Die Stadt baut neue Radwege. Die Radwege sind mit dem Netz verbunden und werden "
            "von vielen Menschen für den Weg zur Arbeit genutzt.")
    source = Source(1, "https://de.example/", "Radwege in der Stadt", text=text,
                    highlights=[SourceHighlight("a", "Die Radwege sind mit dem Netz verbunden")])
    result = hatch([source])
    assert result.lang == "de"
    assert result.to_dict()["headings"]["sources"] == "Quellen"
    assert "## Quellen" in result.markdown
    assert result.introduction[0].text.startswith("Dieser Hatch")


def _theme_title(*phrases: str) -> str:
    from types import SimpleNamespace

    from hatchery.hatch import framing
    from hatchery.hatch.drafts import ThreadDraft
    from hatchery.hatch.relatedness import THEME, Relation

    pages = [Source(1, "https://a.example/", "Why the city's bike lanes work", text="x"),
             Source(2, "https://b.example/", "Bus lanes, two years on", text="y")]
    threads = [ThreadDraft(phrase, [0, 1], [(0, None), (1, None)], (True, True), 4.0)
               for phrase in phrases]
    reading = SimpleNamespace(used=[0, 1], lang="en")
    return framing.title(pages, reading, Relation(THEME), threads)


def test_a_theme_of_one_common_word_is_titled_by_the_lead_headline():
    assert _theme_title("lanes") == "Why the city's bike lanes work"


def test_a_theme_of_a_specific_idea_titles_the_hatch():
    assert _theme_title("protected bike lanes") == "Protected bike lanes"
    assert _theme_title("groundwater") == "Groundwater"


def test_a_theme_title_names_two_ideas_but_never_pairs_one_with_a_plain_word():
    assert _theme_title("protected bike lanes", "Serra river") == "Protected bike lanes and Serra river"
    assert _theme_title("protected bike lanes", "traffic") == "Protected bike lanes"
    assert _theme_title("traffic", "protected bike lanes") == "Protected bike lanes"


def test_the_introduction_names_the_thread_most_pages_share():
    def page(pid, title, marked):
        return Source(pid, f"https://p{pid}.example/a", title, text=" ".join(marked),
                      highlights=[SourceHighlight(f"h{pid}-{i}", t) for i, t in enumerate(marked)])

    result = hatch([
        page(1, "Drone hits a seaplane", [
            "A drone struck a Northwind Airways seaplane as it landed at Port Varna on Sunday.",
            "Northwind Airways said the seaplane was towed to the hangar and examined by engineers."]),
        page(2, "Harbour police seek drone pilot", [
            "Harbour police asked the public to help find whoever flew the drone over the bay.",
            "A Northwind Airways spokeswoman said nobody on board was hurt."]),
        page(3, "Drones over the bay", [
            "Ferry captains logged dozens of close calls with a drone last summer.",
            "Most of the close calls happened near the busy harbour mouth."]),
    ], length="medium")
    breadth = {t.phrase: len(t.source_ids) for t in result.threads}
    assert breadth.get("drone") == 3 and breadth.get("Northwind Airways") == 2
    assert "They meet on “drone”, found in all of them." in [s.text for s in result.introduction]
