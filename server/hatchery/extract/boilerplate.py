"""Boilerplate removal on the whole page, before readability scores it.

readability-lxml keeps share bars, captions, "related" lists and bylines
when they sit inside the block it picks. Removing them first, by tag and by
the words of their class and id, fixes that and also stops them from
boosting the wrong block's score. Each removed caption or aside is kept as
an ``outside`` block so a highlight made there can still be located.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .blocks import element_blocks
from .classwords import (HOVER_STEMS, class_words, is_boilerplate_name,
                         named_by_ambiguous_words)
from .metadata import collapse
from .model import Block
from .recover import unwrap_swallowing_elements
from .threads import keep_thread_posts

# Tags that never hold article prose.
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas",
             "button", "select", "input", "textarea", "label", "iframe",
             "object", "embed", "head")

# Tags of page furniture; their text is kept as `outside` blocks.
FURNITURE_TAGS = ("nav", "aside", "footer", "figcaption", "dialog")

# Hidden elements the page shows after a click: tab panels and accordions
# (a `hidden` Linux tab on a docs page is still the docs).
REVEALED_WORDS = frozenset("tab tabs tabpanel tabcontent panel accordion"
                           " collapse collapsible".split())

# ARIA roles of page furniture: the labels of a set of tabs name the
# panels (each panel has its own heading), a toolbar holds buttons.
FURNITURE_ROLES = ("tablist", "toolbar", "navigation", "search")

# Embedded posts the author quotes (tweets, Instagram posts) are part of the
# article, and so is their "social-embed" wrapper; readability drops anything
# classed "tweet" or "twitter", so their class is cleared first.
EMBED_MARK = "data-hatchery-embed"
EMBED_RE = re.compile(r"tweet|twitter|instagram|tiktok|bluesky|mastodon", re.I)

# Never remove an element holding more than this share of the page's prose
# (text of paragraphs of PROSE_MIN_CHARS or more): some sites put "sidebar"
# or "comments" in the class of the column that holds the article.
MAX_BOILERPLATE_PROSE_SHARE = 0.3
PROSE_MIN_CHARS = 80
# ... nor one holding more than this share of all the page's text (pages
# that write their article in <div>s and <br>s have no paragraphs).
MAX_BOILERPLATE_TEXT_SHARE = 0.4

# The rules together must leave this much text outside links, or as much
# as they take: less, and they would empty the page (see `_guarded`).
MIN_KEPT_CHARS = 250

# An inline element whose parent has this many more characters than it sits
# in running text, and is never removed for its class alone.
RUNNING_TEXT_CHARS = 20

# A parent of rel="tag" links whose text is at least this much links is a
# tag list, not prose that happens to link a tag.
TAG_LIST_LINK_SHARE = 0.7

# This many sibling <article>s inside an <article> are a list of related
# posts or comments.
MIN_NESTED_ARTICLES = 2
# ... as long as this share of the page's prose is outside them (else they
# are the page: a live blog's posts).
MIN_PROSE_BESIDE_NESTED = 0.15

# `outside` text is kept for locating highlights, not for reading; cap it.
MAX_OUTSIDE_BLOCKS = 300
MAX_OUTSIDE_CHARS = 1000

_PROTECTED_TAGS = {"html", "body", "article", "main"}
_SECTION_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_INLINE_TAGS = {"a", "span", "em", "strong", "b", "i", "u", "time", "abbr",
                "cite", "small", "sup", "sub", "mark", "code", "q", "font"}


def _is_hidden(el) -> bool:
    """Hidden, and not a tab panel or accordion a reader opens."""
    style = el.get("style")
    style = style.replace(" ", "").lower() if style else ""
    if not (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style):
        return False
    return not (el.get("role") == "tabpanel"
                or not REVEALED_WORDS.isdisjoint(class_words(el)))


def _holds_prose(el, lengths: dict) -> bool:
    """An element with a paragraph of prose, or as much text in a block."""
    if prose_chars(el, lengths):
        return True
    text = collapse(el.text_content())
    links = sum(len(collapse(a.text_content())) for a in el.iter("a"))
    return len(text) >= PROSE_MIN_CHARS * 2 and links < 0.5 * len(text)


def _tag_lists(body) -> list:
    """Elements that are lists of rel="tag" links ("Tags: a, b, c")."""
    found = []
    for link in body.iterfind('.//a[@rel="tag"]'):
        parent = link.getparent()
        if parent is None or parent in found or parent.tag in _PROTECTED_TAGS:
            continue
        text = len(collapse(parent.text_content())) or 1
        links = sum(len(collapse(a.text_content())) for a in parent.iter("a"))
        if links / text >= TAG_LIST_LINK_SHARE:
            found.append(parent)
    return found


def _nested_articles(body, lengths: dict, total_prose: int) -> list:
    """<article>s nested in an <article> alongside sibling <article>s.

    The HTML standard has nested articles for content *related* to the outer
    one: comments, "more posts" teasers. Several of them side by side are
    such a list, not the body, unless they are nearly all the page's prose:
    then they are the posts of a live blog.
    """
    found = []
    for outer in body.iter("article"):
        for inner in outer.iterdescendants("article"):
            parent = inner.getparent()
            siblings = [c for c in parent if c.tag == "article"]
            if len(siblings) >= MIN_NESTED_ARTICLES and inner not in found:
                found.append(inner)
    nested = sum(prose_chars(el, lengths) for el in found
                 if not any(a in found for a in el.iterancestors("article")))
    if total_prose - nested < MIN_PROSE_BESIDE_NESTED * total_prose:
        return []
    return found


def _unwrap(el) -> None:
    """Drop wrapper <div>s around `el` that hold nothing else: readability
    judges a wrapper by its class and link density, so a paragraph in a
    <div class="media-paragraph"> or an embedded post (mostly links) would
    go with its wrapper."""
    parent = el.getparent()
    while (parent is not None and parent.tag in ("div", "figure", "span")
           and len(parent) == 1 and not (parent.text or "").strip()
           and not (el.tail or "").strip()):
        grand = parent.getparent()
        if grand is None:
            break
        parent.drop_tag()
        parent = grand


def _in_running_text(el) -> bool:
    """An inline element inside a sentence (`<span class="date">Monday</span>`
    in a paragraph): its class names what it is, not page furniture."""
    if el.tag not in _INLINE_TAGS:
        return False
    parent = el.getparent()
    if parent is None:
        return False
    own = len(collapse(el.text_content()))
    return len(collapse(parent.text_content())) > own + RUNNING_TEXT_CHARS


def _has_furniture_role(el) -> bool:
    """A tab list, toolbar or the like, not wrapped around the panels its
    labels open (some pages put role="tablist" on the whole tab set)."""
    return (el.get("role") in FURNITURE_ROLES
            and el.find('.//*[@role="tabpanel"]') is None)


def _is_hover_card(el) -> bool:
    return any(stem in word for word in class_words(el) for stem in HOVER_STEMS)


def _keep_hover_trigger(el) -> None:
    """Before a hover card goes, move out the link that opens it."""
    if el.tag not in ("span", "a") or not len(el) or (el.text or "").strip():
        return
    first = el[0]
    if first.tag != "a" or not _is_hover_card(el):
        return
    el.remove(first)
    first.tail = None
    el.addprevious(first)


def prose_chars(el, lengths: dict | None = None) -> int:
    """Characters in the paragraphs of `el` long enough to be prose.

    :param lengths: a cache of paragraph lengths shared between calls.
    """
    total = 0
    for p in el.iter("p"):
        n = lengths.get(p) if lengths is not None else None
        if n is None:
            n = len(collapse(p.text_content()))
            if lengths is not None:
                lengths[p] = n
        if n >= PROSE_MIN_CHARS:
            total += n
    return total


def _outermost(doomed: list, lengths: dict, total_text: int,
               total_prose: int) -> list[tuple[object, int]]:
    """The doomed elements each rule may remove on its own (none holding a
    large share of the page), outermost only, with their text lengths."""
    accepted: dict = {}
    for el in doomed:
        if el in accepted:
            continue
        text = len(collapse(el.text_content()))
        if el.tag != "figcaption" and (
                text > MAX_BOILERPLATE_TEXT_SHARE * total_text
                or prose_chars(el, lengths) > MAX_BOILERPLATE_PROSE_SHARE * total_prose):
            continue
        accepted[el] = text
    return [(el, text) for el, text in accepted.items()
            if not any(a in accepted for a in el.iterancestors())]


def _link_chars(el) -> int:
    return sum(len(collapse(a.text_content())) for a in el.iter("a"))


def _guarded(chosen: list[tuple[object, int]], body_text: int, body,
             lengths: dict) -> tuple[list, int]:
    """The removals that leave the page its text.

    Each rule is judged alone above; here they are judged together, by what
    is left once all of them ran (so the comments a later rule removes do
    not count as text the article keeps). When that is less than
    MIN_KEPT_CHARS of text outside links, and less than the rules took, the
    page would come out empty: elements are then removed only when they hold
    no prose, whatever their class says (a builder that classes every block
    "widget", a theme that wraps the post in "modal").

    :param chosen: (element, its text length) for each removal.
    :param body_text: the text length of the whole body.
    :returns: the elements to remove, and the characters of text outside
        links the page keeps once they are gone.
    """
    unlinked = {el: max(0, text - _link_chars(el)) for el, text in chosen}
    page = body_text - _link_chars(body)
    taken = sum(unlinked.values())
    if page - taken >= MIN_KEPT_CHARS or taken <= page - taken:
        return list(unlinked), page - taken
    spared = [el for el in unlinked if el.tag == "figcaption"
              or not _holds_prose(el, lengths)]
    return spared, page - sum(unlinked[el] for el in spared)


@dataclass
class Cleaned:
    """What `remove_boilerplate` took and left: the removed text as short
    `outside` blocks (captions first-class, the rest as paragraphs), and
    the characters of text outside links the page still holds."""

    outside: list[Block]
    kept_chars: int


def remove_boilerplate(root, page_type: str = "article") -> Cleaned:
    """Remove boilerplate from `root` in place.

    :param root: the parsed page, changed in place.
    :param page_type: the page's type, as `classify_page` named it.
    """
    unwrap_swallowing_elements(root)
    keep_thread_posts(root)
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    for quote in root.iter("blockquote"):
        if EMBED_RE.search(quote.get("class") or ""):
            quote.attrib.pop("class", None)
            quote.attrib.pop("id", None)
            quote.set(EMBED_MARK, "")
            _unwrap(quote)
    body = root.find("body")
    if body is None:
        body = root
    lengths: dict = {}
    total_prose = prose_chars(body, lengths) or 1
    total_text = len(collapse(body.text_content())) or 1

    doomed = _tag_lists(body) + _nested_articles(body, lengths, total_prose)
    for el in body.iter(etree.Element):
        tag = el.tag
        if tag in _PROTECTED_TAGS or (not el.keys() and tag not in FURNITURE_TAGS):
            continue  # most elements have no attribute a rule reads
        # Section headings inside a body often carry "subhead" or "headline"
        # classes; they are judged by their tag only.
        named = (tag not in _SECTION_HEADINGS
                 and is_boilerplate_name(el, page_type)
                 and (not _in_running_text(el) or _is_hover_card(el))
                 and not (named_by_ambiguous_words(el)
                          and _holds_prose(el, lengths)))
        if (tag in FURNITURE_TAGS or named or _is_hidden(el)
                or _has_furniture_role(el)):
            if tag != "aside" and el.find(f".//blockquote[@{EMBED_MARK}]") is not None:
                continue
            doomed.append(el)

    chosen, kept_chars = _guarded(
        _outermost(doomed, lengths, total_text, total_prose), total_text, body,
        lengths)
    outside: list[Block] = []
    for el in chosen:
        text = collapse(el.text_content())
        if text and len(outside) < MAX_OUTSIDE_BLOCKS and not _is_hidden(el):
            caption = el.tag == "figcaption" or "caption" in (
                el.get("class") or "").lower()
            for block in element_blocks(el)[:MAX_OUTSIDE_BLOCKS - len(outside)]:
                outside.append(Block("caption" if caption else block.kind,
                                     block.text[:MAX_OUTSIDE_CHARS], block.level))
        _keep_hover_trigger(el)
        el.drop_tree()
    for paragraph in list(body.iter("p")):
        _unwrap(paragraph)
    return Cleaned(outside, kept_chars)
