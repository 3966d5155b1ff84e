"""Decoding JSON from strangers: a nesting limit, and text SQLite can store.

Python's decoder recurses once per level, so a body of 10,000 `[` ends in
RecursionError deep inside the request; and JSON may spell lone UTF-16
surrogates (`"\\ud800"`) that are valid JSON but not UTF-8. Everything that
decodes JSON from a page or a file goes through `loads`, which refuses the
first with a clear message and repairs the second, without recursing.
"""

from __future__ import annotations

import json
import re
from typing import Any

# No request or export of ours nests deeper than about ten levels; this
# leaves room for other tools' files and stays far from Python's recursion
# limit (1000), whatever the stack already holds.
MAX_DEPTH = 64

# A JSON escape of a UTF-16 surrogate (`\ud800` to `\udfff`): without one,
# and without raw surrogates, no string needs repairing, and `loads` only
# checks the depth (a large import file is mostly strings).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


class TooDeep(ValueError):
    """The JSON nests deeper than MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(f"The JSON is nested more than {MAX_DEPTH} levels deep.")


def loads(text: str | bytes) -> Any:
    """Decode JSON, refusing deep nesting and replacing lone surrogates.

    :param text: the JSON document (bytes are read as UTF-8, -16 or -32)
    :raises TooDeep: it nests more than MAX_DEPTH levels
    :raises ValueError: (json.JSONDecodeError) it is not JSON
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise TooDeep() from None
    return scrub(data, strings=_may_hold_surrogates(text))


def _may_hold_surrogates(text: str | bytes) -> bool:
    if isinstance(text, str):
        return not _is_utf8(text) or bool(_SURROGATE_ESCAPE.search(text))
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:  # UTF-16 or -32: json decodes it with surrogatepass
        return True
    return bool(_SURROGATE_ESCAPE_BYTES.search(text))


def scrub(data: Any, *, strings: bool = True) -> Any:
    """`data` with every lone surrogate (in values and keys) replaced by
    U+FFFD, walked with a stack, not recursion; lists and dicts are changed
    in place.

    :param strings: repair strings; False only checks the depth
    :raises TooDeep: it nests more than MAX_DEPTH levels
    """
    if isinstance(data, str):
        return _clean(data) if strings else data
    if not isinstance(data, (list, dict)):
        return data
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TooDeep()
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, (list, dict)):
                    stack.append((item, depth + 1))
                elif strings and isinstance(item, str):
                    value[i] = _clean(item)
            continue
        if strings:
            for key in [k for k in value if isinstance(k, str) and not _is_utf8(k)]:
                value[_clean(key)] = value.pop(key)
        for key, item in value.items():
            if isinstance(item, (list, dict)):
                stack.append((item, depth + 1))
            elif strings and isinstance(item, str):
                value[key] = _clean(item)
    return data


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clean(text: str) -> str:
    if _is_utf8(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
