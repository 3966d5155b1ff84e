"""The shapes the store takes in: a highlight to store (from a capture or an
import file), a page from an import file, and the library's filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..contract.limits import DEFAULT_COLOR

# The page columns an import may fill in besides url and title.
IMPORT_PAGE_FIELDS = ("site_name", "byline", "lang", "published", "image", "article_text",
                      "article", "html_hash", "created_at", "updated_at")


@dataclass
class HighlightRecord:
    """A highlight to store: a capture leaves the times empty (they are
    "now"), an import file brings its own.

    :param id: the client's UUID, or a stable id an importer made
    :param context: the located context (HighlightContext as a dict)
    """

    id: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    color: str = DEFAULT_COLOR
    note: str = ""
    tags: Sequence[str] = ()
    context: dict | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass
class ImportPage:
    """A page read from an import file, with its highlights.

    :param id: the page's id in the file (our own exports), kept when free
    :param fields: any of IMPORT_PAGE_FIELDS
    """

    url: str
    title: str = ""
    id: int | None = None
    fields: dict = field(default_factory=dict)
    highlights: list[HighlightRecord] = field(default_factory=list)


@dataclass
class PageFilters:
    """Which highlights a page list counts; empty fields filter nothing.

    :param site: a host name, as in the page's URL
    :param date_from: first day (YYYY-MM-DD) a highlight was made, inclusive
    :param date_to: last day, inclusive
    """

    tag: str = ""
    color: str = ""
    site: str = ""
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return any(vars(self).values())
