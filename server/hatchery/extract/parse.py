"""Raw page (str or bytes) -> lxml tree, bounded in size and never raising
past `parse_html`'s documented `PageError`."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .heavy import strip_heavy

# A capture posts the page the browser rendered; real articles are well under
# this. Past it we first drop scripts, styles and comments (what makes most
# huge pages huge), then cut the rest, so a 30 MB page costs a bounded time.
MAX_HTML_CHARS = 1_000_000

# Bytes of the head searched for a <meta charset> declaration.
CHARSET_SNIFF_BYTES = 4096

# Share of control or replacement characters above which input is not text.
MAX_JUNK_RATIO = 0.1

# lxml.html's own parser picks each element's Python class with a lookup
# written in Python, called whenever an element is touched (over a hundred
# thousand times on a large page); ours is the same HtmlElement classes
# picked by lxml's C default lookup (no form-field classes, which we never
# use: form controls are removed).
_UTF8_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True,
                                remove_pis=True)
_UTF8_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_JUNK_RE = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
# Characters XML (and so lxml's text nodes) cannot hold. A few stray ones in
# an otherwise good page made readability fail outright; dropping them keeps
# the article.
_XML_INVALID_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class PageError(ValueError):
    """The input cannot be read as an HTML page; the message says why."""


def decode_html(raw: str | bytes) -> str:
    """Bytes -> str: BOM, then `<meta charset>`, then UTF-8, then cp1252."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, (bytes, bytearray)):
        raise PageError(f"expected str or bytes, got {type(raw).__name__}")
    raw = bytes(raw)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"),
                          (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, "replace")
    match = _META_CHARSET_RE.search(raw[:CHARSET_SNIFF_BYTES])
    if match:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            declared = None
        # Pages declare latin-1 and mean windows-1252, as browsers assume.
        if declared in ("latin-1", "iso8859-1", "ascii"):
            declared = "cp1252"
        if declared and declared != "utf-8":
            try:
                return raw.decode(declared)
            except UnicodeDecodeError:
                pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_JUNK_RE.findall(sample)) > MAX_JUNK_RATIO * len(sample)


def shrink_html(text: str) -> str:
    """Bound the size of a page before parsing it."""
    if len(text) <= MAX_HTML_CHARS:
        return text
    text = strip_heavy(text)
    return text[:MAX_HTML_CHARS]


def parse_html(raw: str | bytes) -> lxml.html.HtmlElement:
    """Parse a page into an lxml tree; raise PageError when there is none."""
    text = decode_html(raw)
    if not text.strip():
        raise PageError("empty page")
    if _looks_binary(text):
        raise PageError("not an HTML page (binary data)")
    text = _XML_INVALID_RE.sub("", shrink_html(text))
    # Parse UTF-8 bytes: lxml refuses str input carrying an encoding declaration.
    data = text.encode("utf-8", "replace")
    try:
        root = lxml.html.document_fromstring(data, parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise PageError(f"unparseable page: {exc}") from exc
    if root is None:
        raise PageError("unparseable page")
    return root
