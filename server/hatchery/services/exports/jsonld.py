"""Our library as a W3C Web Annotation collection (JSON-LD).

What the W3C model requires and JSON-LD 1.0 processors accept:

- the collection and its one page each have an `id` (`urn:uuid:`, stable
  for one install and one export time), the page names its collection in
  `partOf`;
- `generator` is a `Software` node with an IRI, a name and a homepage;
- the second context is plain JSON-LD 1.0 (no `@version`, no `@json`): the
  terms only our importer reads, `hatchery:pages` (each page's metadata
  and article) and `hatchery:context` (a highlight's located context), are
  mapped to null, so a JSON-LD processor drops them instead of reading
  their JSON as linked data;
- every IRI (page addresses, ids) is a valid URI (`urls.as_uri`).
"""

from __future__ import annotations

import re
import uuid

from ... import __version__
from ...urls import as_uri

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Terms the Web Annotation context lacks: the page title (Dublin Core), and
# what makes our own JSON-LD lossless, kept for our importer only.
EXTRA_CONTEXT = {
    "dcterms": "http://purl.org/dc/terms/",
    "title": "dcterms:title",
    "hatchery:pages": None,
    "hatchery:context": None,
}
COLOR_CSS = {"yellow": "#fde68a", "green": "#bbf7d0", "blue": "#bfdbfe", "pink": "#fbcfe8"}

# The namespace of a collection's id (a UUID made from the install and the
# export time); any fixed UUID works, it only has to stay the same.
COLLECTION_NAMESPACE = uuid.UUID("3c0f6a52-0e8e-4d43-9c1e-7a1b2f4c9d10")
# The software that wrote the file: an IRI of its own, and the address of
# the library on this machine at the default port.
SOFTWARE_ID = "urn:x-hatchery:software"
SOFTWARE_HOMEPAGE = "http://127.0.0.1:8765/"

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def collection_id(install: str, exported_at: str) -> str:
    """The collection's `urn:uuid:` id: the same install exporting at the
    same second gives the same id, any other export another one.

    :param install: what tells this install apart (the database's path)
    :param exported_at: the export's time stamp
    """
    name = "\x1f".join((install, exported_at))
    return f"urn:uuid:{uuid.uuid5(COLLECTION_NAMESPACE, name)}"


def collection(pages: list[dict], *, install: str, exported_at: str) -> dict:
    """An AnnotationCollection holding one Annotation per highlight, plus
    the pages themselves under `hatchery:pages` so our importer loses
    nothing (JSON-LD processors and other tools drop the term).

    :param pages: the store's export_pages()
    :param install: what tells this install apart (see `collection_id`)
    :param exported_at: the export's time stamp
    """
    items = [annotation(page, h) for page in pages for h in page["highlights"]]
    own_id = collection_id(install, exported_at)
    page_id = f"urn:uuid:{uuid.uuid5(uuid.UUID(own_id[9:]), 'page 1')}"
    return {
        "@context": [ANNOTATION_CONTEXT, EXTRA_CONTEXT],
        "id": own_id,
        "type": "AnnotationCollection",
        "label": "Hatchery highlights",
        "generator": {"id": SOFTWARE_ID, "type": "Software",
                      "name": f"Hatchery {__version__}", "homepage": SOFTWARE_HOMEPAGE},
        "generated": exported_at,
        "total": len(items),
        "first": {"id": page_id, "type": "AnnotationPage", "partOf": own_id,
                  "startIndex": 0, "items": items},
        "hatchery:pages": [{k: v for k, v in page.items() if k != "highlights"}
                           for page in pages],
    }


def annotation(page: dict, h: dict) -> dict:
    """One highlight as a Web Annotation: a TextQuoteSelector always, a
    TextPositionSelector when the offsets are known, the note as a
    commenting body, each tag as a tagging body, the colour as styleClass."""
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": h["exact"],
                              "prefix": h["prefix"], "suffix": h["suffix"]}]
    # Stored offsets are already the W3C unit: code points over the page
    # body's textContent (extension/src/content/text-index.js), no conversion.
    if h["start"] is not None and h["end"] is not None:
        selectors.append({"type": "TextPositionSelector", "start": h["start"], "end": h["end"]})
    bodies = []
    if h["note"]:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": h["note"],
                       "format": "text/plain"})
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in h["tags"])
    item = {
        "id": highlight_iri(h["id"]),
        "type": "Annotation",
        "motivation": "commenting" if h["note"] else "highlighting",
        "created": h["created_at"],
        "modified": h["updated_at"],
        "stylesheet": {"type": "CssStylesheet",
                       "value": f".{h['color']} {{ background-color: "
                                f"{COLOR_CSS.get(h['color'], '#fde68a')} }}"},
        "target": {"type": "SpecificResource",
                   "source": {"id": as_uri(page["url"]), "title": page["title"]},
                   "styleClass": h["color"],
                   "selector": selectors},
    }
    if bodies:
        item["body"] = bodies
    if h.get("context") is not None:
        item["hatchery:context"] = h["context"]
    return item


def highlight_iri(highlight_id: str) -> str:
    """A highlight's id as an IRI: `urn:uuid:` for a UUID, else ours."""
    if _UUID.fullmatch(highlight_id):
        return f"urn:uuid:{highlight_id}"
    return as_uri(f"urn:hatchery:highlight:{highlight_id}")
