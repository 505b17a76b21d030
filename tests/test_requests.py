"""Requests read as the client sent them (issue 19): a byte order mark, `published` values, malformed
chunked bodies, odd charsets, null batch documents, the cost guard, and problem+json for every error."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from typing import Any

import pytest
from werkzeug.serving import DechunkedInput
from werkzeug.test import EnvironBuilder, run_wsgi_app

from service.app import create_app
from service.request_input import accepted_charsets

PROBLEM = "application/problem+json"
# A real news sentence (AP wording).
PARIS = "Paris police said on Tuesday that the protest had ended."


def _mentions(body: dict) -> list[tuple[str, int, int]]:
    return [(m["text"], m["start"], m["end"]) for e in body["entities"] for m in e["mentions"]]


# --- a byte order mark is a character of the text as sent -------------------------------------------
# (how the text reaches the service, the text the client holds): offsets index the client's text.
BOM_CASES = [
    ("UTF-8 body with a BOM", {"data": codecs.BOM_UTF8 + PARIS.encode(), "content_type": "text/plain"}),
    (
        "UTF-16 LE body",
        {"data": codecs.BOM_UTF16_LE + PARIS.encode("utf-16-le"), "content_type": "text/plain"},
    ),
    (
        "UTF-16 BE body",
        {"data": codecs.BOM_UTF16_BE + PARIS.encode("utf-16-be"), "content_type": "text/plain"},
    ),
    ("JSON text starting with a BOM", {"json": {"text": "\ufeff" + PARIS}}),
]


@pytest.mark.parametrize(("why", "kwargs"), BOM_CASES, ids=[c[0] for c in BOM_CASES])
def test_a_leading_byte_order_mark_is_counted_and_the_first_word_still_read(client, why, kwargs):
    sent = "\ufeff" + PARIS
    response = client.post("/v1/extract", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    mentions = _mentions(response.get_json())
    assert ("Paris", 1, 6) in mentions
    assert all(sent[start:end] == text for text, start, end in mentions)


def test_a_bom_before_a_json_body_is_outside_the_text(client):
    response = client.post(
        "/v1/extract",
        data=codecs.BOM_UTF8 + b'{"text": "' + PARIS.encode() + b'"}',
        content_type="application/json",
    )
    assert response.status_code == 200
    assert ("Paris", 0, 5) in _mentions(response.get_json())


def test_a_bom_in_a_batch_document_is_counted_too(client):
    response = client.post(
        "/v1/extract/batch", json={"documents": [{"text": "\ufeff" + PARIS}, {"text": PARIS}]}
    )
    first, second = (r["analysis"] for r in response.get_json()["results"])
    assert ("Paris", 1, 6) in _mentions(first) and ("Paris", 0, 5) in _mentions(second)


# --- published: exactly a date, and a clear message when it is not -----------------------------------
PUBLISHED = [
    ("2023-02-30", "'2023-02-30' is not a real date or time: day is out of range for month."),
    ("2023-13-01", "'2023-13-01' is not a real date or time: month must be in 1..12."),
    ("2023-05-02T25:00:00Z", "'2023-05-02T25:00:00Z' is not a real date or time: hour must be in 0..23."),
    ("2023-05-02\n", "'2023-05-02\\n' has spaces or line breaks around the date"),
    (" 2023-05-02", "' 2023-05-02' has spaces or line breaks around the date"),
    ("2023-05-02T09:30:00Z\r\n", "has spaces or line breaks around the date"),
    ("May 2", "'May 2' is not a date (YYYY-MM-DD) or an RFC 3339 date-time."),
]


@pytest.mark.parametrize(("value", "message"), PUBLISHED)
def test_a_published_that_is_not_exactly_a_date_is_refused_with_a_clear_message(client, value, message):
    for response in (
        client.post("/v1/extract", json={"text": PARIS, "published": value}),
        client.post("/v1/extract", data=PARIS, content_type="text/plain", query_string={"published": value}),
    ):
        assert response.status_code == 422
        (detail,) = response.get_json()["errors"]["published"]
        assert message in detail
        assert " is day " not in detail and " is month " not in detail
    batch = client.post("/v1/extract/batch", json={"documents": [{"text": PARIS, "published": value}]})
    (result,) = batch.get_json()["results"]
    assert result["status"] == 422 and message in result["problem"]["errors"]["published"][0]


# --- a body the server cannot read is a 400, not a 500 ----------------------------------------------
def _gunicorn_reader(raw: bytes) -> Any:
    from gunicorn.http.body import Body, ChunkedReader
    from gunicorn.http.unreader import IterUnreader

    class Request:  # what ChunkedReader reads off gunicorn's request: its limits (defaults here)
        pass

    return Body(ChunkedReader(Request(), IterUnreader([raw])))


# How each server hands a chunked body to the app: its own de-chunking reader.
READERS: dict[str, Callable[[bytes], Any]] = {
    "werkzeug": lambda raw: DechunkedInput(io.BytesIO(raw)),
    "gunicorn": _gunicorn_reader,
}
MALFORMED_CHUNKS = {
    "chunk size not hex": b"zz\r\nParis\r\n0\r\n\r\n",
    "cut short": b"ff\r\nParis",
}


def _chunked(app, path: str, content_type: str, stream: Any) -> tuple[int, str]:
    environ = EnvironBuilder(path=path, method="POST", content_type=content_type).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"wsgi.input": stream, "wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"})
    _, status, headers = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), dict(headers).get("Content-Type", "")


@pytest.mark.parametrize("server", READERS)
@pytest.mark.parametrize("body", MALFORMED_CHUNKS)
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/v1/extract", "text/plain"),
        ("/v1/extract", "application/json"),
        ("/v1/extract/batch", "application/json"),
        ("/v1/render", "text/plain"),
        ("/v1/render", "application/x-www-form-urlencoded"),
    ],
)
def test_a_malformed_chunked_body_is_a_400_problem(app, server, body, path, content_type):
    status, media_type = _chunked(app, path, content_type, READERS[server](MALFORMED_CHUNKS[body]))
    assert (status, media_type) == (400, PROBLEM)


@pytest.mark.parametrize("server", READERS)
def test_a_well_formed_chunked_body_is_read_by_either_server(app, server):
    status, media_type = _chunked(
        app, "/v1/extract", "text/plain", READERS[server](b"5\r\nParis\r\n0\r\n\r\n")
    )
    assert (status, media_type) == (200, "application/json")


# --- charsets: only those that decode in linear time --------------------------------------------------
@pytest.mark.parametrize(
    ("charset", "status"),
    [
        ("punycode", 415),  # quadratic: 4 MB took minutes
        ("idna", 415),
        ("unicode_escape", 415),
        ("raw_unicode_escape", 415),
        ("utf-8", 200),
        ("UTF8", 200),
        ("windows-1252", 200),
        ("iso-8859-15", 200),
        ("koi8-r", 200),
        ("shift_jis", 200),
        ("utf-16", 200),
    ],
)
def test_only_charsets_that_decode_in_linear_time_are_accepted(client, charset, status):
    data = PARIS.encode("utf-16" if charset == "utf-16" else "ascii")
    response = client.post("/v1/extract", data=data, content_type=f"text/plain; charset={charset}")
    assert response.status_code == status
    if status == 415:
        assert response.mimetype == PROBLEM and "charset" in response.get_json()["detail"]


def test_the_charset_table_names_python_codecs_by_their_own_names():
    for name in accepted_charsets():
        assert codecs.lookup(name).name == name


# --- batches: a null document is its own problem; the cost of the whole batch is guarded -----------
@pytest.mark.parametrize("document", [None, 42, "Paris", ["Paris"]], ids=["null", "number", "string", "list"])
def test_a_document_that_is_not_an_object_fails_only_itself(client, document):
    response = client.post("/v1/extract/batch", json={"documents": [document, {"text": PARIS}]})
    assert response.status_code == 200
    first, second = response.get_json()["results"]
    assert first["status"] == 422 and first["problem"]["instance"] == "/v1/extract/batch#/documents/0"
    assert second["status"] == 200


@pytest.fixture(scope="module")
def guarded_client():
    """Token limits within reach of short texts: 100 tokens a text (200 characters), 150 a batch."""
    return create_app({"TESTING": True, "MAX_CHARS": 200, "MAX_BATCH_TOKENS": 150}).test_client()


@pytest.mark.parametrize(
    ("texts", "status"),
    [
        (["🙂" * 60, "🙂" * 60, "🙂" * 60], 422),  # 180 tokens, 60 a text
        (['"' * 80, '"' * 80], 422),  # quote-mark soup: 160 tokens
        ([PARIS, PARIS, PARIS], 200),  # 170 characters, 36 tokens
        (["🙂" * 70, "🙂" * 70], 200),  # 140 tokens
    ],
    ids=["emoji", "quote marks", "news over the token count in characters", "just under"],
)
def test_a_batch_over_its_token_budget_is_refused_before_any_parsing(
    guarded_client, monkeypatch, texts, status
):
    import service.batch

    real = service.batch.extract_each
    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(service.batch, "extract_each", counted)
    response = guarded_client.post("/v1/extract/batch", json={"documents": [{"text": t} for t in texts]})
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if status == 422:
        assert response.mimetype == PROBLEM
        assert "limit of 150 tokens in all" in response.get_json()["errors"]["documents"][0]
        assert not calls
    else:
        assert response.get_json()["succeeded"] == len(texts)


def test_the_spec_and_readme_state_the_batch_token_budget():
    from pathlib import Path

    from service.openapi import build_spec

    root = Path(__file__).resolve().parent.parent
    assert "`NEWSFACTS_MAX_BATCH_TOKENS` | `100000`" in (root / "docs" / "settings.md").read_text(
        encoding="utf-8"
    )
    batch = build_spec()["paths"]["/v1/extract/batch"]["post"]
    assert "100000 tokens in all" in batch["description"]
    assert "100000 tokens in all" in batch["responses"]["422"]["description"]


# --- every error is problem+json ----------------------------------------------------------------------
def test_every_route_answers_every_method_it_refuses_with_problem_json(app):
    client = app.test_client()
    paths = {rule.rule.replace("<name>", "nothing-here") for rule in app.url_map.iter_rules()}
    for path in sorted(paths):
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            response = client.open(path, method=method, data=b"\xff", content_type="text/plain")
            if response.status_code >= 400:
                assert response.mimetype == PROBLEM, (method, path, response.status_code)


def test_a_batch_counts_each_documents_stages_as_it_counts_the_documents(client):
    from prometheus_client import REGISTRY

    def value(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    count = "newsfacts_stage_duration_seconds_count"
    before = (value("newsfacts_documents_total"), value(count, stage="parse"), value(count, stage="money"))
    response = client.post("/v1/extract/batch", json={"documents": [{"text": PARIS}] * 3})
    assert response.status_code == 200
    after = (value("newsfacts_documents_total"), value(count, stage="parse"), value(count, stage="money"))
    assert [a - b for a, b in zip(after, before, strict=True)] == [3, 3, 3]
