"""Spec fuzzing: schemathesis generates requests from the committed openapi.yaml, valid and invalid,
sends them to the app in-process (WSGI) and runs every check: no 5xx, status codes documented,
content types and bodies conforming to the spec, valid data accepted, invalid data rejected, and
a /v1/* request without the API key refused.

Bounded so CI stays fast: a few dozen generated cases per operation, no per-example deadline.
The app is configured with an API key (so `ignored_auth` has something to check); each case
sends it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.parameters import ParameterLocation

from service.app import create_app
from service.auth import hash_key

ROOT = Path(__file__).resolve().parent.parent
KEY = "fuzz-key-7Qe2"
MAX_EXAMPLES = 30
load_all_checks()
ALL_CHECKS = CHECKS.get_all()
_BY_NAME = {check.__name__: check for check in ALL_CHECKS}
# The batch endpoint validates each document on its own and answers 200 with a per-document
# 422 problem (partial success, documented), so an invalid *document* is not a rejected request.
PER_OPERATION_EXCLUSIONS = {
    "POST /v1/extract/batch": [_BY_NAME["negative_data_rejection"]],
}
# A text/html body is text whatever it holds: schemathesis sends a "wrongly typed" body (an object)
# as its string, a valid page, and then expects a rejection. It knows this of text/plain only.
STRINGIFYING = ("text/html",)
_OTHER_LOCATIONS = [loc for loc in ParameterLocation if loc is not ParameterLocation.BODY]


def _only_a_stringified_body_is_negative(case) -> bool:
    meta = case.meta
    return (
        meta is not None
        and case.media_type in STRINGIFYING
        and meta.is_negative_at(ParameterLocation.BODY)
        and not any(meta.is_negative_at(loc) for loc in _OTHER_LOCATIONS)
    )


@pytest.fixture(scope="module")
def fuzz_app():
    # Not TESTING: an exception in a view must come back as the 500 problem, as in production.
    return create_app({"API_KEYS": hash_key(KEY)})


# The key goes in as the spec's `bearerAuth` scheme, so schemathesis also sends requests without it.
CONFIG = schemathesis.Config.from_dict({"auth": {"openapi": {"bearerAuth": {"bearer": KEY}}}})
schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases on every run: CI does not flake
    database=None,  # and no .hypothesis/ directory in the checkout
)
def test_the_api_keeps_its_contract(case, fuzz_app):
    # Every request, the checks' own probes included, goes to the app in-process.
    case.operation.schema.app = fuzz_app
    excluded = list(PER_OPERATION_EXCLUSIONS.get(case.operation.label, []))
    if _only_a_stringified_body_is_negative(case):
        excluded.append(_BY_NAME["negative_data_rejection"])
    case.call_and_validate(checks=ALL_CHECKS, excluded_checks=excluded, app=fuzz_app)
