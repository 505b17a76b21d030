"""CORS: browser pages of the configured origins may call the service (keys on or off); no other origin,
and no origin at all by default."""

from __future__ import annotations

import hashlib

import pytest

from service.app import create_app
from service.config import Settings

ALLOWED = "https://newsroom.example.com"
KEY = "nf_live_4bQk9x2T"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


@pytest.fixture(scope="module")
def cors_client():
    digest = hashlib.sha256(KEY.encode()).hexdigest()
    config = {
        "TESTING": True,
        "CORS_ORIGINS": f"{ALLOWED}/, https://other-desk.example.org",
        "API_KEYS": digest,
    }
    return create_app(config).test_client()


def test_origins_are_read_from_the_setting():
    settings = Settings.from_env({"NEWSFACTS_CORS_ORIGINS": " https://a.example , https://b.example/ ,"})
    assert settings.cors_origin_list == ["https://a.example", "https://b.example"]
    assert Settings().cors_origin_list == []


@pytest.mark.parametrize("path", ["/v1/extract", "/v1/extract/batch", "/v1/render"])
def test_a_preflight_from_an_allowed_origin_passes_without_a_key(cors_client, path):
    response = cors_client.options(path, headers={"Origin": ALLOWED, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    allowed_headers = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_a_preflight_from_another_origin_gets_no_cors_headers(cors_client):
    response = cors_client.options("/v1/extract", headers={"Origin": "https://evil.example", **PREFLIGHT})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_allowed_origin_reads_the_answer_and_its_request_id(cors_client):
    response = cors_client.post(
        "/v1/extract",
        json={"text": "Sergei Shoigu said on Tuesday that Russia would double its output."},
        headers={"Origin": ALLOWED, "Authorization": f"Bearer {KEY}"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "x-request-id" in response.headers["Access-Control-Expose-Headers"].lower()


def test_a_refused_key_is_readable_by_the_allowed_page_and_still_refused(cors_client):
    response = cors_client.post("/v1/extract", json={"text": "x"}, headers={"Origin": ALLOWED})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_off_by_default(client):
    response = client.options("/v1/extract", headers={"Origin": ALLOWED, **PREFLIGHT})
    assert "Access-Control-Allow-Origin" not in response.headers
    answer = client.post("/v1/extract", json={"text": "Shoigu said so."}, headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in answer.headers


# --- in a real browser: a page on another origin calls the service -----------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body><p id="out">waiting</p><script>
const text = "KYIV 🇺🇦 \\u2014 Sergei Shoigu said on Tuesday: \\u201cWe will double the output.\\u201d";
fetch("API/v1/extract", {
  method: "POST",
  headers: {"Content-Type": "application/json", "Authorization": "Bearer KEY"},
  body: JSON.stringify({text, offsets: "utf16"}),
}).then((r) => r.json()).then((b) => {
  const right = b.entities.every((e) => e.mentions.every((m) => text.slice(m.start, m.end) === m.text));
  const names = b.entities.map((e) => e.name).join("|");
  document.getElementById("out").textContent = "READ " + names + " " + right;
}).catch((e) => { document.getElementById("out").textContent = "BLOCKED " + e; });
</script></body></html>"""


@pytest.mark.parametrize("allowed", [True, False], ids=["allowed-origin", "other-origin"])
def test_a_page_on_another_origin_calls_the_service_only_when_allowed(allowed, tmp_path):
    import re

    from flask import Flask

    from tests.live import headless, serve

    api_url: dict[str, str] = {}
    page_app = Flask("page")

    @page_app.get("/")
    def page() -> str:
        return PAGE.replace("API", api_url["base"]).replace("KEY", KEY)

    with serve(page_app) as page_origin:
        origin = page_origin if allowed else "https://newsroom.example.com"
        digest = hashlib.sha256(KEY.encode()).hexdigest()
        api = create_app({"TESTING": True, "CORS_ORIGINS": origin, "API_KEYS": digest})
        with serve(api) as base:
            api_url["base"] = base.replace("127.0.0.1", "localhost")  # another host: another origin
            dom = headless(page_origin + "/", tmp_dir=str(tmp_path / "dom"), dump_dom=True, budget_ms=20_000)
    out = re.search(r'<p id="out">(.*?)</p>', dom, re.S)
    assert out is not None, dom[-2000:]
    if allowed:
        assert out.group(1) == "READ Sergei Shoigu true", dom[-2000:]
    else:
        assert out.group(1).startswith("BLOCKED TypeError"), dom[-2000:]
