"""Optional API keys: `Authorization: Bearer <key>` on /v1/*, checked against SHA-256 digests."""

from __future__ import annotations

import hashlib
import logging

import pytest

from service.app import create_app
from service.auth import hash_key, is_valid, load_digests
from service.config import Settings
from service.openapi import build_spec
from tests.spec_check import check_response

PROBLEM = "application/problem+json"
KEY = "nf_live_4bQk9x2T"
OTHER_KEY = "nf_live_Zr81pLw0"
DIGEST = hashlib.sha256(KEY.encode()).hexdigest()


@pytest.fixture(scope="module")
def keyed_client():
    app = create_app({"TESTING": True, "API_KEYS": f"{DIGEST}, {hash_key(OTHER_KEY)}"})
    return app.test_client()


def test_hash_key_is_the_sha256_hex_digest():
    assert hash_key(KEY) == DIGEST and len(DIGEST) == 64


# (Authorization header, accepted?)
HEADERS = [
    (f"Bearer {KEY}", True),
    (f"Bearer {OTHER_KEY}", True),
    (f"bearer {KEY}", True),  # the scheme name is case-insensitive (RFC 9110)
    (f"Bearer  {KEY} ", True),
    (None, False),
    ("", False),
    ("Bearer", False),
    ("Bearer ", False),
    (f"Basic {KEY}", False),
    (KEY, False),
    (f"Bearer {KEY}x", False),
    (f"Bearer {KEY[:-1]}", False),
    (f"Bearer {KEY.upper()}", False),
    (f"Bearer {DIGEST}", False),  # the digest itself is not a key
    (f"Bearer {KEY} {KEY}", False),
]


@pytest.mark.parametrize(("header", "accepted"), HEADERS)
def test_is_valid(header, accepted):
    digests = load_digests(Settings(api_keys=f"{DIGEST},{hash_key(OTHER_KEY)}"))
    assert is_valid(header, digests) is accepted


def test_no_digests_accept_nothing():
    assert not is_valid(f"Bearer {KEY}", ())


@pytest.mark.parametrize("header", [h for h, ok in HEADERS if ok])
def test_a_valid_key_is_let_through(keyed_client, header):
    response = keyed_client.post(
        "/v1/extract", json={"text": "Denmark said."}, headers={"Authorization": header}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("header", [h for h, ok in HEADERS if not ok and h is not None])
def test_a_wrong_key_is_401_invalid_token(keyed_client, header):
    response = keyed_client.post(
        "/v1/extract", json={"text": "Denmark said."}, headers={"Authorization": header}
    )
    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    if header:
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert KEY not in response.get_data(as_text=True)


def test_no_key_is_401_with_a_bearer_challenge(keyed_client):
    response = keyed_client.post("/v1/extract", json={"text": "Denmark said."})
    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="newsfacts"'
    body = response.get_json()
    assert body["status"] == 401 and body["title"] == "Unauthorized" and "Bearer" in body["detail"]
    assert response.headers["X-Request-ID"] and response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_key_is_checked_before_the_body_is_read(keyed_client):
    """A stranger cannot make the service read (or parse) anything: 401, not 413/415/400."""
    big = "x" * (5 * 1024 * 1024)
    assert keyed_client.post("/v1/extract", data=big, content_type="text/plain").status_code == 401
    assert keyed_client.post("/v1/extract", data="{bad", content_type="application/json").status_code == 401
    assert keyed_client.post("/v1/extract", data="a", content_type="text/html").status_code == 401


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/v1/extract"), ("POST", "/v1/extract/batch"), ("GET", "/v1/anything")]
)
def test_every_v1_path_needs_a_key(keyed_client, method, path):
    assert keyed_client.open(path, method=method, json={}).status_code == 401


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/", "/openapi.yaml"])
def test_health_readiness_index_and_spec_stay_open(keyed_client, path):
    assert keyed_client.get(path).status_code == 200


def test_without_keys_the_service_is_open(client):
    assert client.post("/v1/extract", json={"text": "Denmark said."}).status_code == 200


def test_a_key_file_adds_digests(tmp_path):
    path = tmp_path / "keys"
    path.write_text(f"# ops team, rotated 2026-01\n{hash_key(OTHER_KEY).upper()}  # upper case is fine\n\n")
    digests = load_digests(Settings(api_keys=DIGEST, api_key_file=str(path)))
    assert is_valid(f"Bearer {KEY}", digests) and is_valid(f"Bearer {OTHER_KEY}", digests)


@pytest.mark.parametrize("keys", ["secret", DIGEST[:-1], DIGEST + "0", f"{DIGEST},{KEY}", "g" * 64])
def test_a_key_list_that_is_not_digests_stops_the_service(keys):
    with pytest.raises(ValueError, match="SHA-256"):
        load_digests(Settings(api_keys=keys))


def test_a_missing_key_file_stops_the_service(tmp_path):
    with pytest.raises(OSError):
        load_digests(Settings(api_key_file=str(tmp_path / "absent")))


def test_startup_warns_when_no_keys_are_configured(caplog):
    with caplog.at_level(logging.INFO, logger="service"):
        create_app({"TESTING": True})
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "no API keys" in r.getMessage()]
    assert len(warnings) == 1


def test_startup_does_not_warn_with_keys(caplog):
    with caplog.at_level(logging.INFO, logger="service"):
        create_app({"TESTING": True, "API_KEYS": DIGEST})
    assert not [r for r in caplog.records if "no API keys" in r.getMessage()]
    assert DIGEST not in caplog.text


def test_the_spec_documents_bearer_auth_and_401_on_v1_only():
    spec = build_spec()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if path.startswith("/v1/") and (method, path) != ("get", "/v1/render"):  # the form is open
                assert operation["security"] == [{"bearerAuth": []}], path
                assert "401" in operation["responses"], path
            else:
                assert "security" not in operation and "401" not in operation["responses"], path


def test_a_401_conforms_to_the_spec(keyed_client):
    spec = build_spec()
    response = keyed_client.post("/v1/extract", json={"text": "Denmark said."})
    check_response(spec, "/v1/extract", "POST", response)
