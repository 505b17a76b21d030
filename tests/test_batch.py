"""`POST /v1/extract/batch`: many articles in one request, each answered in its place; and the
selective work that `include` buys (skipped extractors and spaCy components)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.app import create_app
from service.extract import extract, extract_each, extract_many, unneeded_components
from tests.conftest import REFERENCE_DATE
from tests.spec_check import check_response

ROOT = Path(__file__).resolve().parent.parent
PATH = "/v1/extract/batch"

# Real news sentences (AP / Reuters wording).
DENMARK = "Denmark said on Tuesday it was donating 1.7 billion Danish kroner ($249 million) to Ukraine."
SHOIGU = 'Russian Defense Minister Sergei Shoigu said on Monday that "the operation continues".'
REZNIKOV = "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready."
PRIVATBANK = "PrivatBank, Ukraine's largest lender, was nationalised in 2016 at a cost of $5.6 billion."


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small_app():
    """An app with small batch limits, to reach them with short texts."""
    app = create_app({"TESTING": True, "MAX_BATCH": 3, "MAX_CHARS": 120, "MAX_BATCH_CHARS": 260})
    return app.test_client()


def test_every_document_gets_its_result_in_order_with_id_and_published_echoed(client, spec):
    body = {
        "documents": [
            {"id": "dk", "text": DENMARK, "published": "2023-05-02"},
            {"id": "ru", "text": SHOIGU, "published": "2023-05-02T09:30:00Z"},
            {"text": REZNIKOV},
        ]
    }
    response = client.post(PATH, json=body)
    assert response.status_code == 200
    check_response(spec, PATH, "POST", response)
    data = response.get_json()
    assert (data["succeeded"], data["failed"]) == (3, 0)
    assert [r["index"] for r in data["results"]] == [0, 1, 2]
    assert [r.get("id") for r in data["results"]] == ["dk", "ru", None]
    assert [r.get("published") for r in data["results"]] == ["2023-05-02", "2023-05-02T09:30:00Z", None]
    assert all(r["status"] == 200 and "problem" not in r for r in data["results"])
    dk = data["results"][0]["analysis"]
    assert dk["published"] == "2023-05-02"
    assert [(m["amount"], m["currency"]) for m in dk["money"]][:1] == [("1700000000", "DKK")]
    assert data["results"][2]["analysis"]["published_source"] == "none"


def test_a_batch_result_is_what_a_single_request_gives(client):
    """Batching (nlp.pipe) changes speed, never the answer."""
    single = client.post("/v1/extract", json={"text": SHOIGU, "published": "2023-05-02"}).get_json()
    batch = client.post(
        PATH, json={"documents": [{"text": DENMARK}, {"text": SHOIGU, "published": "2023-05-02"}]}
    )
    assert batch.get_json()["results"][1]["analysis"] == single


# (document, field the problem names): each invalid document is answered in its place with 422.
INVALID_DOCUMENTS = [
    ({"id": "empty", "text": ""}, "text"),
    ({"id": "blank", "text": "  \n "}, "text"),
    ({"id": "no text", "published": "2023-05-02"}, "text"),
    ({"id": "bad date", "text": REZNIKOV, "published": "May 2"}, "published"),
    ({"id": "unknown field", "text": REZNIKOV, "url": "https://apnews.com/"}, "url"),
    ({"id": "per-document include", "text": REZNIKOV, "include": ["money"]}, "include"),
    ({"id": 7, "text": REZNIKOV}, "id"),
    ("just a string", "_schema"),
]


@pytest.mark.parametrize(("document", "field"), INVALID_DOCUMENTS, ids=lambda v: str(v)[:30])
def test_an_invalid_document_gets_a_problem_in_its_place_and_the_others_succeed(
    client, spec, document, field
):
    body = {
        "documents": [
            {"id": "a", "text": DENMARK},
            {"id": "b", "text": SHOIGU},
            document,
            {"text": PRIVATBANK},
        ]
    }
    response = client.post(PATH, json=body)
    assert response.status_code == 200
    check_response(spec, PATH, "POST", response)
    data = response.get_json()
    assert (data["succeeded"], data["failed"]) == (3, 1)
    bad = data["results"][2]
    assert bad["status"] == 422 and "analysis" not in bad
    assert bad["problem"]["status"] == 422
    assert bad["problem"]["instance"] == f"{PATH}#/documents/2"
    assert field in bad["problem"]["errors"]
    assert [r["status"] for r in data["results"]] == [200, 200, 422, 200]
    assert data["results"][3]["analysis"]["money"][0]["currency"] == "USD"


def test_a_document_over_the_character_limit_is_answered_in_its_place(small_app):
    long_text = (REZNIKOV + " ") * 2  # 162 characters > 120 (and 162 + 92 <= 260 in all)
    data = small_app.post(PATH, json={"documents": [{"text": long_text}, {"text": DENMARK}]}).get_json()
    assert [r["status"] for r in data["results"]] == [422, 200]
    assert "120" in data["results"][0]["problem"]["errors"]["text"][0]


# (body, what the 422 names): a wrong envelope fails the whole request.
INVALID_ENVELOPES = [
    ({}, "documents"),
    ({"documents": []}, "documents"),
    ({"documents": {"text": REZNIKOV}}, "documents"),
    ({"documents": [{"text": REZNIKOV}], "include": ["sentiment"]}, "include"),
    ({"documents": [{"text": REZNIKOV}], "callback": "https://example.com"}, "callback"),
    ({"documents": [{"text": "Kyiv."}] * 4}, "documents"),  # more than MAX_BATCH = 3
    (
        {"documents": [{"text": DENMARK}, {"text": SHOIGU}, {"text": PRIVATBANK}]},
        "documents",
    ),  # 266 > 260 chars
]


@pytest.mark.parametrize(("body", "field"), INVALID_ENVELOPES, ids=lambda v: str(v)[:40])
def test_an_invalid_envelope_is_a_422_for_the_request(small_app, body, field):
    response = small_app.post(PATH, json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_batch_takes_json_only(client, spec):
    response = client.post(PATH, data=REZNIKOV, content_type="text/plain")
    assert response.status_code == 415
    check_response(spec, PATH, "POST", response)
    response = client.post(PATH, data="{not json", content_type="application/json")
    assert response.status_code == 400
    check_response(spec, PATH, "POST", response)


def test_the_spec_states_the_batch_limits_and_the_timeout(spec):
    from service.config import Settings

    settings = Settings()
    operation = spec["paths"][PATH]["post"]
    assert (
        spec["components"]["schemas"]["BatchRequest"]["properties"]["documents"]["maxItems"]
        == settings.max_batch
    )
    assert f"{settings.max_batch_chars} characters in all" in operation["description"]
    assert f"({settings.timeout} s)" in operation["description"]
    assert f"({settings.timeout} s)" in spec["paths"]["/v1/extract"]["post"]["description"]


def test_include_is_applied_to_every_document(client):
    body = {"documents": [{"text": DENMARK}, {"text": SHOIGU}], "include": ["money"]}
    data = client.post(PATH, json=body).get_json()
    for result in data["results"]:
        analysis = result["analysis"]
        assert analysis["entities"] == analysis["quotes"] == analysis["dates"] == []
    assert data["results"][0]["analysis"]["money"]


# --- selective work: the core ------------------------------------------------------------------------


# (include, spaCy components skipped): only sections that read fewer components skip any.
COMPONENTS = [
    (("money",), {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}),
    (("entities",), set()),
    (("quotes",), set()),
    (("dates",), set()),
    (("entities", "money"), set()),
    (("entities", "quotes", "money", "dates"), set()),
]


@pytest.mark.parametrize(("include", "skipped"), COMPONENTS)
def test_components_skipped_for_the_requested_sections(nlp, include, skipped):
    assert set(unneeded_components(nlp, include)) == skipped


@pytest.mark.parametrize(
    "text", [DENMARK, PRIVATBANK, "Norway pledged 7.5 billion crowns (about $700 million)."]
)
def test_money_alone_skips_the_parser_and_finds_the_same_figures(text):
    """ner has its own tok2vec in en_core_web_sm: skipping tagger and parser leaves doc.ents unchanged."""
    alone = extract(text, REFERENCE_DATE, include=("money",))
    full = extract(text, REFERENCE_DATE)
    assert alone.money == full.money and alone.money
    assert alone.entities == alone.quotes == alone.dates == []


def test_money_alone_on_the_sample_article(sample_text):
    assert extract(sample_text, include=("money",)).money == extract(sample_text).money


def test_extract_many_is_extract_for_each_article(sample_text):
    items = [(DENMARK, REFERENCE_DATE), (sample_text, None), (SHOIGU, REFERENCE_DATE)]
    expected = [extract(text, published) for text, published in items]
    assert list(extract_many(items)) == expected
    assert list(extract_many(items, batch_chars=200)) == expected  # cut into several nlp.pipe batches


# (lengths of the articles, size, chars, the groups' lengths): nlp.pipe batches are cut by count and
# by characters (a batch's memory grows with its text); an article longer than the cap goes alone.
BATCHES = [
    ([100, 100, 100], 64, 1000, [[100, 100, 100]]),
    ([100, 100, 100], 2, 1000, [[100, 100], [100]]),
    ([400, 400, 400], 64, 1000, [[400, 400], [400]]),
    ([5000, 100, 100], 64, 1000, [[5000], [100, 100]]),
    ([100, 5000, 100], 64, 1000, [[100], [5000], [100]]),
    ([], 64, 1000, []),
]


@pytest.mark.parametrize(("lengths", "size", "chars", "groups"), BATCHES)
def test_batches_are_cut_by_count_and_characters(lengths, size, chars, groups):
    from service.extract import _batches

    items = [("x" * n, None) for n in lengths]
    assert [[len(t) for t, _ in g] for g in _batches(items, size, chars)] == groups


def _failing_stage(monkeypatch, section, when):
    """Make ``section``'s stage raise on texts for which ``when(text)`` is true."""
    from dataclasses import replace

    from service.extract import stages

    def fragile(doc, result):
        if when(doc.text):
            raise RuntimeError(f"boom on {doc.text[:40]!r}")  # a message quoting the article
        return []

    swapped = tuple(replace(s, run=fragile) if s.section == section else s for s in stages.STAGES)
    monkeypatch.setattr(stages, "STAGES", swapped)


def _failing_document(monkeypatch, word):
    """Make reading any text holding ``word`` fail outside the stages (where no stage isolates it)."""
    from service import extract as core

    real = core.resolve_published

    def fragile(text, published):
        if word in text:
            raise RuntimeError("boom")
        return real(text, published)

    monkeypatch.setattr(core, "resolve_published", fragile)


def test_a_failing_stage_costs_only_its_section(monkeypatch, caplog):
    """One stage's bug empties its section and says so in `warnings`; the other sections come back."""
    _failing_stage(monkeypatch, "money", lambda text: "Shoigu" in text)
    outcomes = list(extract_each([(DENMARK, None), (SHOIGU, None)], include=("money", "entities")))
    assert [type(o).__name__ for o in outcomes] == ["Analysis", "Analysis"]
    assert outcomes[0].warnings == []
    failed = outcomes[1]
    assert [(w.section, w.code) for w in failed.warnings] == [("money", "stage_failed")]
    assert failed.money == [] and any(e.name == "Sergei Shoigu" for e in failed.entities)
    assert "stage money failed: RuntimeError" in caplog.text
    assert SHOIGU[:40] not in caplog.text  # the log never holds the article


def test_one_failing_document_does_not_end_extract_each(monkeypatch):
    """A bug outside the stages that strikes one document is returned in its place; the rest are read."""
    _failing_document(monkeypatch, "Shoigu")
    outcomes = list(extract_each([(DENMARK, None), (SHOIGU, None), (PRIVATBANK, None)], include=("money",)))
    assert [type(o).__name__ for o in outcomes] == ["Analysis", "RuntimeError", "Analysis"]
    with pytest.raises(RuntimeError, match="boom"):
        list(extract_many([(SHOIGU, None)], include=("money",)))


def test_a_failing_document_is_a_500_in_its_place(client, spec, monkeypatch):
    _failing_document(monkeypatch, "Shoigu")
    data = client.post(PATH, json={"documents": [{"text": DENMARK}, {"text": SHOIGU}], "include": ["money"]})
    check_response(spec, PATH, "POST", data)
    results = data.get_json()["results"]
    assert [r["status"] for r in results] == [200, 500]
    assert "boom" not in results[1]["problem"]["detail"]  # no internals leak to the caller


def test_a_failing_stage_is_a_warning_in_a_batch_result(client, spec, monkeypatch):
    from prometheus_client import REGISTRY

    def failures() -> float:
        return REGISTRY.get_sample_value("newsfacts_stage_failures_total", {"section": "money"}) or 0.0

    before = failures()
    _failing_stage(monkeypatch, "money", lambda text: "Shoigu" in text)
    data = client.post(PATH, json={"documents": [{"text": DENMARK}, {"text": SHOIGU}]})
    assert failures() - before == 1  # counted, so that a stage's bug shows on a dashboard
    check_response(spec, PATH, "POST", data)
    results = data.get_json()["results"]
    assert [r["status"] for r in results] == [200, 200]
    assert results[1]["analysis"]["warnings"][0]["section"] == "money"
    assert results[1]["analysis"]["entities"]


# --- warming up: the rule data is loaded before gunicorn forks ---------------------------------------


def test_warm_up_runs_every_stage_on_its_sentence():
    from service.extract import _WARM_UP, warm_up

    assert warm_up() is True
    result = extract(_WARM_UP, REFERENCE_DATE)
    assert result.entities and result.quotes and result.money and result.dates


def test_a_failing_warm_up_is_logged_not_fatal(monkeypatch, caplog):
    from service import extract as core

    _failing_stage(monkeypatch, "money", lambda text: True)
    assert core.warm_up() is False
    assert "warming up the extractors failed" in caplog.text


def test_a_document_over_the_token_limit_is_answered_in_its_place(small_app):
    """MAX_CHARS 120: at most 60 tokens a document; quote-mark soup is one token a character."""
    body = {"documents": [{"text": '"' * 100}, {"text": "Denmark said on Tuesday it would donate."}]}
    data = small_app.post(PATH, json=body).get_json()
    assert [r["status"] for r in data["results"]] == [422, 200]
    assert "limit of 60 tokens" in data["results"][0]["problem"]["errors"]["text"][0]


def test_a_batch_can_ask_for_direct_quotes_only(client, spec):
    """`quotes` is given once for the whole batch, as `include` is: `direct` leaves reported speech out."""
    text = "Ukrainian Defence Minister Oleksiy Reznikov said on Monday that Denmark would give more."
    kinds = {}
    for option in ("all", "direct"):
        data = client.post(PATH, json={"documents": [{"text": text}], "quotes": option})
        check_response(spec, PATH, "POST", data)
        kinds[option] = [q["kind"] for q in data.get_json()["results"][0]["analysis"]["quotes"]]
    assert kinds == {"all": ["indirect"], "direct": []}
