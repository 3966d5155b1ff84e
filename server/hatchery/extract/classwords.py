"""What an element's class and id say it is.

Boilerplate rules read the words of a class and id (split on anything not
a letter or digit, page-builder structure left out): some words mark page
furniture ("sidebar", "share"), some do on one page type only (a product's
"reviews"), and some name content as often as furniture ("abstract",
"widget"), so an element named by those alone is judged by what it holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Class/id words (split on anything not a letter or digit) that mark
# boilerplate. Exact words, so "ad" does not match "read" or "header".
BOILERPLATE_WORDS = frozenset("""
    ad ads adv advert banner announcement tags tag tagged taglist tagcloud
    respond popular trending mostread
    cookie cookies consent gdpr modal popup overlay notification nocontent
    toolbar sidebar widget widgets masthead
    nav navbar navigation menu submenu
    skip skiplink sronly srtext visuallyhidden
    print email meta postmeta entrymeta articlemeta
    dateline timestamp date dates pubdate posted published updated
    author authors
    dek deck standfirst strapline subtitle kicker
    headline abstract excerpt teaser rating ratings price
""".split())

# Words that are furniture on one page type: a product's reviews and
# upsells are what its buyers and its shop say, not the product (on an
# article, "review" is often the article).
TYPE_BOILERPLATE_WORDS = {
    "product": frozenset("review reviews recommendations upsells upsell"
                         " crosssell".split()),
}
_NONE: frozenset = frozenset()

# Page builders (Elementor, Divi, WPBakery, Gutenberg, Beaver Builder,
# Avada) wrap every block, the article's too, in classes such as
# "elementor-widget-text-editor" or "et_pb_module": their prefix and the
# structural word after it say nothing about the block, so both are dropped
# from the class before it is judged ("elementor-widget-share-buttons" is
# still a share bar).
BUILDER_PREFIXES = ("elementor-", "et_pb_", "et-", "vc_", "wpb_", "wp-block-",
                    "fl-", "fusion-")
BUILDER_STRUCTURE_WORDS = ("widget", "module", "element", "block", "column",
                           "col", "row", "section", "container", "wrap")

# Elementor's theme locations that are page furniture, whatever they hold.
BUILDER_FURNITURE = ("header", "footer", "popup")

# Class words that name content as often as furniture: an element named by
# these alone goes only when it holds no prose (arXiv's abstract is
# <blockquote class="abstract">; "excerpt", "print", "modal" wrap articles).
AMBIGUOUS_WORDS = frozenset("""
    abstract excerpt teaser print overlay modal ad widget widgets
    headline subtitle rating ratings price
""".split())

# Hover cards: an inline link whose card (photo, bio, more links) is hidden
# until hovered. The card goes; the link the reader sees stays.
HOVER_STEMS = ("tooltip", "popover", "hovercard", "rollover")

# Stems found anywhere in a class word, for run-together names
# ("sharebuttons", "relatedPosts", "imageCaption").
BOILERPLATE_STEMS = ("share", "social", "related", "newsletter", "subscri",
                     "advert", "sponsor", "breadcrumb", "comment", "disqus",
                     "recommend", "outbrain", "taboola", "caption", "credit",
                     "byline", "promo", "paywall", "signup", "readmore"
                     ) + HOVER_STEMS

# Words that contain a boilerplate stem but name content ("commentary").
CONTENT_STEMS = ("commentar", "shareholder")

_WORD_RE = re.compile(r"[a-z0-9]+")
_STEM_RE = re.compile("|".join(BOILERPLATE_STEMS))
_CONTENT_RE = re.compile("|".join(CONTENT_STEMS))


def _builder_free(token: str) -> str:
    """A class token without its page-builder prefix and structure word."""
    if not token.startswith(BUILDER_PREFIXES):  # the common, fast answer
        return token
    for prefix in BUILDER_PREFIXES:
        if token.startswith(prefix):
            rest = token[len(prefix):]
            for word in BUILDER_STRUCTURE_WORDS:
                if rest == word or rest.startswith((word + "-", word + "_")):
                    return rest[len(word) + 1:]
            return rest
    return token


def class_words(el) -> tuple[str, ...]:
    """The words of an element's class and id, lower-cased, page-builder
    structure left out."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:  # the common, fast answer
        return ()
    return _words_of(f"{cls or ''} {ident or ''}")


@lru_cache(maxsize=4096)
def _words_of(value: str) -> tuple[str, ...]:
    """class_words of one class-and-id string (a page repeats a few
    hundred of them over thousands of elements, hence the cache)."""
    value = value.lower()
    if len(value) < 3:
        return ()
    value = " ".join(_builder_free(token) for token in value.split())
    return tuple(_WORD_RE.findall(value.replace("sr-only", "sronly")
                                  .replace("visually-hidden", "visuallyhidden")))


def is_boilerplate_name(el, page_type: str = "article") -> bool:
    """True when an element's class or id names page furniture.

    :param page_type: the page's type; some words are furniture on one
        type only (a product's reviews, an article's own review box).
    """
    if el.get("data-elementor-type") in BUILDER_FURNITURE:
        return True
    words = class_words(el)
    if not words:
        return False
    if not BOILERPLATE_WORDS.isdisjoint(words):
        return True
    if not TYPE_BOILERPLATE_WORDS.get(page_type, _NONE).isdisjoint(words):
        return True
    if not _STEM_RE.search(" ".join(words)):  # the common, fast answer
        return False
    return any(_STEM_RE.search(w) and not _CONTENT_RE.search(w) for w in words)


def named_by_ambiguous_words(el) -> bool:
    """Every boilerplate word of its class is one that also names content."""
    found = BOILERPLATE_WORDS.intersection(class_words(el))
    return bool(found) and found <= AMBIGUOUS_WORDS and not _STEM_RE.search(
        " ".join(class_words(el)))
