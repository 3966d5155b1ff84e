"""Broken-markup recovery, before any element is dropped.

A `<div>` left open inside a header `<button>` makes lxml nest the rest of
the page inside the button (a browser closes the div at `</button>`; lxml
ignores that end tag). Stripping buttons would then take the article with
it, so a button, select or label that holds blocks of text is unwrapped: its
children stay where they are and only the element itself goes.
"""

from __future__ import annotations

# Inline or form elements a page's body can be swallowed by.
SWALLOWING_TAGS = ("button", "select", "label")

# A real button holds a word or two; one holding a paragraph-level block
# with this much text has swallowed the page.
MIN_SWALLOWED_CHARS = 200

_BLOCK_XPATH = ("descendant::*[self::p or self::article or self::main or"
                " self::section or self::h1 or self::h2 or self::ul or"
                " self::table][1]")


def unwrap_swallowing_elements(root) -> int:
    """Unwrap every button/select/label of `root` that holds page blocks.

    :param root: a parsed page, changed in place.
    :returns: how many elements were unwrapped.
    """
    unwrapped = 0
    for tag in SWALLOWING_TAGS:
        for el in list(root.iter(tag)):
            if el.getparent() is None or not el.xpath(_BLOCK_XPATH):
                continue
            if len(" ".join(el.text_content().split())) >= MIN_SWALLOWED_CHARS:
                el.drop_tag()
                unwrapped += 1
    return unwrapped
