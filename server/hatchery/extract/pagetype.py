"""What kind of page this is: documentation, forum, product, service,
listing or article.

The type decides what a reader calls the content (every section of a doc
page, the description and specs of a product, the cards of a listing). It
is read, strongest evidence first, from what the page says it is (schema.org
types in JSON-LD or microdata, og:type), then from the shape of its URL,
then from the shape of its DOM. "article" is the default.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .metadata import Metadata, collapse

PAGE_TYPES = ("documentation", "forum", "product", "service", "listing",
              "article")

# schema.org types (lower-cased) per page type, checked in this order: a
# product page lists related items, a thread page is also a WebPage.
SCHEMA_TYPES = (
    ("forum", {"qapage", "discussionforumposting", "question", "answer"}),
    ("product", {"product", "productgroup", "productmodel", "vehicle"}),
    ("documentation", {"techarticle", "apireference"}),
    ("article", {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                 "analysisnewsarticle", "opinionnewsarticle", "recipe",
                 "liveblogposting", "scholarlyarticle", "howto"}),
    ("listing", {"collectionpage", "itemlist", "searchresultspage",
                 "offercatalog"}),
    ("service", {"service", "professionalservice", "financialproduct"}),
)

OG_TYPES = {"product": "product", "product.item": "product",
            "product.group": "product", "article": "article"}

# A path segment (or host label, for "docs.") per page type.
URL_SEGMENTS = (
    ("documentation", {"docs", "doc", "documentation", "reference", "manual",
                       "api", "guide", "guides", "handbook", "kb"}),
    ("forum", {"forum", "forums", "thread", "threads", "t", "topic", "topics",
               "questions", "discussion", "discussions", "community"}),
    ("product", {"product", "products", "dp", "produkt"}),
    ("listing", {"category", "categories", "collections", "collection", "tag", "tags", "shop", "catalog", "catalogue", "search"}),
    ("service", {"services", "service", "leistungen"}),
)
DOCS_HOSTS = ("docs.", "developer.", "developers.", "wiki.")
DOCS_HOST_SUFFIXES = (".readthedocs.io", ".gitbook.io")

# DOM shape: this many sibling cards of one class, each a title and a short
# text, make a listing when they hold this share of the page's text (a
# "related posts" grid under an article does not).
MIN_CARDS = 4
MIN_CARDS_TEXT_SHARE = 0.4
# A card has at most this many children; only the first cards are checked.
MAX_CARD_CHILDREN = 8
MAX_CARDS_CHECKED = 8

# Children of <body> whose text a reader does not see.
_UNSEEN_TAGS = {"script", "style", "noscript", "template"}
_SEGMENT_RE = re.compile(r"[^/]+")
_ITEMTYPE_RE = re.compile(r"schema\.org/(\w+)")


def _declared(meta: Metadata, root) -> str | None:
    types = set(meta.schema_types)
    for el in root.iterfind(".//*[@itemtype]"):
        types.update(t.lower() for t in _ITEMTYPE_RE.findall(el.get("itemtype")))
    for kind, names in SCHEMA_TYPES:
        if types & names:
            return kind
    return OG_TYPES.get(meta.og_type) if meta.og_type != "article" else None


def _from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host.startswith(DOCS_HOSTS) or host.endswith(DOCS_HOST_SUFFIXES):
        return "documentation"
    segments = [s.lower() for s in _SEGMENT_RE.findall(parts.path)[:-1]
                ] if parts.path.count("/") > 1 else []
    for kind, names in URL_SEGMENTS:
        if names.intersection(segments):
            return kind
    return None


def card_groups(root) -> list[list]:
    """Groups of sibling cards: elements of one class, each holding a
    heading or link (its title) and little else, at least MIN_CARDS of them.

    :param root: a parsed page or part of one.
    """
    groups = []
    for parent in root.iter("ul", "ol", "div", "section", "main"):
        if len(parent) < MIN_CARDS:
            continue
        by_class: dict[str, list] = {}
        for child in parent:
            cls = child.get("class") if isinstance(child.tag, str) else None
            if cls:
                by_class.setdefault(cls, []).append(child)
        for cards in by_class.values():
            if len(cards) >= MIN_CARDS and all(
                    _is_card(c) for c in cards[:MAX_CARDS_CHECKED]):
                groups.append(cards)
    return groups


def _is_card(el) -> bool:
    """A link (the item's title) and a little text."""
    return el.find(".//a") is not None and len(el) <= MAX_CARD_CHILDREN


def classify_page(root, meta: Metadata, url: str | None = None) -> str:
    """The page's type, one of PAGE_TYPES.

    :param root: the freshly parsed page (scripts and microdata still in it).
    :param meta: its metadata, as `read_metadata` read it.
    :param url: the page's address, if known.
    """
    kind = _declared(meta, root) or _from_url(url)
    if kind:
        return kind
    if meta.og_type == "article":
        return "article"
    body = root.find("body")
    body = root if body is None else body
    groups = card_groups(body)
    if not groups:  # the common answer, before reading the page's text
        return "article"
    total = sum(len(collapse(child.text_content())) for child in body
                if child.tag not in _UNSEEN_TAGS) or 1
    for cards in groups:
        text = sum(len(collapse(c.text_content())) for c in cards)
        if text >= MIN_CARDS_TEXT_SHARE * total:
            return "listing"
    return "article"
