"""Two pages on one subject meet on it even when only one page's
highlights name it: the other page's headline and first sentences say
what everything highlighted on it is about (issue 12). The subject never
makes a thread on its own: some page's highlights must name it, and pages
that stand apart share nothing."""

from __future__ import annotations

from hatchery.hatch import Source, SourceHighlight, hatch


def page(pid: int, title: str, paragraphs: list[str], marked: list[str]) -> Source:
    return Source(pid, f"https://p{pid}.example/a", title, text="\n\n".join(paragraphs),
                  highlights=[SourceHighlight(f"h{pid}-{i}", t) for i, t in enumerate(marked)])


BOATS = page(1, "Boats leave a shrinking lake", [
    "Marina owners on Lake Verrin hauled out their boats a month early as the drought "
    "dropped the water below the old jetties.",
    "Lake Verrin has fallen four metres since spring, the lowest since gauges were fitted.",
    "Harbour masters expect the drought to leave the marinas dry until the autumn rains.",
], ["Lake Verrin has fallen four metres since spring, the lowest since gauges were fitted."])

FARMS = page(2, "Lake Verrin drought cuts farm water", [
    "Farmers who draw on Lake Verrin face a third less water this summer as the drought "
    "drags the lake down.",
    "Irrigation quotas were cut by a third, and several growers left their fields fallow.",
    "The water board said the quotas would stay until the drought breaks and the gauges rise.",
], ["Irrigation quotas were cut by a third, and several growers left their fields fallow."])

ORCHESTRA = page(3, "Orchestra names a new conductor", [
    "The city orchestra named a young violinist as its conductor after a two-year search.",
    "She will open the season with a symphony the orchestra has not played in decades.",
], ["She will open the season with a symphony the orchestra has not played in decades."])


def phrases(*sources: Source) -> list[str]:
    return [t.phrase for t in hatch(list(sources), length="medium").threads]


def test_a_page_whose_headline_names_the_subject_meets_the_page_that_highlights_it():
    result = hatch([BOATS, FARMS], length="medium")
    assert result.relation in ("story", "theme")
    thread = next(t for t in result.threads if t.phrase == "Lake Verrin")
    assert sorted(thread.source_ids) == [1, 2]


def test_the_farm_page_is_cited_by_its_article_and_the_boat_page_by_its_highlight():
    result = hatch([BOATS, FARMS], length="medium")
    thread = next(t for t in result.threads if t.phrase == "Lake Verrin")
    cited = {c.n: c for c in result.citations}
    by_page = {cited[n].source_id: cited[n] for n in thread.cites}
    assert by_page[1].highlight_id == "h1-0"
    assert by_page[2].highlight_id is None  # the article text: its headline and lead


def test_headlines_alone_make_no_thread():
    # Both pages open on the lake; neither page's highlights name it.
    boats = page(1, "Lake Verrin boats leave early", [
        "Lake Verrin has fallen so far that marina owners hauled out their boats a month early.",
        "Sailing clubs cancelled the regatta, and the ferry now stops at a floating pontoon.",
    ], ["Sailing clubs cancelled the regatta, and the ferry now stops at a floating pontoon."])
    result = hatch([boats, FARMS], length="medium")
    assert result.relation in ("story", "theme")
    assert "Lake Verrin" not in [t.phrase for t in result.threads]


def test_a_page_that_stands_apart_is_never_claimed_by_its_subject():
    # The concert page opens on the drought the boat page highlights, yet
    # shares nothing else with the lake's pages: it stands apart.
    boats = page(1, "Boats leave a shrinking lake", [
        "Marina owners on Lake Verrin hauled out their boats a month early as the water fell.",
        "Lake Verrin has fallen four metres in the worst drought since gauges were fitted.",
    ], ["Lake Verrin has fallen four metres in the worst drought since gauges were fitted."])
    farms = page(2, "Lake Verrin cuts farm water", [
        "Farmers who draw on Lake Verrin face a third less water this summer.",
        "Irrigation quotas were cut by a third, and several growers left their fields fallow.",
    ], ["Irrigation quotas were cut by a third, and several growers left their fields fallow."])
    concert = page(3, "Orchestra plays on through the drought", [
        "The city orchestra will play its summer season despite the drought, its new conductor said.",
        "She will open the season with a symphony the orchestra has not played in decades, "
        "followed by a cello concerto, two overtures and a choral mass with the cathedral choir.",
    ], ["She will open the season with a symphony the orchestra has not played in decades, "
        "followed by a cello concerto, two overtures and a choral mass with the cathedral choir."])
    result = hatch([boats, farms, concert], length="medium")
    assert [(t.phrase, sorted(t.source_ids)) for t in result.threads] == [("Lake Verrin", [1, 2])]


def test_unrelated_pages_get_no_thread_from_their_subjects():
    unrelated = hatch([BOATS, ORCHESTRA], length="medium")
    assert unrelated.relation == "unrelated" and unrelated.threads == []
