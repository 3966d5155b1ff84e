"""A Hatch of pages captured earlier finds them already read: the server
reads each page as soon as it is extracted (and the latest pages when it
starts), so the person's click pays only for what joins the pages. Reading
ahead never changes what a hatch says."""

from __future__ import annotations

import pytest
from conftest import RESOURCES, make_capture
from test_hatch_examples import pages

from hatchery import sentences
from hatchery.hatch import hatch, ideas, language, relatedness, speech

# What a hatch remembers per page: its paragraphs' sentences, the ideas in
# them, their tags, its language and its profile for relatedness.
PAGE_MEMOS = {
    "sentences": sentences._block_sentences,
    "ideas": ideas.ideas_in,
    "tags": speech._tag,
    "language": language.detect,
    "profile": relatedness._vector,
}


def forget_pages() -> None:
    for memo in PAGE_MEMOS.values():
        memo.cache_clear()


def pages_read_again(run) -> dict[str, int]:
    """How often `run()` had to read a page's text afresh, by memo."""
    before = {name: memo.cache_info().misses for name, memo in PAGE_MEMOS.items()}
    run()
    return {name: memo.cache_info().misses - before[name] for name, memo in PAGE_MEMOS.items()
            if memo.cache_info().misses > before[name]}


@pytest.mark.parametrize("example", ["apart.json", "story.json", "theme.json"])
def test_a_hatch_after_reading_ahead_reads_no_page_again_and_says_the_same(example):
    from hatchery.hatch import read_ahead

    sources = pages(example)
    forget_pages()
    cold = hatch(sources, length="medium").to_dict()
    forget_pages()
    read_ahead(sources)
    after: dict = {}
    assert pages_read_again(lambda: after.update(hatch(sources, length="medium").to_dict())) == {}
    assert after == cold


def test_reading_ahead_a_page_with_nothing_to_hatch_is_quiet():
    from hatchery.hatch import Source, read_ahead

    read_ahead([Source(id=1, url="https://empty.example/", title="", site_name=None,
                       text="", highlights=[])])


TIDES = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")
SWIMMING = (RESOURCES / "pages" / "swimming.html").read_text(encoding="utf-8")


def capture_two_pages(client) -> list[int]:
    ids = []
    for url, html, text in [
        ("https://coastal.example/tides", TIDES, "the Moon pulls the oceans toward it, making a bulge"),
        ("https://openwater.example/sea", SWIMMING, "Rip currents are the main danger on surf beaches."),
    ]:
        response = client.post("/api/captures", json=make_capture(url=url, title="", text=text, html=html))
        assert response.status_code == 201
        ids.append(response.json["highlight"]["page_id"])
    return ids


def test_the_server_reads_a_captured_page_before_the_hatch_is_asked(client):
    forget_pages()
    ids = capture_two_pages(client)  # each capture waits until its page is extracted
    answers = []
    read = pages_read_again(lambda: answers.append(
        client.post("/api/hatches", json={"page_ids": ids, "length": "short"})))
    assert answers[0].status_code == 201
    assert read == {}


def test_a_started_server_reads_its_latest_pages_ahead(client, app):
    from hatchery.services.hatches.read_ahead import read_ahead_latest

    ids = capture_two_pages(client)
    forget_pages()  # as after a restart: nothing remembered
    read_ahead_latest(app.config["DATABASE"])
    read = pages_read_again(lambda: client.post("/api/hatches", json={"page_ids": ids}))
    assert read == {}
