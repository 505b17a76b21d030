"""Bad input always gets a clear problem+json error with the right status, never a 500."""

from __future__ import annotations

import io
import json

import pytest

from service.app import create_app

PROBLEM = "application/problem+json"

# (why, request kwargs, expected status, a word the detail or errors must contain)
BAD_REQUESTS = [
    ("malformed JSON", {"data": '{"text": "a"', "content_type": "application/json"}, 400, "JSON"),
    (
        "invalid UTF-8 in JSON",
        {"data": b'{"text": "caf\xe9"}', "content_type": "application/json"},
        400,
        "UTF-8",
    ),
    ("invalid UTF-8 in text", {"data": b"caf\xc3\x28", "content_type": "text/plain"}, 400, "UTF-8"),
    (
        "duplicate keys",
        {"data": '{"text": "a", "text": "b"}', "content_type": "application/json"},
        400,
        "duplicate",
    ),
    (
        "deeply nested JSON",
        {"data": "[" * 100_000 + "]" * 100_000, "content_type": "application/json"},
        400,
        "nested",
    ),
    ("JSON that is not an object", {"json": ["text"]}, 422, "Invalid input"),
    ("no Content-Type", {"data": "Shoigu said."}, 415, "Content-Type"),
    ("XML", {"data": "<p>Shoigu</p>", "content_type": "application/xml"}, 415, "application/xml"),
    ("HTML with no text", {"data": "<script>x()</script>", "content_type": "text/html"}, 422, "text"),
    ("unparsable HTML", {"data": "<![foo[x]]>", "content_type": "text/html"}, 422, "text"),
    ("unknown format", {"json": {"text": "Shoigu said.", "format": "pdf"}}, 422, "format"),
    ("form post", {"data": {"text": "a"}}, 415, "form-urlencoded"),
    ("unknown charset", {"data": "a", "content_type": "text/plain; charset=klingon"}, 415, "charset"),
    ("empty text", {"json": {"text": ""}}, 422, "text"),
    ("whitespace-only text", {"json": {"text": " \n\t "}}, 422, "text"),
    ("empty text/plain body", {"data": "", "content_type": "text/plain"}, 422, "text"),
    ("missing text", {"json": {"published": "2023-05-02"}}, 422, "text"),
    ("text not a string", {"json": {"text": 42}}, 422, "text"),
    ("text null", {"json": {"text": None}}, 422, "text"),
    ("unknown field", {"json": {"text": "a", "lang": "en"}}, 422, "lang"),
    ("published not a date", {"json": {"text": "a", "published": "yesterday"}}, 422, "published"),
    ("published impossible date", {"json": {"text": "a", "published": "2023-02-30"}}, 422, "published"),
    ("published year 0", {"json": {"text": "a", "published": "0000-01-01"}}, 422, "published"),
    ("published a number", {"json": {"text": "a", "published": 20230502}}, 422, "published"),
    ("include unknown section", {"json": {"text": "a", "include": ["sentiment"]}}, 422, "include"),
    ("include empty", {"json": {"text": "a", "include": []}}, 422, "include"),
    (
        "unknown query field with text/plain",
        {"data": "a", "content_type": "text/plain", "query_string": {"lang": "en"}},
        422,
        "lang",
    ),
]


@pytest.mark.parametrize(("why", "kwargs", "status", "word"), BAD_REQUESTS, ids=[c[0] for c in BAD_REQUESTS])
def test_bad_requests_get_problem_json(client, why, kwargs, status, word):
    response = client.post("/v1/extract", **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["instance"] == "/v1/extract"
    assert word.lower() in json.dumps(body).lower()


# Requests that look odd but are fine.
GOOD_ODD_REQUESTS = [
    ("UTF-8 byte order mark", {"data": "\ufeffDenmark said.".encode(), "content_type": "text/plain"}),
    ("UTF-16 with BOM", {"data": "Denmark said.".encode("utf-16"), "content_type": "text/plain"}),
    (
        "Latin-1 declared",
        {"data": "Café Denmark".encode("latin-1"), "content_type": "text/plain; charset=ISO-8859-1"},
    ),
    ("JSON with charset", {"data": '{"text": "Denmark"}', "content_type": "application/json; charset=utf-8"}),
    (
        "problem+json style media type",
        {"data": '{"text": "Denmark"}', "content_type": "application/vnd.api+json"},
    ),
    ("one character", {"json": {"text": "a"}}),
    ("NUL bytes", {"json": {"text": "Denmark\x00 said\x00"}}),
    ("only emoji", {"json": {"text": "🇺🇦🙂🙂"}}),
    ("RTL and mixed scripts", {"json": {"text": "قال الوزير Shoigu said יום שלישי"}}),
    ("datetime with offset", {"json": {"text": "a", "published": "2023-05-02T23:30:00+05:30"}}),
    ("published year 9999", {"json": {"text": "a", "published": "9999-12-31"}}),
]


@pytest.mark.parametrize(("why", "kwargs"), GOOD_ODD_REQUESTS, ids=[c[0] for c in GOOD_ODD_REQUESTS])
def test_odd_but_valid_requests_succeed(client, why, kwargs):
    response = client.post("/v1/extract", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"


def test_a_datetime_published_is_read_as_its_local_date(client):
    body = client.post("/v1/extract", json={"text": "a", "published": "2023-05-02T23:30:00+05:30"}).get_json()
    assert body["published"] == "2023-05-02"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/extract", 405),
        ("DELETE", "/healthz", 405),
        ("GET", "/v2/extract", 404),
        ("POST", "/", 405),
    ],
)
def test_unknown_routes_and_methods(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    if status == 405:
        assert response.headers["Allow"]


@pytest.fixture(scope="module")
def small_client():
    app = create_app({"TESTING": True, "MAX_BODY_BYTES": 2_000, "MAX_CHARS": 500})
    return app.test_client()


def test_body_over_the_limit_is_refused_with_413(small_client):
    response = small_client.post("/v1/extract", data="x" * 5_000, content_type="text/plain")
    assert response.status_code == 413
    assert response.mimetype == PROBLEM


def _raw_post(app, environ_changes: dict) -> int:
    """POST through the WSGI interface with a hand-made environ (what a real server passes)."""
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    environ = EnvironBuilder(path="/v1/extract", method="POST", content_type="text/plain").get_environ()
    environ.update(environ_changes)
    _, status, _ = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0])


def test_a_large_body_is_refused_from_its_content_length_without_being_read(small_client):
    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    status = _raw_post(
        small_client.application, {"CONTENT_LENGTH": str(10 * 1024 * 1024), "wsgi.input": Unreadable()}
    )
    assert status == 413


def test_chunked_body_over_the_limit_is_refused(small_client):
    environ = {
        "wsgi.input": io.BytesIO(b"x" * 5_000),
        "wsgi.input_terminated": True,
        "HTTP_TRANSFER_ENCODING": "chunked",
    }
    environ.pop("CONTENT_LENGTH", None)
    status = _raw_post(small_client.application, {**environ, "CONTENT_LENGTH": ""})
    assert status == 413


def test_text_over_the_character_limit_is_422(small_client):
    response = small_client.post("/v1/extract", json={"text": "word " * 120})
    assert response.status_code == 422
    assert "500 characters" in response.get_json()["errors"]["text"][0]


# The token limit is half the character limit (250 tokens here). Quote-mark soup is one token a
# character: at the default 200,000 characters it took the parser 106 s, near the worker timeout.
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ('"' * 400, 422),  # 400 tokens in 400 characters
        ("🙂🇺🇦" * 150, 422),
        ("“”‘’«»" * 60, 422),
        ("Denmark will donate 1.7 billion kroner, Reznikov said on Tuesday. " * 7, 200),  # ~100 tokens
        ('"' * 240, 200),  # within the token limit
    ],
    ids=["straight quotes", "emoji", "mixed quote marks", "prose of the same length", "under the limit"],
)
def test_text_over_the_token_limit_is_422(small_client, text, status):
    response = small_client.post("/v1/extract", json={"text": text})
    assert response.status_code == status
    if status == 422:
        assert response.mimetype == PROBLEM
        assert "limit of 250 tokens" in response.get_json()["errors"]["text"][0]


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(monkeypatch):
    app = create_app({"TESTING": False})
    import service.api

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service.api, "extract", boom)
    response = app.test_client().post("/v1/extract", json={"text": "Shoigu"})
    assert response.status_code == 500
    assert response.mimetype == PROBLEM
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
