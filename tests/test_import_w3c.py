"""W3C Web Annotations in every target and body form: passages of text
arrive, everything else is named with why."""

from __future__ import annotations

from pathlib import Path

import pytest

from hatchery.importers import parse
from hatchery.importers.matching import match_keys

IMPORTS = Path(__file__).parent / "resources" / "imports"


@pytest.fixture
def examples():
    parsed = parse((IMPORTS / "w3c-examples.jsonld").read_bytes())
    found = {h.exact: (page, h) for page in parsed.pages for h in page.highlights}
    reasons = {s.record.split(" (")[0] + (", " + s.record.split(", ")[-1]
               if ", target" in s.record else ""): s.reason for s in parsed.skipped}
    return parsed, found, reasons


def test_quote_targets_arrive_with_body_value_choice_tags_links_and_style(examples):
    _, found, _ = examples
    assert found["anotation"][1].note == "Plain note on a quote"  # type: ["Annotation"]
    loving = found["a page worth loving"][1]
    assert loving.note == "I love this page!" and loving.start == 412  # Choice: its default
    page, refined = found["refined quote"]
    assert page.url == "http://example.org/page3" and refined.color == "green"
    assert refined.tags == ["love", "reading"]  # a text tag and a link tag
    assert refined.note == "My HTML comment\n\nhttp://example.org/related"
    assert found["second target"][1].note == refined.note  # several targets, one body
    assert {"first of a set", "second of a set"} <= set(found)  # a Composite target


def test_what_is_not_a_passage_of_text_is_skipped_with_the_reason(examples):
    parsed, _, reasons = examples
    assert reasons["annotation 1"] == "it annotates a whole resource, not a passage of text"
    assert reasons["annotation 2"] == "it annotates an image, not a passage of text"
    assert "region of an image" in reasons["annotation 7"]
    assert reasons["annotation 8"] == "it gives only a text position, not the quoted text"
    assert "CssSelector" in reasons["annotation 9"]
    assert reasons["annotation 6, target 3"].startswith("it annotates a whole resource")
    assert reasons["annotation 12"] == "it is not an Annotation"
    assert not any("URL is missing" in s.reason for s in parsed.skipped)


def test_match_keys_ignore_spacing_and_case_and_fall_back_to_page_and_quote():
    precise, loose = match_keys("https://a.example/", "Plants  turn\nlight", 512)
    assert precise == match_keys("https://a.example/", "plants turn light", 512)[0]
    assert loose == match_keys("https://a.example/", "plants turn light")[0]
    assert precise != match_keys("https://a.example/", "plants turn light", 9)[0]
