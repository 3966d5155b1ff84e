"""What the verifier keeps of a model's answer, JSON or Markdown: the rules
that a copied prompt, a misplaced citation or a repeated sentence cannot
pass, and the JSON schema that keeps citations to the items sent."""

from __future__ import annotations

import json

from test_llm_engine import options, sources

from hatchery.hatch import hatch
from hatchery.hatch.llm.parse import parse_answer, split_said
from hatchery.hatch.llm.verify import UNFOUND_MARK


def section_text(result, k):
    return " ".join(s.text for p in result.sections[k].paragraphs for s in p)


def test_a_model_that_copies_the_prompt_back_gets_the_offline_hatch_and_the_reason(fake_llm):
    fake_llm.mode = "echo"  # answers with the prompt's own source listing
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "local"
    assert "did not pass the checks" in result.notes[0]
    assert "repeated the prompt's listing" in result.notes[0]
    assert "Highlight:" not in result.markdown.split("## Notes")[0]


def test_a_citation_at_the_start_of_a_line_does_not_cite_the_line_before():
    said = parse_answer("## Source 1\nThe Moon pulls the sea.\n[2] Tides are largest.\n", [])
    assert [(s.text, s.cites) for s in said.sections[1][0] + said.sections[1][1]] == [
        ("The Moon pulls the sea.", []), ("Tides are largest.", [])]
    assert split_said('He wrote "the Moon pulls." [4] Then more [1].')[0].cites == [4]


def test_a_sentence_under_one_source_citing_only_another_is_dropped(fake_llm):
    fake_llm.mode, fake_llm.echo = "echo", (
        "# Tides and swimming\n\n## Introduction\nTwo pages on the sea [1][3].\n\n"
        "## Source 1\nThe Moon pulls the oceans [1]. Rip currents are dangerous [3].\n"
        "Tides peak at new moon [2].\n\n## Source 2\nRip currents are the main danger [3].\n\n"
        "## Conclusion\nKnow the tides and the rips [1][3].\n")
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "llm"
    assert "Rip currents are dangerous" not in section_text(result, 0)
    assert any("cited only others" in n and "Rip currents are dangerous" in n
               for n in result.notes)


def test_a_sentence_said_twice_is_kept_once_and_a_quote_must_be_in_the_cited_item(fake_llm):
    fake_llm.mode, fake_llm.echo = "echo", (
        "# Tides\n\n## Source 1\nThe Moon pulls the oceans [1]. The Moon pulls the oceans [1]. "
        'It says "tides are largest at new and full moon" [1]. '
        'Another says "tides are largest at new and full moon" [2].\n\n'
        "## Source 2\nRip currents are the main danger [3].\n")
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    text = section_text(result, 0)
    assert text.count("The Moon pulls the oceans") == 1
    # The quotation is on the page, but in highlight [2], not the cited [1].
    marked = [s.text for s in result.sentences() if s.text.endswith(UNFOUND_MARK)]
    assert len(marked) == 1 and marked[0].startswith("It says")
    assert any("repeated sentence was kept once" in n for n in result.notes)


def test_a_title_that_copies_the_prompt_is_replaced(fake_llm):
    fake_llm.mode, fake_llm.echo = "echo", (
        "# Sources\n\n## Source 1\nThe Moon pulls the oceans [1].\n\n"
        "## Source 2\nRip currents are the main danger [3].\n")
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "llm" and result.title == "Notes from 2 sources"
    assert any("title" in n for n in result.notes)


def test_a_server_that_keeps_to_the_schema_gives_a_json_hatch_citing_only_sent_items(fake_llm):
    fake_llm.honour_schema = True
    draft: list[str] = []
    result = hatch(sources(), engine="llm", options=options(fake_llm, on_text=draft.append))
    assert result.engine == "llm" and result.prompt_version.endswith("-json")
    assert [s.source_id for s in result.sections] == [1, 2] and result.notes == []
    schema = fake_llm.requests[0]["body"]["response_format"]["json_schema"]["schema"]
    cites = schema["properties"]["sections"]["properties"]["source_1"]["items"]
    assert cites["properties"]["cites"]["items"]["enum"] == [1, 2]  # source 1's items only
    assert schema["properties"]["conclusion"]["items"]["properties"]["cites"]["items"][
        "enum"] == [1, 2, 3, 4]
    shown = "".join(draft)
    assert shown.startswith("# What the sea teaches") and "{" not in shown


def test_a_server_that_refuses_schemas_is_asked_for_markdown(fake_llm):
    fake_llm.refuse_schema = True
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "llm" and result.prompt_version.endswith("-markdown")
    styles = [r["body"].get("response_format", {}).get("type") for r in fake_llm.requests]
    assert styles == ["json_schema", "json_object", None]


def test_a_server_that_ignores_the_schema_is_read_as_markdown(fake_llm):
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert "response_format" in fake_llm.requests[0]["body"]
    assert result.engine == "llm" and result.prompt_version.endswith("-markdown")


def test_the_hatch_records_the_model_the_answer_names(fake_llm):
    fake_llm.answer_model = "qwen2.5:7b-instruct-q4"
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.model == "qwen2.5:7b-instruct-q4"


def test_ollamas_own_api_gets_the_schema_as_format_and_the_context_as_num_ctx(fake_llm):
    fake_llm.honour_schema = True
    opts = options(fake_llm)
    opts.url = fake_llm.url.removesuffix("/v1") + "/api"
    result = hatch(sources(), engine="llm", options=opts)
    body = fake_llm.requests[-1]["body"]
    assert fake_llm.requests[-1]["path"] == "/api/chat"
    assert body["format"]["properties"]["sections"] and "response_format" not in body
    # /api/show says the model's limit is 2048: asked for, packed to it.
    assert body["options"]["num_ctx"] == 2048 and body["options"]["num_predict"] == 1000
    assert result.engine == "llm" and result.prompt_version.endswith("-json")


def test_an_empty_answer_is_reported_as_a_likely_context_overflow(fake_llm):
    fake_llm.mode = "empty"
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "local"
    assert "the prompt probably did not fit the model server's context" in result.notes[0]


def test_a_model_the_server_does_not_list_is_an_error_naming_the_ones_it_has(fake_llm):
    fake_llm.models = ["qwen2.5-3b-instruct", "llama-3.2-3b"]
    result = hatch(sources(), engine="llm", options=options(fake_llm))
    assert result.engine == "local" and not fake_llm.requests
    assert ("has no model 'fake-7b'; it lists qwen2.5-3b-instruct, llama-3.2-3b"
            in result.notes[0])


def test_json_cut_off_mid_answer_keeps_its_complete_sentences():
    from hatchery.hatch.llm.structured import parse_json_answer

    text = json.dumps({"title": "T", "introduction": [{"text": "One.", "cites": [1]}],
                       "sections": {"source_1": [{"text": "Two.", "cites": [1]},
                                                 {"text": "Three.", "cites": [2]}]}})
    answer = parse_json_answer(text[: text.index("Three")])
    assert [s.text for s in answer.sections[1][0]] == ["Two."]
