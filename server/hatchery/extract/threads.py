"""Forum and Q&A threads: the replies are the content.

On an article page, elements classed "comment" or "reply" are the readers'
comments and go. On a thread (a forum topic, a Q&A page) they are the posts
a reader came for, so the page is recognised first (schema.org types in
JSON-LD or microdata, or several sibling posts holding most of the prose)
and its posts lose the classes that would get them removed, by our rules or
by readability's.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lxml import etree

from .classwords import class_words
from .metadata import collapse

# schema.org types of a thread page or of its posts, lower-cased.
THREAD_TYPES = ("qapage", "discussionforumposting", "\"question\"", "answer")

# JSON-LD looked at for a thread type, per script (bounded time).
MAX_SNIFF_CHARS = 20_000

# Class words of a post in a thread.
POST_WORDS = frozenset("post posts reply replies comment comments answer"
                       " answers message messages".split())

_POST_STEMS = ("post", "repl", "comment", "answer", "message")

# Sibling posts that make a page a thread, and the share of the page's
# text they must hold (a news page's three comments do not).
MIN_SIBLING_POSTS = 3
MIN_POSTS_TEXT_SHARE = 0.5

# A post holds at least this much text (reply buttons and counts do not).
MIN_POST_CHARS = 40

# The class given to a post so no rule mistakes it for a comment box.
POST_CLASS = "hatchery-post"


def _declares_thread(root) -> bool:
    for script in root.iterfind('.//script[@type="application/ld+json"]'):
        if any(t in (script.text or "")[:MAX_SNIFF_CHARS].lower()
               for t in THREAD_TYPES):
            return True
    itemtypes = " ".join(el.get("itemtype") for el in root.iterfind(
        ".//*[@itemtype]")).lower()
    return any(t.strip('"') in itemtypes for t in THREAD_TYPES)


def _post_words(el) -> bool:
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:  # the common, fast answer
        return False
    if not _has_post_stem(f"{cls or ''} {ident or ''}"):
        return False
    return not POST_WORDS.isdisjoint(class_words(el))


@lru_cache(maxsize=4096)
def _has_post_stem(names: str) -> bool:
    names = names.lower()
    return any(word in names for word in _POST_STEMS)


def _sibling_posts(body) -> list:
    """The largest group of same-class siblings named like posts, if they
    hold most of the page's text."""
    groups: Counter = Counter()
    for el in body.iter(etree.Element):
        cls = el.get("class")
        if not cls or not _post_words(el):
            continue
        parent = el.getparent()
        if parent is not None and len(parent) >= MIN_SIBLING_POSTS:
            groups[parent, cls] += 1
    if not groups:
        return []
    (parent, cls), count = groups.most_common(1)[0]
    if count < MIN_SIBLING_POSTS:
        return []
    best = [c for c in parent if c.get("class") == cls]
    total = len(collapse(body.text_content())) or 1
    text = sum(len(collapse(el.text_content())) for el in best)
    return best if text >= MIN_POSTS_TEXT_SHARE * total else []


def keep_thread_posts(root) -> bool:
    """On a thread page, clear the post classes of every post; return
    whether the page is a thread.

    :param root: the parsed page (scripts still in it), changed in place.
    """
    body = root.find("body")
    body = root if body is None else body
    if not (_declares_thread(root) or _sibling_posts(body)):
        return False
    for el in body.iter():
        if (isinstance(el.tag, str) and _post_words(el)
                and len(collapse(el.text_content())) >= MIN_POST_CHARS):
            el.set("class", POST_CLASS)
            el.attrib.pop("id", None)
    return True
