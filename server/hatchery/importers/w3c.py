"""The parts of a W3C Web Annotation (https://www.w3.org/TR/annotation-model/)
as Hatchery sees them: what a target points at, and what a body says.

Every form of the model is read: a target as an IRI, an external resource,
a SpecificResource with selectors (refined or not), several targets, or a
Composite/List/Independents of them; a body as an IRI, a TextualBody, a
`bodyValue`, a Choice (its first item is the default), a tagging body
(text or link), or a set of bodies. What is not a passage of text comes
back with the reason it cannot be a highlight.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup

# Types that wrap several resources (targets or bodies).
SETS = {"Composite", "List", "Independents", "oa:Composite", "oa:List", "oa:Independents"}
CHOICES = {"Choice", "oa:Choice"}
MEDIA = {"Image": "an image", "Video": "a video", "Sound": "a sound", "Audio": "a sound",
         "Dataset": "a data set", "Model": "a 3D model"}
# A selector nested this deep (refinedBy of refinedBy ...) is not a real one.
MAX_REFINEMENTS = 8


@dataclass
class Passage:
    """A target that is a passage of text on a page."""

    url: object
    title: str
    quote: dict
    position: dict
    style: str | None


@dataclass
class Bodies:
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def types(node: object) -> set[str]:
    """The `type` (or `@type`) of a node, as a set: it may be a list."""
    if not isinstance(node, dict):
        return set()
    kind = node.get("type", node.get("@type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def is_annotation(node: object) -> bool:
    return bool(types(node) & {"Annotation", "oa:Annotation",
                               "http://www.w3.org/ns/oa#Annotation"})


def node_id(node: object) -> str | None:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        value = node.get("id", node.get("@id"))
        return value if isinstance(value, str) else None
    return None


def expand(value: object) -> list:
    """A value that may be one item, a list, or a Composite/List set, as a
    flat list of its items."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    flat: list = []
    for item in items:
        if types(item) & SETS:
            flat.extend(expand(item.get("items")))
        else:
            flat.append(item)
    return flat


def passage(target: object) -> Passage | str:
    """A target as a Passage, or the reason it is not one."""
    if isinstance(target, str):
        return "it annotates a whole resource, not a passage of text"
    if not isinstance(target, dict):
        return "its target is not a resource"
    if "source" not in target:
        media = next((MEDIA[t] for t in types(target) if t in MEDIA), None)
        if media:
            return f"it annotates {media}, not a passage of text"
        return "it annotates a whole resource, not a passage of text"
    source = target["source"]
    title = source.get("title") if isinstance(source, dict) else None
    selectors = _flat_selectors(target.get("selector"))
    quote = next((s for s in selectors if types(s) & {"TextQuoteSelector"}
                  and isinstance(s.get("exact"), str) and s["exact"].strip()), None)
    if quote is None:
        return _why_no_quote(selectors, source)
    # Kept as given: the W3C unit (code points) is the one we store. A tool
    # counting UTF-16 units (Hypothesis) differs only after emoji, and a
    # position is only a hint the extension checks against the quote.
    position = next((s for s in selectors if types(s) & {"TextPositionSelector"}), {})
    style = target.get("styleClass")
    return Passage(url=node_id(source), title=title if isinstance(title, str) else "",
                   quote=quote, position=position, style=style if isinstance(style, str) else None)


def _flat_selectors(value: object) -> list[dict]:
    """Selectors with every `refinedBy` chain laid out after its parent."""
    flat: list[dict] = []
    for selector in expand(value):
        depth = 0
        while isinstance(selector, dict) and depth < MAX_REFINEMENTS:
            flat.append(selector)
            selector, depth = selector.get("refinedBy"), depth + 1
    return flat


def _why_no_quote(selectors: list[dict], source: object) -> str:
    kinds = [t for s in selectors for t in types(s)]
    if not kinds:
        media = next((MEDIA[t] for t in types(source) if t in MEDIA), None)
        return f"it annotates {media or 'a whole resource'}, not a passage of text"
    if "SvgSelector" in kinds or any(str(s.get("value", "")).startswith(("xywh=", "t="))
                                     for s in selectors):
        return "it marks a region of an image or a moment of a video, not text"
    if "TextPositionSelector" in kinds:
        return "it gives only a text position, not the quoted text"
    return f"its selector ({kinds[0][:40]}) gives no quoted text"


def bodies(annotation: dict) -> Bodies:
    """Notes and tags from every body of an annotation."""
    found = Bodies()
    motivation = annotation.get("motivation")
    tagging_all = motivation == "tagging" or (isinstance(motivation, list) and
                                              "tagging" in motivation)
    values = expand(annotation.get("body"))
    if isinstance(annotation.get("bodyValue"), str):
        values.append({"type": "TextualBody", "value": annotation["bodyValue"]})
    for body in values:
        if types(body) & CHOICES:
            options = expand(body.get("items"))
            if not options:
                continue
            body = options[0]  # the model's default choice
        _one_body(found, body, tagging_all)
    found.tags = list(dict.fromkeys(t for t in found.tags if t))
    return found


def _one_body(found: Bodies, body: object, tagging_all: bool) -> None:
    purpose = body.get("purpose") if isinstance(body, dict) else None
    purposes = set(purpose if isinstance(purpose, list) else [purpose])
    tagging = "tagging" in purposes or (tagging_all and not purposes - {None})
    if isinstance(body, dict) and isinstance(body.get("value"), str):
        value = body["value"]
        if "html" in str(body.get("format", "")):
            value = " ".join(BeautifulSoup(value, "html.parser").get_text(" ").split())
        (found.tags if tagging else found.notes).append(value.strip())
        return
    link = node_id(body.get("source") if isinstance(body, dict) and "source" in body else body)
    if link is None:
        return
    if tagging:  # a semantic tag: the name at the end of its IRI
        found.tags.append(link.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    else:
        found.notes.append(link)
