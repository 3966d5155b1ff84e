"""One stored hatch as Markdown.

Never the Markdown string a hatch was stored with: an imported file could
put anything there. The hatch is rebuilt from its structure and rendered
again by `hatch.render`, which escapes page text; a stored hatch whose
structure cannot be read (from before hatches kept it whole) gets a plain
rendering of the parts it has, escaped the same way.
"""

from __future__ import annotations

import logging

from ...hatch import Hatch
from ...hatch.render import escape, link

LOGGER = logging.getLogger(__name__)


def readable_hatch(result: object) -> Hatch | None:
    """The hatch a stored (or imported) result describes, or None when it
    lacks the structure to render it from.

    :param result: a hatch's stored `result` (as `Hatch.to_dict()` gives it)
    """
    if not isinstance(result, dict):
        return None
    try:
        return Hatch.from_dict(result)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def hatch_markdown(hatch: dict) -> str:
    """One stored hatch as Markdown, rendered from its structure.

    :param hatch: the store's hatch dict (title, result, ...)
    """
    result = hatch.get("result") or {}
    rebuilt = readable_hatch({"title": hatch["title"], **result})
    if rebuilt is not None:
        return rebuilt.markdown.rstrip() + "\n"
    LOGGER.info("hatch %s has no complete structure; rendering its parts", hatch.get("id"))
    return _plain(hatch["title"], result)


def _plain(title: str, result: dict) -> str:
    lines = [f"# {_line(title)}", ""]

    def prose(sentences) -> str:
        return " ".join(f"{escape(str(s.get('text', '')))}{_cites(s.get('cites'))}"
                        for s in sentences or [] if isinstance(s, dict))

    if result.get("introduction"):
        lines += [prose(result["introduction"]), ""]
    for section in result.get("sections") or []:
        if isinstance(section, dict):
            lines += [f"## {_line(section.get('title') or '')}", ""]
            lines += [f"{prose(p)}\n" for p in section.get("paragraphs") or []]
    if result.get("advice"):
        lines += ["## Advice", ""] + [f"- {prose([s])}" for s in result["advice"]] + [""]
    if result.get("conclusion"):
        lines += ["## Conclusion", "", prose(result["conclusion"]), ""]
    citations = [c for c in result.get("citations") or [] if isinstance(c, dict)]
    if citations:
        lines += ["## Sources", ""]
        lines += [f"{_number(c.get('n'))}. [{_line(c.get('title') or c.get('url') or '')}]"
                  f"(<{link(str(c.get('url') or ''))}>)" for c in citations]
    return "\n".join(lines).rstrip() + "\n"


def _line(text: object) -> str:
    return escape(" ".join(str(text).split()))


def _number(n: object) -> str:
    return str(n) if isinstance(n, int) else "-"


def _cites(numbers) -> str:
    if not isinstance(numbers, list):
        return ""
    return "".join(f" [{n}]" for n in numbers if isinstance(n, int))
