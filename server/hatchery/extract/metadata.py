"""Page metadata: title, byline, site name, language, date, lead image, and
the JSON-LD article body when a page ships one."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree

LOGGER = logging.getLogger(__name__)

# Separators sites put between a headline and their name in <title>.
TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")

# JSON-LD types that describe an article (schema.org CreativeWork family).
ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle",
    "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "techarticle", "scholarlyarticle", "report",
    "socialmediaposting", "liveblogposting", "webpage", "review", "recipe",
    "howto", "posting", "creativework",
}

# A script holding JSON-LD larger than this is not parsed (bounded time).
MAX_JSONLD_CHARS = 1_000_000

# Elements looked at for a byline when no meta tag or JSON-LD names one.
MAX_BYLINE_CANDIDATES = 20
_POSTED_BY_RE = re.compile(
    r"(?:^|\b)(?:posted |written )?by\s+(.+?)"
    r"(?:\s+(?:on|at|in|\||-|–|—)\s+.*|[,|•·].*)?$",
    re.I)
# Written date forms read by normalize_date (commas removed first).
_DATE_FORMATS = ("%B %d %Y %I:%M %p", "%B %d %Y", "%b %d %Y %I:%M %p", "%b %d %Y",
                 "%d %B %Y %H:%M", "%d %B %Y", "%d %b %Y %H:%M", "%d %b %Y",
                 "%Y-%m-%d %H:%M", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y")
# Where a byline's name ends: a @handle, a digit (dates), a separator.
_BYLINE_TRAIL_RE = re.compile(r"\s@\w|\s?\d|\s[|•·]\s")
_BY_RE = re.compile(r"^\s*(?:by|von|par|por|door|di|av)\s+", re.I)


def collapse(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip."""
    return " ".join(text.split()) if text else ""


@dataclass
class Metadata:
    title: str = ""
    byline: str | None = None
    site_name: str | None = None
    lang: str | None = None
    published: str | None = None
    image: str | None = None
    jsonld_body: str = ""  # the longest JSON-LD articleBody, if any
    # schema.org @type values of the page's JSON-LD, lower-cased, and its
    # og:type: what the page says it is (read by pagetype.py).
    schema_types: frozenset = frozenset()
    og_type: str = ""


def _meta_index(root) -> dict[str, str]:
    """Every <meta property|name|itemprop=... content=...>, first one wins."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _first(meta: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value:
            return value
    return None


def _jsonld_objects(root) -> list[dict]:
    """Flattened JSON-LD objects of the page (each @graph item on its own)."""
    objects: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            # Broken JSON-LD, or JSON-LD nested past the decoder's recursion
            # limit: the page's metadata goes without it, its article stays.
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
                main = item.get("mainEntity")
                if isinstance(main, (dict, list)):
                    stack.append(main)
    return objects


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _name(value) -> str | None:
    """A person/organisation name from a JSON-LD value (str, dict or list)."""
    if isinstance(value, str):
        return collapse(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _image_url(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _image_url(value[0])
    return None


def _is_url(text: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//", text.strip()))


def clean_title(raw: str, site_name: str | None = None,
                h1: str | None = None) -> str:
    """Drop the " | Site" part of a <title>.

    :param raw: the page title as written.
    :param site_name: the site's name, when known, dropped wherever it sits.
    :param h1: the page's first h1; a title part equal to it wins.
    """
    title = collapse(raw)
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    norm = lambda s: re.sub(r"\W+", "", s).lower()  # noqa: E731
    if h1:
        for part in parts:
            if norm(part) and norm(part) == norm(h1):
                return part
    if site_name:
        site = norm(site_name)
        kept = [p for p in parts if norm(p) and norm(p) != site
                and site not in norm(p)[: len(site)]]
        if kept and len(kept) < len(parts):
            parts = kept
            if len(parts) == 1:
                return parts[0]
    # The headline is the longest part; site names and sections are short.
    return max(parts, key=lambda p: len(p.split())) if parts else title


# Compiled once: lxml compiles a string given to .xpath() on every call.
_BYLINE_XPATH = etree.XPath(
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author") or contains(@class, "meta")'
    ' or contains(@class, "posted")]')


def _byline_from_page(root) -> str | None:
    """The author named in the page: a rel/itemprop author element, or a
    byline-ish element ("By Jane Doe", "Posted by Jane Doe on 2 May")."""
    for el in _BYLINE_XPATH(root)[:MAX_BYLINE_CANDIDATES]:
        text = collapse(el.text_content())
        if not 2 < len(text) <= 120:
            continue
        match = _POSTED_BY_RE.search(text)
        if match:
            return match.group(1).strip()
        classes = (el.get("class") or "").lower()
        if (el.get("rel") == "author" or el.get("itemprop") == "author"
                or "byline" in classes or "author" in classes):
            return text
    return None


def clean_byline(text: str | None) -> str | None:
    """A byline without its "By", handle, date or section trail."""
    if not text:
        return None
    text = _BY_RE.sub("", collapse(text))
    text = _BYLINE_TRAIL_RE.split(text, maxsplit=1)[0].strip(" ,;|-–—·•")
    return text or None


def normalize_date(text: str | None) -> str | None:
    """An ISO 8601 date(time) when `text` is one we can read, else `text`.

    ISO forms (with "Z" or a "+0000" offset) and the common written forms
    ("November 19, 2019", "19 Nov 2019 07:47") are read; anything else is
    kept as the page wrote it, since a date shown raw beats no date.
    """
    text = collapse(text)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()
    except ValueError:
        pass
    bare = re.sub(r"\s+(?:[A-Z]{2,4}|GMT[+-]\d+)$", "", text.replace(",", ""))
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(bare, fmt)
            timed = "%H" in fmt or "%I" in fmt
            return parsed.isoformat() if timed else parsed.date().isoformat()
        except ValueError:
            continue
    return text


def clean_site_name(text: str | None) -> str | None:
    """"Site | tagline" -> "Site"; a URL -> its host."""
    text = collapse(text)
    if _is_url(text) or text.startswith(("www.", "http")):
        text = re.sub(r"^www\.", "", urlsplit(text if "//" in text
                                                 else "//" + text).hostname or "")
    return TITLE_SEPARATOR_RE.split(text)[0].strip() or None


def read_metadata(root, url: str | None = None) -> Metadata:
    """Read metadata from a freshly parsed page (before any cleaning)."""
    meta = _meta_index(root)
    objects = _jsonld_objects(root)
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    article = max(articles, key=lambda o: len(o), default={})

    site_name = _first(meta, "og:site_name", "application-name",
                       "twitter:site") or _name(
        (article.get("publisher") if article else None))
    if site_name and site_name.startswith("@"):
        site_name = site_name[1:]
    if not site_name and url:
        host = urlsplit(url).hostname or ""
        site_name = re.sub(r"^www\.", "", host) or None

    h1_el = next(iter(root.iter("h1")), None)
    h1 = collapse(h1_el.text_content()) if h1_el is not None else ""
    title_el = next(iter(root.iter("title")), None)
    raw_title = collapse(title_el.text_content()) if title_el is not None else ""
    headline = article.get("headline") if article else None
    candidates = [_first(meta, "og:title", "twitter:title"),
                  headline if isinstance(headline, str) else None, raw_title]
    title = next((clean_title(c, site_name, h1) for c in candidates if c
                  and collapse(c)), "") or h1

    byline = (_name(article.get("author")) if article else None) or _first(
        meta, "author", "article:author", "parsely-author", "dc.creator",
        "sailthru.author", "byl")
    if byline and _is_url(byline):
        byline = None
    byline = clean_byline(byline or _byline_from_page(root))

    lang = root.get("lang") or root.get("xml:lang") or _first(
        meta, "content-language", "og:locale", "language", "dc.language")
    if lang:
        lang = lang.split(",")[0].strip().replace("_", "-") or None

    published = (article.get("datePublished") if article else None) or _first(
        meta, "article:published_time", "og:published_time", "published_time",
        "datepublished", "date", "pubdate", "publishdate", "publish-date",
        "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "article.published", "dateCreated".lower())
    if not published:
        for time_el in root.iter("time"):
            published = time_el.get("datetime") or collapse(time_el.text_content())
            if published:
                break
    if published is not None and not isinstance(published, str):
        published = str(published)

    image = _first(meta, "og:image", "og:image:url", "og:image:secure_url",
                   "twitter:image", "twitter:image:src") or (
        _image_url(article.get("image")) if article else None)
    if not image:
        link = root.xpath('//link[@rel="image_src"]/@href')
        image = link[0] if link else None
    if image and url:
        try:
            image = urljoin(url, image)
        except ValueError:
            pass

    bodies = [o.get("articleBody") for o in objects
              if isinstance(o.get("articleBody"), str)]
    jsonld_body = max(bodies, key=len, default="")

    return Metadata(title=title, byline=byline or None,
                    site_name=clean_site_name(site_name), lang=lang,
                    published=normalize_date(published), image=image or None,
                    jsonld_body=jsonld_body,
                    schema_types=frozenset().union(*map(_types, objects)),
                    og_type=(meta.get("og:type") or "").lower())
