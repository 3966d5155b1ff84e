"""Our JSON-LD export against the W3C: the Web Annotation test suite's
MUST schemas (tests/resources/w3c/, see its README) and a JSON-LD 1.0
processor (pyld in json-ld-1.0 mode, the anno context served locally)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from pyld import jsonld

from hatchery.services.captures import Capture, save_capture
from hatchery.services.exports import export_jsonld
from hatchery.store import HighlightRecord, Store
from library_data import fill

W3C = Path(__file__).parent / "resources" / "w3c"
SCHEMA = json.loads((W3C / "annotation-model-musts.schema.json").read_text(encoding="utf-8"))
ANNO_CONTEXT = json.loads((W3C / "anno.jsonld").read_text(encoding="utf-8"))
ANNO_URL = "http://www.w3.org/ns/anno.jsonld"


def problems(data: dict, kind: str) -> list[str]:
    """Every way `data` breaks the W3C schema for `kind`."""
    schema = {**SCHEMA, "$ref": f"#/definitions/{kind}"}
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


def offline_loader(url: str, options=None) -> dict:
    if url.rstrip("/") != ANNO_URL:
        raise AssertionError(f"the test would fetch {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": ANNO_CONTEXT}


@pytest.fixture
def library(tmp_path):
    store = Store(tmp_path / "hatchery.db")
    store.migrate()
    fill(store)
    save_capture(store, Capture(
        url="https://example.org/a page with spaces/<and> \"quotes\"?q=a b", title="Spaces",
        highlight=HighlightRecord(id="55555555-5555-4555-8555-555555555555", exact="spaced",
                                  tags=["c++"], note="a note")))
    yield store
    store.close()


def test_the_format_checker_can_check_uris():
    """Without a URI checker `format: uri` passes anything; these tests need it."""
    assert problems({"@context": ANNO_URL, "id": "not a uri", "type": "AnnotationCollection"},
                    "annotationCollection")


def test_our_collection_its_page_and_every_annotation_pass_the_w3c_schemas(library):
    data = export_jsonld(library)
    assert problems(data, "annotationCollection") == []
    page = {"@context": data["@context"], **data["first"]}
    assert problems(page, "annotationPage") == []
    items = data["first"]["items"]
    assert len(items) == 5
    for item in items:
        assert problems({"@context": data["@context"], **item}, "annotation") == []


def test_the_schemas_refuse_what_the_export_used_to_write(library):
    data = export_jsonld(library)
    old = copy.deepcopy(data)
    del old["id"]
    old["generator"] = "hatchery 0.1.0"
    assert any(p.startswith("generator") for p in problems(old, "annotationCollection"))
    assert any("'id' is a required property" in p for p in problems(old, "annotationCollection"))
    page = copy.deepcopy(data["first"])
    del page["id"]
    assert problems(page, "annotationPage")
    item = copy.deepcopy(data["first"]["items"][0])
    item["target"]["source"]["id"] = "https://example.org/a page"
    assert problems({"@context": ANNO_URL, **item}, "annotation")


def test_a_page_address_with_spaces_is_stored_and_exported_as_a_valid_iri(library):
    page = library.page_by_url(
        "https://example.org/a%20page%20with%20spaces/%3Cand%3E%20%22quotes%22?q=a+b")
    assert page is not None
    sources = [i["target"]["source"]["id"] for i in export_jsonld(library)["first"]["items"]]
    assert page["url"] in sources


def test_the_collection_id_is_stable_for_one_export_and_new_for_the_next(library):
    first = export_jsonld(library, exported_at="2026-01-31T10:00:00Z")
    again = export_jsonld(library, exported_at="2026-01-31T10:00:00Z")
    later = export_jsonld(library, exported_at="2026-01-31T10:00:01Z")
    assert first["id"] == again["id"] != later["id"]
    assert first["id"].startswith("urn:uuid:") and first["first"]["id"].startswith("urn:uuid:")
    assert first["first"]["partOf"] == first["id"]
    assert first["generator"]["type"] == "Software"
    assert first["generator"]["id"] and first["generator"]["homepage"].startswith("http")


def test_a_json_ld_1_0_processor_expands_our_export(library):
    data = export_jsonld(library)
    expanded = jsonld.expand(data, {"processingMode": "json-ld-1.0",
                                    "documentLoader": offline_loader})
    collection = expanded[0]
    assert collection["@id"] == data["id"]
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert {i["@id"] for i in items} == {i["id"] for i in data["first"]["items"]}
    # Our own terms are for our importer only: a processor drops them.
    assert not any("hatchery" in key for key in collection)
    assert not any("hatchery" in key for i in items for key in i)


def test_the_old_json_ld_1_1_context_is_refused_by_a_1_0_processor(library):
    """What this export used to write, to show the processor test can fail."""
    data = export_jsonld(library)
    data["@context"][1] = {**data["@context"][1], "@version": 1.1}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(data, {"processingMode": "json-ld-1.0", "documentLoader": offline_loader})
