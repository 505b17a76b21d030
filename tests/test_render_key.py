"""The render form with API keys on: the form itself is open and asks for the key; a browser posts the
key in the form's ``api_key`` field (it cannot set the header) and a missing or wrong key gets a page
saying so, not JSON."""

from __future__ import annotations

import hashlib

import pytest

from service.app import create_app
from service.config import Settings
from service.openapi import build_spec

KEY = "nf_live_4bQk9x2T"
ARTICLE = "Russian Defense Minister Sergei Shoigu said on Tuesday that Russia would double its output."


@pytest.fixture(scope="module")
def keyed():
    return create_app({"TESTING": True, "API_KEYS": hashlib.sha256(KEY.encode()).hexdigest()}).test_client()


def test_the_form_is_open_and_asks_for_the_key(keyed):
    page = keyed.get("/v1/render")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert 'name="api_key" type="password"' in page.get_data(as_text=True)


def test_without_keys_the_form_asks_for_none(client):
    assert 'name="api_key"' not in client.get("/v1/render").get_data(as_text=True)


def test_the_form_with_its_key_renders_the_article(keyed):
    page = keyed.post("/v1/render", data={"text": ARTICLE, "published": "", "api_key": f" {KEY} "})
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    html = page.get_data(as_text=True)
    assert "Sergei Shoigu" in html and KEY not in html


@pytest.mark.parametrize(
    ("key", "says"), [(None, "needs an API key"), ("", "needs an API key"), ("nf_wrong", "not valid")]
)
def test_the_form_without_a_valid_key_gets_a_page_saying_so(keyed, key, says):
    data = {"text": ARTICLE} if key is None else {"text": ARTICLE, "api_key": key}
    page = keyed.post("/v1/render", data=data)
    assert page.status_code == 401 and page.mimetype == "text/html"
    assert says in page.get_data(as_text=True)
    assert page.headers["WWW-Authenticate"].startswith('Bearer realm="newsfacts"')


def test_a_form_key_opens_only_forms(keyed):
    """JSON requests still need the header: a key in a JSON body is not a key."""
    response = keyed.post("/v1/extract", json={"text": ARTICLE, "api_key": KEY})
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    header = keyed.post("/v1/render", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {KEY}"})
    assert header.status_code == 200


def test_the_spec_leaves_the_form_open():
    paths = build_spec(Settings())["paths"]
    assert (
        "security" not in paths["/v1/render"]["get"] and "401" not in paths["/v1/render"]["get"]["responses"]
    )
    assert paths["/v1/render"]["post"]["security"]
