"""Is this the highlight we have already? Keys that match the same passage
arriving from two tools or two formats of one tool.

Two ways to be the same highlight:

- the other tool's own id: `foreign_id()` maps it to one stable UUID
  whatever format carried it (Hypothesis' `id` in its JSON is
  `https://hypothes.is/a/<id>` in its JSON-LD), so the store's match on
  highlight id already finds it;
- the same page, the same quoted text and the same position:
  `match_key()`, for the import service to look up among stored
  highlights (and for one file's own repeats, in `ParsedImport.add`).

Pure functions: no store here.
"""

from __future__ import annotations

import re
import uuid

# The namespace of every imported highlight's id (see common.stable_id).
IMPORT_NAMESPACE = uuid.UUID("6f1c2b2e-8d7a-4f0e-9a53-2f5d1c7b8e41")

# An annotation's address in Hypothesis' JSON-LD (and its share links).
HYPOTHESIS_ANNOTATION_URL = re.compile(
    r"https?://(?:hypothes\.is|hyp\.is)/a/(?P<id>[A-Za-z0-9_-]{1,64})/?")


def foreign_id(tool: str, own_id: str) -> str:
    """Our id for a highlight another tool calls `own_id`.

    :param tool: the tool's short name, e.g. "hypothesis"
    :param own_id: its id for the annotation, in whichever form it came
    """
    if tool != "hypothesis":
        return str(uuid.uuid5(IMPORT_NAMESPACE, f"{tool}\x1f{own_id}"))
    match = HYPOTHESIS_ANNOTATION_URL.fullmatch(own_id)
    bare = match["id"] if match else own_id
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"hypothesis\x1f{bare}"))


def quote_key(exact: str) -> str:
    """The quoted text as two tools agree on it: runs of white space as one
    space, case folded."""
    return " ".join(exact.split()).casefold()


def match_key(url: str, exact: str, start: int | None = None) -> str:
    """The key of a passage: page URL (normalised as the importers store
    it), quote, and start offset ("" when unknown).

    :param url: the page's URL as the importer produced it
    :param exact: the highlighted text
    :param start: the passage's start offset in the page text, if known
    """
    return "\x1f".join((url, quote_key(exact), "" if start is None else str(start)))


def match_keys(url: str, exact: str, start: int | None = None) -> tuple[str, ...]:
    """Every key to look a highlight up by, most precise first: with its
    position (when known), then by page and quote alone. The second key
    matches a highlight whose position one side does not know."""
    loose = match_key(url, exact)
    return (match_key(url, exact, start), loose) if start is not None else (loose,)
