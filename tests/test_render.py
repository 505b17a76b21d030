"""The article as a web page for people: findings highlighted, everything from the text HTML-escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from service.extract import extract
from service.extract.model import Analysis, Entity, Mention, Quote, Span, Speaker
from service.render import highlight, render_html
from tests.conftest import REFERENCE_DATE
from tests.live import headless

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
VOID = {"meta", "br", "input", "img", "link"}


class _Page(HTMLParser):
    """Checks that tags nest properly; collects the text of the article and the marks in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.in_article = 0
        self.article = ""
        self.marks: list[tuple[str, str]] = []  # (class, text) of each highlight element

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        self.stack.append(tag)
        classes = dict(attrs).get("class") or ""
        if self.in_article:
            self.in_article += 1
            self.marks.append((classes, ""))
        elif "article" in classes.split():
            self.in_article = 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, (
            f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        )
        self.stack.pop()
        if self.in_article:
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article:
            self.article += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.stack == [], f"unclosed: {page.stack}"
    return page


# Real news sentences, and hostile text: the article reads back exactly, and no markup gets in.
TEXTS = [
    "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the “key things” were ready.",
    "Also Tuesday, Denmark said it was donating 1.7 billion kroner (€228 million) in aid to Ukraine.",
    "AT&T said on Tuesday that profit rose to $3.2 billion, beating the <estimates> of analysts.",
    '"We will <b>not</b> back down," said Sen. Chuck Schumer <script>alert(1)</script> on Friday.',
    'Shares of Procter & Gamble fell 2% "><img src=x onerror=alert(1)> to $140 a share in New York.',
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_page_shows_the_article_exactly_and_no_markup_from_it(text):
    result = extract(text, REFERENCE_DATE)
    html = render_html(result)
    page = _parse(html)
    assert page.article == text
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags


def test_every_finding_is_highlighted_with_its_text():
    text = TEXTS[1]
    result = extract(text, REFERENCE_DATE)
    page = _parse(render_html(result))
    money = [t for c, t in page.marks if c.startswith("money")]
    assert len(money) == len(result.money) == 2
    assert any(c.startswith("entity GPE") for c, _ in page.marks)
    assert any(c == "date" for c, _ in page.marks)


def _analysis(text: str, **sections) -> Analysis:
    return Analysis(text=text, published=None, published_source="none", **sections)


def test_marks_nest_inside_a_quote_and_crossing_marks_stay_well_formed():
    text = '"Shoigu must go," Prigozhin said.'
    shoigu = Entity("E1", "Shoigu", "PERSON", 0.5, [Mention("Shoigu", 1, 7)])
    # A (wrong) mention crossing the end of the quote: the page must stay well formed.
    crossing = Entity("E2", 'go," Prigozhin', "PERSON", 0.5, [Mention('go," Prigozhin', 13, 27)])
    quote = Quote(
        "Q1",
        "Shoigu must go,",
        1,
        16,
        "direct",
        Speaker("Prigozhin", 18, 27, "E2"),
        Span("said", 28, 32),
        0.9,
    )
    html = str(highlight(text, []))
    assert html == "&#34;Shoigu must go,&#34; Prigozhin said."
    page_html = render_html(_analysis(text, entities=[shoigu, crossing], quotes=[quote]))
    assert re.search(r'<span class="quote"[^>]*><mark class="entity PERSON"[^>]*>Shoigu</mark>', page_html)
    assert _parse(page_html).article == text


def test_names_and_values_in_tooltips_and_tables_are_escaped():
    text = 'Acme <Holdings> "Ltd" said so.'
    entity = Entity("E1", 'Acme <Holdings> "Ltd"', "ORG", 1.0, [Mention('Acme <Holdings> "Ltd"', 0, 21)])
    html = render_html(_analysis(text, entities=[entity]))
    assert "<Holdings>" not in html
    assert 'title="Acme &lt;Holdings&gt; &#34;Ltd&#34; (ORG, E1)"' in html
    assert "<td>Acme &lt;Holdings&gt; &#34;Ltd&#34;</td>" in html


# --- over HTTP ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"json": {"text": TEXTS[1], "published": "2023-05-02"}},
        {"data": TEXTS[1], "content_type": "text/plain"},
        {"data": {"text": TEXTS[1], "published": "2023-05-02"}},  # the HTML form
        {"data": {"text": TEXTS[1], "published": ""}},  # the form's empty date field means none
    ],
    ids=["json", "text", "form", "form-no-date"],
)
def test_render_takes_what_extract_takes_and_a_form(client, kwargs):
    response = client.post("/v1/render", **kwargs)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert _parse(response.get_data(as_text=True)).article == TEXTS[1]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"text": " "}}, 422),
        ({"data": {"text": "x", "published": "May 2"}}, 422),
        ({"data": "<p>x</p>", "content_type": "application/xml"}, 415),
        ({"data": "<script>x()</script>", "content_type": "text/html"}, 422),
    ],
)
def test_render_refuses_what_extract_refuses_as_problem_json(client, kwargs, status):
    response = client.post("/v1/render", **kwargs)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"


def test_the_form_posts_to_render(client):
    response = client.get("/v1/render")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<form method="post" action="/v1/render">' in html and 'name="text"' in html


# --- in a real browser ----------------------------------------------------------------------------


def test_a_browser_draws_the_sample_article_highlighted(sample_text, tmp_path):
    """Saves artifacts/render.html and artifacts/render.png (look at it after a change of the page)."""
    hostile = sample_text + '\n\n<script>document.title="pwned"</script> "><img src=x onerror=alert(1)>'
    result = extract(hostile)
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "render.html"
    page.write_text(render_html(result), encoding="utf-8")
    shot = ARTIFACTS / "render.png"
    shot.unlink(missing_ok=True)
    dom = headless(page.as_uri(), tmp_dir=str(tmp_path / "dom"), dump_dom=True)
    headless(page.as_uri(), tmp_dir=str(tmp_path / "shot"), screenshot=str(shot))
    assert "<img" not in dom and "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert dom.count('<mark class="money"') == len(result.money)
    assert dom.count('<mark class="date"') == len(result.dates)
    assert dom.count('<span class="quote"') >= len(result.quotes)
    assert shot.stat().st_size > 50_000


def test_the_page_counts_who_is_quoted():
    text = (
        '"We will not retreat," Zelensky said. "The line will hold," he added. An aide said talks went well.'
    )
    result = extract(text, REFERENCE_DATE)
    html = render_html(result)
    assert "<h2>Sources</h2>" in html
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td>", html.split("<h2>Sources</h2>")[1]
    )
    assert rows[:2] == [("Zelensky", "PERSON", "2"), ("An aide", "—", "1")]
