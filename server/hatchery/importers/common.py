"""What every importer shares: the error that names a bad record, field
checks, colours, timestamps and stable ids."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..contract.limits import COLORS
from ..errors import HatcheryError
from ..store import ImportPage

# Names other tools use for colours we have under another name.
COLOR_SYNONYMS = {"red": "pink", "orange": "yellow", "purple": "pink", "violet": "pink",
                  "magenta": "pink", "cyan": "blue", "teal": "green", "lime": "green"}

# Ids for highlights from other tools: the same record always gets the same
# UUID, which is what makes importing a file twice add nothing.
IMPORT_NAMESPACE = uuid.UUID("6f1c2b2e-8d7a-4f0e-9a53-2f5d1c7b8e41")


class ImportFailed(HatcheryError):
    """The file cannot be imported; nothing was. The message names the
    record and the reason."""

    status = 422
    code = "bad_import"


@dataclass
class ParsedImport:
    """An import file read and checked, not yet stored."""

    format: str
    pages: list[ImportPage] = field(default_factory=list)
    hatches: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return len(self.pages) + sum(len(p.highlights) for p in self.pages) + len(self.hatches)


def fail(record: str, reason: str) -> ImportFailed:
    return ImportFailed(f"{record}: {reason}. Nothing was imported.")


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def text(record: str, data: dict, name: str, *, required: bool = False) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise fail(record, f"`{name}` is missing")
        return ""
    if not isinstance(value, str):
        raise fail(record, f"`{name}` must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise fail(record, f"`{name}` is empty")
    return value


def optional_int(record: str, data: dict, name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(record, f"`{name}` must be a whole number of at least 0")
    return value


def tag_list(record: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [t for t in re.split(r"[,\n]", value)]
    if not isinstance(value, list):
        raise fail(record, "`tags` must be a list of text")
    tags = []
    for tag in value:
        if isinstance(tag, dict):  # {"name": "..."} as some exports write them
            tag = tag.get("name") or tag.get("value")
        if not isinstance(tag, str):
            raise fail(record, "`tags` must be a list of text")
        if tag.strip():
            tags.append(tag.strip())
    return list(dict.fromkeys(tags))


def color(value: object) -> str:
    """A colour from another tool as one of ours; unknown ones are yellow."""
    if not isinstance(value, str):
        return "yellow"
    name = value.strip().lower()
    if name in COLORS:
        return name
    if name in COLOR_SYNONYMS:
        return COLOR_SYNONYMS[name]
    match = re.fullmatch(r"#?([0-9a-f]{6})", name)
    if match:
        return _nearest_color(match.group(1))
    return "yellow"


def _nearest_color(hex_value: str) -> str:
    r, g, b = (int(hex_value[i:i + 2], 16) for i in (0, 2, 4))
    palette = {"yellow": (253, 230, 138), "green": (187, 247, 208), "blue": (191, 219, 254),
               "pink": (251, 207, 232)}
    return min(palette, key=lambda n: sum((a - c) ** 2 for a, c in zip((r, g, b), palette[n])))


def timestamp(record: str, value: object) -> str | None:
    """An ISO 8601 time as ours (UTC, seconds, Z); None when absent."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise fail(record, "a date must be ISO 8601 text")
    raw = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise fail(record, f"{value!r} is not an ISO 8601 date") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_url(record: str, value: object) -> str:
    """A page's address: an http(s) URL is normalised like a capture's;
    other schemes (urn:, a PDF's fingerprint) are kept as they are."""
    from ..urls import is_web_url, normalize_url

    if not isinstance(value, str) or not value.strip():
        raise fail(record, "the page's URL is missing")
    value = value.strip()
    if is_web_url(value):
        return normalize_url(value)
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        raise fail(record, f"{value!r} is not a URL")
    return value
