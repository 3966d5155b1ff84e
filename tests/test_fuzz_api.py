"""API fuzzing: schemathesis drives every route described in
/api/openapi.json with generated requests, valid ones and (a second phase)
ones that break the document on purpose. No 5xx, every response matches the
document, and every invalid request is refused with a 4xx: all of
schemathesis' checks, on both phases."""

import hypothesis
import pytest
import schemathesis
from conftest import RunningServer
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from hatchery import __version__
from hatchery.contract.openapi import build_spec

# Fixed seed and example count: the same requests on every run, so a failure
# here is reproducible and the suite's time stays bounded.
SEED = 20261129
EXAMPLES = 60
# Invalid requests are cheaper to refuse; fewer of them keep the run short.
NEGATIVE_EXAMPLES = 30

# Routes with no input a request could get wrong: no parameters, or only a
# path id that may be any text (an unknown one is a 404). Schemathesis can
# make no invalid request for them.
NOTHING_TO_BREAK = {"GET /api/health", "GET /api/openapi.json",
                    "GET /api/highlights/{highlight_id}", "DELETE /api/highlights/{highlight_id}",
                    "POST /api/highlights/{highlight_id}/restore", "POST /api/library-link"}

load_all_checks()
# Every check schemathesis has for one response (the class-based ones need
# a whole run's state): the same set `schemathesis run --checks all` uses.
ALL_CHECKS = [check for check in CHECKS.get_all() if not is_check_class(check)]

SCHEMA = schemathesis.openapi.from_dict(build_spec(__version__))
# Two things the invalid phase must not count as invalid: a query parameter
# the spec does not list (routes ignore those by design: a cache-buster is
# no error) and a missing token (the test sends the token on every request;
# test_security checks its absence).
SCHEMA.config.generation.update(allow_extra_parameters=False, with_security_parameters=False)
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The real server on a free port, with a little real data in it so the
    ids and URLs the fuzzer tries sometimes exist."""
    server = RunningServer(tmp_path_factory.mktemp("fuzz")).start()
    server.request("POST", "/api/captures", json={
        "id": "0c7f5d3e-1b7a-4f53-9d55-9a1d2f6e8b10", "url": "https://example.org/",
        "text": "a highlight", "html": "<p>a highlight in a page</p>"})
    yield server
    server.stop()


def test_every_route_is_fuzzed():
    assert len(OPERATIONS) >= 14


CASES = [(label, GenerationMode.POSITIVE) for label in sorted(OPERATIONS)] + [
    (label, GenerationMode.NEGATIVE) for label in sorted(OPERATIONS) if label not in NOTHING_TO_BREAK]


@pytest.mark.parametrize(("label", "mode"), CASES,
                         ids=[f"{label} {mode.value}" for label, mode in CASES])
def test_no_route_fails_or_breaks_its_contract(live, label, mode):
    operation = OPERATIONS[label]
    examples = EXAMPLES if mode is GenerationMode.POSITIVE else NEGATIVE_EXAMPLES

    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(max_examples=examples, deadline=None, derandomize=True,
                         database=None, suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.seed(SEED)
    def fuzz(case):
        _end_after_start(case)
        case.call_and_validate(base_url=live.url, headers=live.headers(), checks=ALL_CHECKS)

    fuzz()


def test_every_check_runs():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"not_a_server_error", "negative_data_rejection", "positive_data_acceptance",
            "response_schema_conformance", "status_code_conformance"} <= names


def _end_after_start(case) -> None:
    """A capture's `end` must be at least its `start`: the one rule the spec
    says in words only, since JSON Schema cannot compare two fields. Order
    them, so a valid request the fuzzer makes is valid for the server too
    (test_contract_limits checks the refusal)."""
    body = case.body if isinstance(case.body, dict) else {}
    if isinstance(body.get("start"), (int, float)) and isinstance(body.get("end"), (int, float)):
        body["start"], body["end"] = sorted((body["start"], body["end"]))
