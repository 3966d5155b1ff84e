"""Bookmark lists as HTML: Pocket's export (`<li><a href time_added
tags>`) and the Netscape bookmark file Raindrop.io (and every browser)
writes (`<DT><A HREF ADD_DATE TAGS>` with a `<DD>` note). Each link is a
saved page with no highlights; its note is kept as the page's article text
(labelled), since the store has no page notes or page tags yet."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from .common import ParsedImport, fail, page_url, timestamp

NAME_POCKET = "pocket-html"
NAME_NETSCAPE = "bookmarks-html"


def which(content: str) -> str | None:
    head = content[:4000].lower()
    if "netscape-bookmark-file" in head:
        return NAME_NETSCAPE
    if "<title>pocket export</title>" in head:
        return NAME_POCKET
    return None


@dataclass
class _Link:
    href: str
    added: str
    tags: str
    title: str = ""
    note: str = ""


class _Links(HTMLParser):
    """Every `<a>` with its attributes, text and the `<dd>` after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self._in = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "a":
            self.links.append(_Link(href=values.get("href", ""),
                                    added=values.get("time_added") or values.get("add_date", ""),
                                    tags=values.get("tags", "")))
            self._in = "a"
        elif tag == "dd" and self.links:
            self._in = "dd"
        elif tag in ("dt", "li", "h3", "dl"):
            self._in = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "a":
            self.links[-1].title += data
        elif self._in == "dd":
            self.links[-1].note += data


def parse(name: str, content: str) -> ParsedImport:
    parsed = ParsedImport(name)
    reader = _Links()
    reader.feed(content)
    reader.close()
    for i, link in enumerate(reader.links, start=1):
        with parsed.reading(f"link {i}"):
            if not link.href.startswith(("http://", "https://")):
                raise fail(f"link {i} ({link.href[:60]})", "not a web page's address")
            note = link.note.strip()
            parsed.page(page_url(f"link {i}", link.href), " ".join(link.title.split()),
                        created_at=timestamp(link.added),
                        article_text=f"Note: {note}" if note else None)
    return parsed
