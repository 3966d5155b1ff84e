"""Relatedness first: a hatch claims a link between pages only when there
is one, and its threads are ideas, not word coincidences (issue 12)."""

from __future__ import annotations

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.ideas import ideas_in, is_specific


def page(pid: int, title: str, text: str, highlights: list[tuple[str, str | None]]) -> Source:
    return Source(pid, f"https://p{pid}.example/a", title, text=text,
                  highlights=[SourceHighlight(f"h{pid}-{i}", t, note=n) for i, (t, n) in enumerate(highlights)])


STREAMING = page(1, "A game-streaming service launches", (
    "The streaming service launched on Tuesday with forty games. Early reviews praised the latency.\n\n"
    "Subscribers can play on phones and televisions, depending on their plan. The catalogue is small."),
    [("The streaming service launched on Tuesday with forty games.", None),
     ("Subscribers can play on phones and televisions, depending on their plan.", None)])

RETIREMENT = page(2, "How to retire early", (
    "Retiring early takes planning. Aim to save half of your income in low-cost index funds.\n\n"
    "Depending on the market, withdrawals of four percent a year can last decades. Track every expense."),
    [("Aim to save half of your income in low-cost index funds.", None),
     ("Depending on the market, withdrawals of four percent a year can last decades.", None)])


def test_unrelated_pages_claim_no_link():
    result = hatch([STREAMING, RETIREMENT], length="medium")
    assert result.relation == "unrelated"
    assert result.threads == []
    assert result.title == "A game-streaming service launches"  # the lead's own headline
    intro = " ".join(s.text for s in result.introduction)
    assert "stand apart" in intro
    assert "meet on" not in result.markdown
    assert "## Common threads" not in result.markdown


def test_a_note_naming_another_pages_idea_makes_a_thread():
    noted = page(2, "How to retire early", RETIREMENT.text,
                 [("Aim to save half of your income in low-cost index funds.",
                   "The subscription is a recurring expense, like the latency bill"),
                  ("Depending on the market, withdrawals of four percent a year can last decades.", None)])
    other = page(1, "Index funds for beginners", (
        "Index funds spread money across a whole market. Fees on index funds are low.\n\n"
        "A broad index fund follows the market up and down."),
        [("Fees on index funds are low.", None)])
    result = hatch([other, noted], length="medium")
    assert result.relation in ("story", "theme")
    assert [t.phrase for t in result.threads][:1] == ["index funds"]


def test_common_words_never_name_a_thread_alone():
    ideas = ideas_in("Early on Tuesday the track and the water were fine, depending on planning.")
    named = {" ".join(k) for k, idea in ideas.items() if is_specific(idea)}
    for word in ("early", "tuesday", "track", "water", "depend", "plann"):
        assert not any(word == n for n in named), named


def test_names_keep_their_words_and_casing():
    ideas = ideas_in("Officials in New York City met envoys from Saudi Arabia.")
    forms = {idea.surface() for idea in ideas.values()}
    assert "New York City" in forms
    assert "Saudi Arabia" in forms


def test_a_commoner_word_is_a_thread_only_when_more_pages_share_it():
    ideas = ideas_in("The traffic felt dangerous.")
    traffic = next(idea for idea in ideas.values() if idea.surface() == "traffic")
    assert not is_specific(traffic, sources=2)  # two pages may share it by chance
    assert is_specific(traffic, sources=3)
    # "police" says little however many pages use it.
    assert not any(is_specific(idea, sources=5) for idea in ideas_in("The police came.").values())
