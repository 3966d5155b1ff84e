"""The one place readability-lxml is called.

`ReadableDocument` feeds readability a tree we already parsed and cleaned,
and takes its result back as an lxml element instead of serialised HTML, so
the page is parsed once and never re-serialised.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree
from lxml.html import fragment_fromstring
from readability import Document
from readability.readability import clean as readability_clean

from .metadata import collapse

LOGGER = logging.getLogger(__name__)

# readability retries without its "ruthless" pass when the result is shorter
# than this; we measure the text, not the HTML, so a shorter bar is the same.
RETRY_TEXT_CHARS = 150


# A list with more of its text in links than this is navigation, left to
# readability's own judgement.
MAX_LIST_LINK_DENSITY = 0.3


# Class/id fragments readability should score down, on top of its own list:
# side columns and "about the site/author" boxes (not removed outright: a
# class like "inside" or "about-this-recipe" can hold the article).
NEGATIVE_KEYWORDS = ["side", "about", "bio"]

# readability's divToPElementsRe, as tag prefixes, and the tags its div
# rewrite treats as inline.
_BLOCK_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "pre", "table",
                   "ul")
_INLINE_TAGS = {"a", "b", "cite", "code", "em", "font", "i", "small", "span",
                "strong", "sub", "sup", "u"}

# The tags readability's score_paragraphs asks for.
_SCORED_TAGS = ("p", "pre", "td", "blockquote")


# The element left where readability took (part of) the article from.
PLACEHOLDER_TAG = "hatchery-article"


@dataclass
class Taken:
    """Where readability took its article from: a placeholder where the
    chosen element was, and (placeholder, element) for each segment it
    merged in from elsewhere in the page."""

    placeholder: object
    segments: list = field(default_factory=list)


def _leave_placeholder(parent, before):
    """A placeholder in `parent`, before `before` if it is still there."""
    placeholder = parent.makeelement(PLACEHOLDER_TAG)
    if before is not None and before.getparent() is parent:
        before.addprevious(placeholder)
    else:
        parent.append(placeholder)
    return placeholder


def _is_block(el) -> bool:
    """What readability's divToPElementsRe finds: a tag starting with one
    of its block names (the regex matches "<p" in "<picture" too)."""
    return isinstance(el.tag, str) and el.tag.lower().startswith(_BLOCK_PREFIXES)


def _elements_holding_blocks(root) -> set:
    """Every element with a block (see `_is_block`) among its descendants,
    found by marking each block's ancestors once."""
    holding: set = set()
    for el in root.iter(etree.Element):
        if not _is_block(el):
            continue
        for ancestor in el.iterancestors():
            if ancestor in holding:
                break
            holding.add(ancestor)
    return holding


def _text_length(el) -> int:
    """Characters of text with each run of whitespace as one space."""
    return len(" ".join(el.text_content().split()))


class _Summary(str):
    """readability's summary as text, carrying the article element along."""

    node = None


class ReadableDocument(Document):
    """readability's Document over a tree produced by `prepare()`.

    :param prepare: returns a fresh, cleaned lxml tree each time it is called
        (readability mutates the tree and re-reads the page when it retries).
    """

    def __init__(self, prepare: Callable, url: str | None = None) -> None:
        super().__init__("", url=url, retry_length=RETRY_TEXT_CHARS,
                         negative_keywords=NEGATIVE_KEYWORDS)
        self._prepare = prepare
        self.placeholder = None
        self.segments: list = []

    def _parse(self, input):  # noqa: A002 - readability's signature
        doc = self._prepare()
        self.placeholder = None  # a retry starts from a fresh tree
        self.segments = []
        if self.url:
            try:
                doc.make_links_absolute(self.url, resolve_base_href=True,
                                        handle_failures="discard")
            except ValueError:
                pass
        return doc

    def tags(self, node, *tag_names):
        """readability scores paragraphs, pre, td and blockquote; list items
        are scored too, so a page written as a list is found."""
        if tag_names == _SCORED_TAGS:
            tag_names = tag_names + ("li",)
        return super().tags(node, *tag_names)

    def score_paragraphs(self):
        """readability's paragraph scoring, the same scores without the
        debug line it formats (describing each candidate's ancestry) for
        every candidate whether or not debug logging is on."""
        candidates: dict = {}
        for elem in self.tags(self._html(), *_SCORED_TAGS):
            parent = elem.getparent()
            if parent is None:
                continue
            grand = parent.getparent()
            inner_text = readability_clean(elem.text_content() or "")
            if len(inner_text) < self.min_text_length:
                continue
            for node in (parent, grand):
                if node is not None and node not in candidates:
                    candidates[node] = self.score_node(node)
            score = 1 + len(inner_text.split(",")) + min(len(inner_text) / 100, 3)
            candidates[parent]["content_score"] += score
            if grand is not None:
                candidates[grand]["content_score"] += score / 2.0
        for elem, candidate in candidates.items():
            candidate["content_score"] *= 1 - self.get_link_density(elem)
        return candidates

    def get_link_density(self, elem):
        """readability's link density, with lengths measured by splitting
        on whitespace instead of three regex passes over each text (it is
        asked for every scored element and every link in it)."""
        links = sum(_text_length(a) for a in elem.iterdescendants("a"))
        return links / max(_text_length(elem), 1)

    def transform_misused_divs_into_paragraphs(self):
        """readability's rewrite of text-only <div>s into <p>s, deciding
        "holds a block" from one pass over the tree instead of serialising
        every div's subtree to search it with a regex (quadratic in depth,
        and most of readability's time on a large page)."""
        holding = _elements_holding_blocks(self.html)
        for elem in list(self.html.iter("div")):
            if elem not in holding:
                elem.tag = "p"
        for elem in list(self.html.iter("div")):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                paragraph = fragment_fromstring("<p/>")
                paragraph.text, elem.text = elem.text, None
                elem.insert(0, paragraph)
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if (child.tag not in _INLINE_TAGS or child in holding
                        or _is_block(child)):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text, child.tail = child.tail, None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def get_preserved_elements(self, node):
        """readability drops short lists (ingredients, steps of two words);
        keep every list that is not mostly links, since page menus and link
        lists were removed before readability ran."""
        allowed = super().get_preserved_elements(node)
        for tag in ("ul", "ol", "dl"):
            for elem in node.iter(tag):
                if (self.get_link_density(elem) <= MAX_LIST_LINK_DENSITY
                        and elem.text_content().strip()):
                    allowed[elem] = True
        return allowed

    def get_article(self, candidates, best_candidate, html_partial=False):
        """readability's article, with placeholders left where it took its
        parts from (readability moves them out of the page: the chosen
        element, its kept siblings, segments merged from elsewhere), so
        `assemble.widen` can put the article back among what it left out."""
        best = best_candidate["elem"]
        parent = best.getparent()
        if parent is None:
            return super().get_article(candidates, best_candidate, html_partial)
        siblings = list(parent)
        spots = [(el, el.getparent(), el.getnext()) for el in candidates
                 if el is not best and el.getparent() is not None]
        output = super().get_article(candidates, best_candidate, html_partial)
        moved = [el for el in siblings if el.getparent() is output]
        if moved:
            later = next((el for el in siblings[siblings.index(moved[0]):]
                          if el.getparent() is parent), None)
            self.placeholder = _leave_placeholder(parent, later)
        self.segments = [(_leave_placeholder(old, nxt), el)
                         for el, old, nxt in spots
                         if el.getparent() is not old and el not in moved
                         and old.getparent() is not None]
        return output

    def get_clean_html(self):
        summary = _Summary(collapse(self.html.text_content()))
        summary.node = self.html
        return summary


def readable_element(prepare: Callable, url: str | None = None
                     ) -> tuple[object, Taken | None]:
    """The article element readability picks (None when it fails) and
    where in the page it took it from (None when readability fell back to
    the whole body).
    """
    doc = ReadableDocument(prepare, url)
    try:
        summary = doc.summary(html_partial=True)
    except Exception as exc:  # readability raises Unparseable and worse
        LOGGER.warning("readability failed on %s: %s", url or "page", exc)
        return None, None
    taken = Taken(doc.placeholder, doc.segments) if doc.placeholder is not None else None
    return getattr(summary, "node", None), taken
