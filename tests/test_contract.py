"""The HTTP contract in `hatchery.contract`: what a capture may say, what the
server makes of odd but valid input, and answers that are exactly the
shapes the spec describes."""

from dataclasses import fields

import pytest
from conftest import make_capture

from hatchery.contract import hatches as contract
from hatchery import hatch as models


def test_a_highlight_that_ends_before_it_starts_is_refused(client):
    response = client.post("/api/captures", json=make_capture(start=50, end=40))
    assert response.status_code == 422
    assert response.json["error"]["message"] == "`end` must be at least `start`."


def test_an_empty_highlight_position_is_accepted(client):
    response = client.post("/api/captures", json=make_capture(start=40, end=40))
    assert response.status_code == 201


def test_a_whole_number_written_as_a_float_counts_as_that_number(client):
    response = client.post("/api/captures", json=make_capture(start=12.0, end=30.0))
    assert response.status_code == 201
    assert (response.json["highlight"]["start"], response.json["highlight"]["end"]) == (12, 30)


def test_a_fraction_is_not_a_position(client):
    response = client.post("/api/captures", json=make_capture(start=12.5))
    assert response.json["error"]["message"] == "`start` must be a whole number."


def test_true_is_not_a_number(client):
    response = client.post("/api/captures", json=make_capture(start=True))
    assert response.json["error"]["message"] == "`start` must be a whole number."


def test_a_lone_surrogate_from_a_page_is_stored_as_a_replacement_character(client):
    response = client.post("/api/captures", data='{"id": "0c7f5d3e-1b7a-4f53-9d55-9a1d2f6e8b10",'
                           ' "url": "https://example.org/", "text": "broken \\ud800 pair"}',
                           content_type="application/json")
    assert response.status_code == 201
    assert response.json["highlight"]["exact"] == "broken \ufffd pair"


def test_the_client_id_is_kept_in_its_canonical_form(client):
    response = client.post("/api/captures",
                           json=make_capture(id=" {0C7F5D3E-1B7A-4F53-9D55-9A1D2F6E8B10} "))
    assert response.json["highlight"]["id"] == "0c7f5d3e-1b7a-4f53-9d55-9a1d2f6e8b10"


def test_tags_are_trimmed_and_repeats_dropped(client):
    response = client.post("/api/captures", json=make_capture(tags=[" sea ", "sea", "", "moon"]))
    assert response.json["highlight"]["tags"] == ["sea", "moon"]


def test_a_null_field_of_a_capture_means_its_default(client):
    response = client.post("/api/captures", json=make_capture(color=None, note=None, tags=None))
    assert response.status_code == 201
    assert response.json["highlight"]["color"] == "yellow"


@pytest.mark.parametrize("url", ["https://example.org:99999/", "http://:80/", "ftp://example.org/"])
def test_a_url_the_server_cannot_keep_is_refused(client, url):
    response = client.post("/api/captures", json=make_capture(url=url))
    assert response.status_code == 422
    assert response.json["error"]["message"] == "`url` must be an http(s) URL."


def test_a_patch_cannot_set_a_highlight_colour_to_nothing(client):
    made = client.post("/api/captures", json=make_capture()).json["highlight"]
    response = client.patch(f"/api/highlights/{made['id']}", json={"color": None})
    assert response.status_code == 422
    assert "`color` must be one of" in response.json["error"]["message"]


def test_a_patch_with_a_null_note_clears_it(client):
    made = client.post("/api/captures", json=make_capture(note="remember")).json["highlight"]
    changed = client.patch(f"/api/highlights/{made['id']}", json={"note": None}).json
    assert changed["highlight"]["note"] == ""


def test_paging_outside_its_range_is_refused_naming_the_parameter(client):
    response = client.get("/api/pages?limit=abc")
    assert response.json["error"]["message"] == "`limit` must be a whole number."


# The answer models against the hatch dataclasses: a field added to the hatch
# must be added to the contract too, and nothing else may appear there.
ANSWER_MODELS = [
    (models.Sentence, contract.Sentence, set()),
    (models.Section, contract.Section, set()),
    (models.Thread, contract.Thread, set()),
    (models.Citation, contract.Citation, set()),
    (models.Hatch, contract.Hatch,
     {"markdown", "headings"} | set(contract.HatchRecord.model_fields)),
]


@pytest.mark.parametrize("dataclass, model, added", ANSWER_MODELS,
                         ids=[m.__name__ for _, m, _ in ANSWER_MODELS])
def test_the_hatch_answer_describes_exactly_the_hatch_schema(dataclass, model, added):
    assert set(model.model_fields) == {f.name for f in fields(dataclass)} | added


def test_a_hatch_answer_has_exactly_the_fields_the_spec_lists(client):
    made = client.post("/api/captures", json=make_capture()).json["highlight"]
    hatch = client.post("/api/hatches", json={"page_ids": [made["page_id"]]}).json["hatch"]
    spec = client.get("/api/openapi.json").json["components"]["schemas"]
    assert set(hatch) == set(spec["Hatch"]["properties"]) == set(spec["Hatch"]["required"])
    citation = hatch["citations"][0]
    assert set(citation) == set(spec["Citation"]["properties"])
