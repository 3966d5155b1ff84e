"""The text tools under a hatch: sentences, debris, advice, threads, summaries."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from hatchery.hatch import summarize_documents
from hatchery.hatch.advice import is_advice
from hatchery.hatch.debris import clean_sentences, clean_text, is_debris, trim
from hatchery.sentences import split_sentences, stem
from hatchery.hatch.themes import find_threads


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith paid $3.50 for it. Then he left!", ["Dr. Smith paid $3.50 for it.", "Then he left!"]),
        ("J. K. Rowling lived in the U.S. for a while. She wrote.", ["J. K. Rowling lived in the U.S. for a while.", "She wrote."]),
        ('He said, "Stop." Then nobody moved.', ['He said, "Stop."', "Then nobody moved."]),
        ("Version 1.2 shipped. See p. 4 and No. 7 for more.", ["Version 1.2 shipped.", "See p. 4 and No. 7 for more."]),
        ("I said no. Then I left.", ["I said no.", "Then I left."]),
        ("Wait... Is it over? Yes!", ["Wait...", "Is it over?", "Yes!"]),
        ("¿Dónde está? No lo sé.", ["¿Dónde está?", "No lo sé."]),
        ("今天很好。我们走吧！好的", ["今天很好。", "我们走吧！", "好的"]),
        ("Il a dit « non. » Puis il est parti.", ["Il a dit « non. »", "Puis il est parti."]),
        ("First paragraph without a stop\n\nSecond one.", ["First paragraph without a stop", "Second one."]),
        ("The page was saved.Then it changed.", ["The page was saved.", "Then it changed."]),
        ('"Awesome!" she said. Then she left.', ['"Awesome!" she said.', "Then she left."]),
        ("Think of the list ... you run out of names. Then what?", ["Think of the list ... you run out of names.", "Then what?"]),
        ("Это так. Почему? Не знаю.", ["Это так.", "Почему?", "Не знаю."]),
        ('She posted it."Legal here" was the caption.', ["She posted it.", '"Legal here" was the caption.']),
        ("Visit example.com or Node.js docs.", ["Visit example.com or Node.js docs."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, expected):
    assert split_sentences(text) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_splitting_keeps_every_word(text):
    joined = "".join("".join(split_sentences(text)).split())
    assert joined == "".join(text.split())


def test_stems_match_plurals_and_inflections():
    assert stem("policies") == stem("policy")
    assert stem("meetings") == stem("meeting")
    assert stem("backups") == stem("backup")


@pytest.mark.parametrize(
    "block",
    [
        "Tweet with a location",
        "Advertisement",
        "Advertisement Continue reading the main story",
        "Share this article",
        "Photo: Getty Images",
        "(Image: Staff photographer)",
        "Read more: our coverage of the election",
        "Please enable Javascript to watch this video",
        "© 2026 Example Media. All rights reserved.",
        "___",
    ],
)
def test_web_debris_is_recognised(block):
    assert is_debris(block)


def test_clean_text_keeps_the_article_and_drops_the_furniture():
    text = (
        "Tweet with a location\n\nShare this article\n\n"
        "The council approved the new bike lanes on Tuesday after a long debate.\n\n"
        "Photo: Getty Images\n\nAdvertisement\n\n"
        "Work starts in March and should finish before the summer holidays."
    )
    assert clean_text(text).split("\n\n") == [
        "The council approved the new bike lanes on Tuesday after a long debate.",
        "Work starts in March and should finish before the summer holidays.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Back up your files every day.",
        "Never share your password with anyone.",
        "You should turn off notifications during focus time.",
        "Start by writing decisions down.",
        "It is important to measure results, not hours.",
        "Make sure every decision has an owner.",
        "Consider a low-cost index fund for your savings.",
        "Note the date of every payment in one place.",
        "Please let your neighbours know before you leave.",
    ],
)
def test_imperative_and_modal_sentences_are_advice(sentence):
    assert is_advice(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Researchers found that sleep improves memory.",
        "Should we cancel every meeting?",
        "They should have known better.",
        "The team cancelled its meetings for a month.",
        # An opening verb that is the subject, a label, a cue or a plea.
        "Work is planned on the old bridge this summer.",
        "Rest is part of the work, and people need to treat it that way.",
        "UPDATE: Noon - The ferry runs again from the north pier.",
        "Note that the bakery on the corner closed last spring.",
        "Imagine a city without cars.",
        "Let this be a lesson to every new cook.",
        # Someone else's words, and a question a quotation ends.
        'The sign at the door read "You must wear a mask inside."',
        'But why not write to them, "You have to mend the fence."',
    ],
)
def test_reports_questions_and_regrets_are_not_advice(sentence):
    assert not is_advice(sentence)


def test_threads_are_phrases_several_documents_share():
    docs = [
        "Open data helps cities. Open data portals list bus routes.",
        "The city published open data on bus routes and parking.",
        "A recipe for bread with no mention of the theme.",
    ]
    threads = find_threads(docs, limit=3)
    assert threads[0].phrase in {"open data", "bus routes"}
    assert all(len(t.docs) >= 2 for t in threads)
    assert 2 not in {d for t in threads for d in t.docs}


DOCS = [
    "Tweet with a location\n\n"
    "The river flooded the old town on Sunday night, forcing hundreds of families from their homes. "
    "Emergency crews worked through the night to reinforce the levees along the river.\n\n"
    "Officials said the water level peaked at four metres, the highest in thirty years.\n\n"
    "Share this article",
    "Hundreds of families left their homes as the river flooded the old town. "
    "The mayor said the levees held in the new districts but failed near the old bridge. "
    "Residents were told to boil drinking water until further notice.\n\n"
    "Photo: Getty Images",
]


def test_a_summary_fits_the_budget_and_skips_debris():
    summary = summarize_documents(DOCS, 40)
    assert 0 < len(summary.split()) <= 40
    assert "Tweet" not in summary and "Share this" not in summary and "Getty" not in summary


def test_a_tiny_budget_cuts_the_best_sentence():
    summary = summarize_documents(DOCS, 6)
    assert len(summary.split()) == 6 and summary.endswith("…")


def test_a_summary_does_not_repeat_itself():
    summary = summarize_documents(DOCS, 200)
    assert summary.count("flooded the old town") == 1


def test_a_summary_is_deterministic_and_empty_for_no_budget():
    assert summarize_documents(DOCS, 60) == summarize_documents(list(DOCS), 60)
    assert summarize_documents(DOCS, 0) == ""
    assert summarize_documents([], 50) == ""


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("PORTLAND, Maine (AP) — The ferry resumed service on Monday.", "The ferry resumed service on Monday."),
        ("OSLO, March 3 (Reuters) - Wind output hit a record.", "Wind output hit a record."),
        ("DENVER -- Snow closed the pass overnight.", "Snow closed the pass overnight."),
        ("(CNN) — The vote was postponed.", "The vote was postponed."),
        ("CLOSE Engineers tested the new bridge.", "Engineers tested the new bridge."),
        ("FRIDAY UPDATE: the company confirmed the recall.", "The company confirmed the recall."),
        ("NASA is sending a probe to Europa.", "NASA is sending a probe to Europa."),
        ("I - for one - disagree.", "I - for one - disagree."),
    ],
)
def test_datelines_and_widget_prefixes_are_trimmed(sentence, expected):
    assert trim(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Story highlights The mayor resigned",
        "JUST WATCHED Storm hits the coast Replay More Videos",
        "FILE - In this May 2, 2024 file photo, a ferry leaves the harbour.",
        "This 2023 photo shows the old mill before the fire.",
        "Crowds at the harbour. | Photo by Staff",
    ],
)
def test_captions_and_video_widgets_are_debris(sentence):
    assert is_debris(sentence)


def test_an_article_paragraph_that_mentions_sharing_is_not_debris():
    paragraph = (
        "The mayor announced the plan in a post on Facebook on Friday evening, "
        "saying that the city would open three new cooling centres before the heat wave "
        "and keep the public pools open until ten at night for the rest of the month."
    )
    assert clean_text(paragraph) == paragraph
    exclusive = "EXCLUSIVE: The studio has picked a director for the sequel, two people close to the production said."
    assert clean_sentences(exclusive) == [
        "The studio has picked a director for the sequel, two people close to the production said."
    ]


def test_a_page_speaks_to_its_reader_when_it_says_you_outside_quotations():
    from hatchery.hatch.advice import VOICE_SAMPLE_CHARS, speaks_to_reader

    guide = "Before you start, check that your tools are sharp. " * 20
    report = 'The mayor said "you will see results" to the council on Monday. ' * 20
    assert speaks_to_reader(guide)
    assert not speaks_to_reader(report)
    # Read in its first VOICE_SAMPLE_CHARS: a long page's voice, not all of it.
    long_report = "The council met again on Monday evening. " * (VOICE_SAMPLE_CHARS // 40) + guide * 200
    assert not speaks_to_reader(long_report)
