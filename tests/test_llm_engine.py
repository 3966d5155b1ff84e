"""The LLM engine as a library: what a person gets back from a model that
behaves, and from one that does not."""

from __future__ import annotations

import re
import threading

import pytest

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.llm import LLMError, LLMOptions
from hatchery.hatch.llm.verify import UNFOUND_MARK

KEY = "sk-test-secret-key-123456"


def sources() -> list[Source]:
    return [
        Source(1, "https://coastal.example/tides", "How tides work", "Coastal",
               "The Moon pulls the oceans toward it, making a bulge. Tides are largest at new "
               "and full moon.",
               [SourceHighlight("h1", "The Moon pulls the oceans toward it, making a bulge",
                                note="the main force", start=0,
                                context="Every day, the Moon pulls the oceans toward it, making a "
                                        "bulge on the side facing it and another opposite."),
                SourceHighlight("h2", "Tides are largest at new and full moon", start=60)]),
        Source(2, "https://openwater.example/sea", "Open water swimming", None,
               "Rip currents are the main danger on surf beaches. Check the tide times.",
               [SourceHighlight("h3", "Rip currents are the main danger on surf beaches",
                                start=0),
                SourceHighlight("h4", "You should check the tide times before every swim",
                                note="do this", start=50)]),
    ]


def options(fake, **kw) -> LLMOptions:
    kw.setdefault("retry_backoff", 0.01)
    return LLMOptions(url=fake.url, model="fake-7b", api_key=KEY, **kw)


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def assert_fully_cited(result):
    numbers = {c.n for c in result.citations}
    assert numbers == set(range(1, len(numbers) + 1))
    for sentence in result.sentences():
        assert sentence.cites and set(sentence.cites) <= numbers, sentence
    assert markers(result.markdown.split("## Sources")[0]) <= numbers


@pytest.mark.parametrize("stream", [True, False])
def test_a_well_behaved_model_gives_a_cited_hatch_of_the_usual_shape(fake_llm, stream):
    result = hatch(sources(), engine="llm", length="short", options=options(fake_llm, stream=stream))
    assert result.engine == "llm" and result.model == "fake-7b"
    assert result.prompt_version and result.notes == []
    assert result.title == "What the sea teaches"
    assert [s.source_id for s in result.sections] == [1, 2]
    assert result.introduction and result.threads and result.advice and result.conclusion
    assert_fully_cited(result)
    highlight_ids = {c.highlight_id for c in result.citations}
    assert highlight_ids == {"h1", "h2", "h3", "h4"}
    assert UNFOUND_MARK not in result.markdown
    # The model was sent the highlights, the note and the paragraph, numbered.
    prompt = fake_llm.requests[0]["body"]["messages"][-1]["content"]
    assert '[1] Highlight: "The Moon pulls the oceans toward it, making a bulge"' in prompt
    assert "the main force" in prompt and "another opposite" in prompt
    assert fake_llm.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"


def test_a_sentence_citing_a_number_that_does_not_exist_is_dropped_and_said(fake_llm):
    fake_llm.mode = "invent"
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert "green cheese" not in result.markdown.split("## Notes")[0]
    assert_fully_cited(result)
    assert any("[42]" in note and "left out" in note for note in result.notes)


def test_a_sentence_citing_nothing_is_dropped_and_said(fake_llm):
    fake_llm.mode = "uncited"
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert all("cites nothing" not in s.text for s in result.sentences())
    assert_fully_cited(result)
    assert any("cited no source" in note for note in result.notes)


def test_a_quotation_that_is_not_in_the_sources_is_flagged(fake_llm):
    fake_llm.mode = "misquote"
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    flagged = [s for s in result.conclusion if "bathtub" in s.text]
    assert flagged and flagged[0].text.endswith(UNFOUND_MARK)
    assert any("could not be found" in note for note in result.notes)
    # The true quotations are not flagged.
    assert sum(UNFOUND_MARK in s.text for s in result.sentences()) == 1


@pytest.mark.parametrize("mode", ["garbage", "prose"])
@pytest.mark.parametrize("stream", [True, False])
def test_a_broken_or_off_format_answer_falls_back_to_the_local_engine(fake_llm, mode, stream):
    fake_llm.mode = mode
    result = hatch(sources(), engine="llm", options=options(fake_llm, stream=stream))
    assert result.engine == "local" and result.sections
    assert result.notes[0].startswith("Written by the offline engine because the language "
                                      "model (fake-7b)")
    assert "## Notes" in result.markdown


def test_a_dead_endpoint_falls_back_with_a_notice(unused_port):
    opts = LLMOptions(url=f"http://127.0.0.1:{unused_port}/v1", model="m", retries=0)
    result = hatch(sources(), engine="llm", options=opts)
    assert result.engine == "local"
    assert "Could not reach the language model" in result.notes[0]


def test_without_fallback_the_error_says_what_is_wrong(unused_port):
    opts = LLMOptions(url=f"http://127.0.0.1:{unused_port}/v1", model="m", retries=0,
                      fallback=False)
    with pytest.raises(LLMError, match="Could not reach the language model at http://127.0.0.1"):
        hatch(sources(), engine="llm", options=opts)


def test_429_and_500_are_retried_a_bounded_number_of_times(fake_llm):
    fake_llm.mode, fake_llm.status, fake_llm.fail_times = "status", 429, 2
    notices = []
    result = hatch(sources(), engine="llm", options=options(fake_llm, on_notice=notices.append))
    assert result.engine == "llm" and len(fake_llm.requests) == 3
    assert len(notices) == 2 and "answered 429" in notices[0]
    fake_llm.requests.clear()
    fake_llm.mode, fake_llm.status, fake_llm.fail_times = "status", 500, None
    with pytest.raises(LLMError, match="answered 500") as raised:
        hatch(sources(), engine="llm", options=options(fake_llm, fallback=False, retries=2))
    assert len(fake_llm.requests) == 3
    assert KEY not in raised.value.message  # the echoed header is blanked


def test_a_client_error_is_not_retried(fake_llm):
    fake_llm.mode, fake_llm.status = "status", 404
    with pytest.raises(LLMError, match="404.*Check llm_url"):
        hatch(sources(), engine="llm", options=options(fake_llm, fallback=False))
    assert len(fake_llm.requests) == 1


def test_a_model_falling_silent_mid_answer_times_out_with_a_clear_message(fake_llm):
    fake_llm.gate = threading.Event()  # half the answer, then silence
    result = hatch(sources(), engine="llm", options=options(fake_llm, timeout=0.2))
    fake_llm.gate.set()
    assert result.engine == "local"
    assert "sent nothing for 0.2 s" in result.notes[0]
    assert len(fake_llm.requests) == 1  # a timeout is not retried


def test_a_model_still_reading_a_long_prompt_is_given_the_time(fake_llm):
    # Silent for longer than llm_timeout before its first word, as a CPU
    # reading the prompt is: the wait before the first word grows with the prompt.
    fake_llm.mode, fake_llm.delay = "slow", 0.6
    result = hatch(sources(), engine="llm", options=options(fake_llm, timeout=0.2))
    assert result.engine == "llm"


@pytest.mark.parametrize("stream", [True, False])
def test_a_truncated_answer_keeps_what_is_cited_and_says_it_was_cut(fake_llm, stream):
    fake_llm.mode = "truncated"
    result = hatch(sources(), engine="llm", options=options(fake_llm, stream=stream))
    assert result.engine == "llm"
    assert_fully_cited(result)
    said = "stopped in the middle of the answer" if stream else "cut off at its length limit"
    assert any(said in note for note in result.notes)


def test_the_options_never_show_the_key():
    opts = LLMOptions(url="http://127.0.0.1:1/v1", model="m", api_key=KEY)
    assert KEY not in repr(opts)
