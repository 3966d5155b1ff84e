"""Multi-candidate assembly: when readability's one block holds too little
of the page, the blocks around it join it.

readability keeps the best-scoring element and those of its siblings that
score well or are long paragraphs. A documentation page whose sections are
a table, a code sample and a list, or a product page whose description,
specifications and summary sit in separate boxes, scores one box highest
and loses the rest. Here, when what readability kept is a small share of
the text the cleaned page still holds (or the page is a kind whose content
is spread out), we climb from where readability took its article to the
ancestor that holds enough of the page, as long as what each step adds is
text to read rather than links, and put readability's article back in its
place there.
"""

from __future__ import annotations

from .metadata import collapse
from .pagetype import card_groups

# readability's article is "too little" below this share of the text (out
# of links) the cleaned page holds.
MIN_ARTICLE_SHARE = 0.5

# On these page types the content is spread over several boxes (sections,
# description and specifications), so they aim higher.
SPREAD_TYPES = {"documentation": 0.8, "product": 0.8, "service": 0.8}

# A step up is taken only while what it adds has at most this share of its
# text in links (past that it is the page's menus and link lists) and no
# grid of cards (teasers of other pages, each a title link and an excerpt)
# ...
MAX_ADDED_LINK_SHARE = 0.35
# ... and at most this many steps (a page's article sits a few levels below
# the body; higher up are only the page's columns).
MAX_STEPS = 4

_TOP_TAGS = {"body", "html"}


def _text_and_links(el) -> tuple[int, int]:
    text = len(collapse(el.text_content()))
    links = sum(len(collapse(a.text_content())) for a in el.iter("a"))
    return text, min(text, links)


def widen(node, taken, page_chars: int, page_type: str = "article"):
    """readability's article, or the ancestor of where it sat that holds
    enough of the page, with the article put back in its place.

    :param node: readability's article element (None when it failed).
    :param taken: where `readable_element` says the article came from
        (None when readability kept the whole body).
    :param page_chars: the characters of text outside links the cleaned
        page holds (`Cleaned.kept_chars`).
    :param page_type: the page's type, as `classify_page` named it.
    """
    if node is None or taken is None or taken.placeholder.getparent() is None:
        return node
    placeholder = taken.placeholder
    target = SPREAD_TYPES.get(page_type, MIN_ARTICLE_SHARE)
    text, links = _text_and_links(node)
    mine = text - links
    page = max(page_chars, mine)
    if mine >= target * page:
        return node
    best, at = None, placeholder.getparent()
    for _ in range(MAX_STEPS):
        if at is None or at.tag in _TOP_TAGS:
            break
        added_text, added_links = _text_and_links(at)
        if added_links > MAX_ADDED_LINK_SHARE * added_text or card_groups(at):
            break  # menus and link lists, or teasers of other pages
        best = at
        if mine + added_text - added_links >= target * page:
            break
        at = at.getparent()
    if best is None:
        return node
    placeholder.getparent().replace(placeholder, node)
    node.tail = None
    for spot, segment in taken.segments:  # merged segments go home
        if spot.getparent() is not None and any(
                a is best for a in spot.iterancestors()):
            tail = segment.tail
            spot.getparent().replace(spot, segment)
            segment.tail = tail
    return best
