"""The Markdown export as Obsidian and any Markdown reader see it: page
text stays text, tags and block ids are valid, the front matter always
parses, and a folder export never replaces a note."""

from __future__ import annotations

import os
import stat

import pytest
import yaml

from hatchery.services.exports import markdown
from hatchery.services.exports import hatch_markdown, obsidian_tag, page_markdown

HOSTILE_TITLE = "<script>alert(1)</script> # \x00\x1b: - \"quoted\" 'single'\nsecond line"


def page(**changes) -> dict:
    h = {"id": "11111111-1111-4111-8111-111111111111", "exact": "quoted <b>text</b> ^fake",
         "prefix": "", "suffix": "", "start": None, "end": None, "color": "yellow",
         "note": "", "tags": [], "context": None, "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z"}
    h.update(changes.pop("highlight", {}))
    base = {"id": 7, "url": "https://example.org/x", "title": "A page", "site_name": None,
            "byline": None, "published": None, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "highlights": [h]}
    base.update(changes)
    return base


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


@pytest.mark.parametrize(("tag", "expected"), [
    ("c++", "c-plus-plus"), ("node.js", "node-js"), ("1984", "y1984"), ("deep work", "deep-work"),
    ("c#", "c-sharp"), ("AT&T", "AT-and-T"), ("books/fiction", "books/fiction"),
    ("café", "café"), ("---", "tag"), ("2024-01", "y2024-01")])
def test_tags_become_ones_obsidian_accepts(tag, expected):
    assert obsidian_tag(tag) == expected


def test_a_tag_obsidian_cannot_hold_keeps_its_original_spelling_beside_it():
    text = page_markdown(page(highlight={"tags": ["c++", "node.js", "1984"]}))
    assert "tags:: #c-plus-plus #node-js #y1984" in text
    assert 'original_tags:: ["c++", "node.js", "1984"]' in text
    front = front_matter(text)
    assert front["tags"] == ["y1984", "c-plus-plus", "node-js"]
    assert front["original_tags"] == ["1984", "c++", "node.js"]


def test_any_title_gives_front_matter_that_parses_to_the_same_title():
    for title in (HOSTILE_TITLE, "- leading dash", "key: value", "\u2028\x85\ufeff", "🎉 ok"):
        text = page_markdown(page(title=title, byline="O'Brien: \"the\" author"))
        front = front_matter(text)
        assert front["title"] == title
        assert front["author"] == "O'Brien: \"the\" author"


def test_the_block_id_has_a_line_of_its_own_after_the_quote():
    text = page_markdown(page())
    assert "> quoted \\<b\\>text\\</b\\> \\^fake\n\n^h-11111111-1111-4111-8111-111111111111\n" \
        in text


def test_page_text_cannot_become_markup():
    note = "# not a heading\n- not a list\n1. not ordered\n<script>x</script>\n==mark== ^id | t"
    text = page_markdown(page(title="<script>alert(1)</script>",
                              highlight={"note": note, "exact": "# inside\n> deeper"}))
    body = text.split("\n---\n", 1)[1]
    assert "<script>" not in body
    assert "# \\<script\\>alert(1)\\</script\\>" in body
    for line in body.splitlines():
        assert not line.startswith(("#", "-", "1.", "<", "==")) or line.startswith("# \\<")
    assert "> \\# inside\n> \\> deeper" in body
    assert "\\- not a list" in body and "1\\. not ordered" in body
    assert "\\=\\=mark\\=\\= \\^id \\| t" in body


def test_a_url_cannot_break_out_of_its_autolink():
    text = page_markdown(page(url="https://example.org/a>b <c>\n[x](javascript:alert(1))"))
    source = next(line for line in text.splitlines() if line.startswith("Source:"))
    assert source.count("<") == 1 and source.count(">") == 1 and source.endswith(">")


def test_a_folder_export_never_replaces_a_note(tmp_path):
    folder = tmp_path / "vault"
    first = markdown.write_folder([page()], folder)
    first[0].write_text("my own edits", encoding="utf-8")
    second = markdown.write_folder([page()], folder)
    assert first[0].read_text(encoding="utf-8") == "my own edits"
    assert second[0].name == "A page (2).md"
    assert markdown.write_folder([page()], folder)[0].name == "A page (3).md"
    replaced = markdown.write_folder([page()], folder, overwrite=True)
    assert replaced == first and "my own edits" not in first[0].read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(second[0]).st_mode) == 0o600


def test_a_hatch_is_rendered_again_from_its_structure_not_its_stored_markdown():
    result = {"title": "T", "introduction": [{"text": "<script>x</script>", "cites": [1]}],
              "sections": [], "threads": [], "advice": [], "conclusion": [],
              "citations": [{"n": 1, "source_id": 1, "highlight_id": None,
                             "url": "https://e.org/>x", "title": "E"}],
              "markdown": "<script>stored</script>"}
    text = hatch_markdown({"id": 1, "title": "T", "result": result})
    assert "stored" not in text and "<script>" not in text
    assert "\\<script\\>x\\</script\\>" in text and "(<https://e.org/%3Ex>)" in text


def test_a_stored_hatch_without_its_structure_is_still_escaped():
    text = hatch_markdown({"id": 1, "title": "<i>T</i>",
                           "result": {"markdown": "<script>stored</script>",
                                      "advice": [{"text": "<b>do</b>", "cites": [1]}]}})
    assert "stored" not in text and "<" not in text.replace("\\<", "")
