"""Articles sent as HTML (`format: html`, or a `text/html` body): the text is read as a browser shows it,
and every offset in the answer indexes the HTML as sent."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extract.markup import UnreadableMarkup, html_text

PAGE = (
    "<!doctype html><html><head><title>Denmark gives tanks | News</title>"
    "<style>p { margin: 0 }</style><script>var ad = '<p>Buy now</p>';</script></head>\n"
    "<body><h1>Denmark gives tanks</h1>\n"
    "<p>COPENHAGEN &mdash; Denmark will donate 1.7&nbsp;billion kroner ($249 million),\n"
    "   <a href='/people/reznikov'><b>Oleksiy Reznikov</b></a> said on Tuesday.</p>\n"
    "<p>&ldquo;We are grateful,&rdquo; he said.<br>Talks resume in May.</p></body></html>"
)

TEXTS = [
    # paragraphs from block elements; head, style and script left out; references decoded; runs of
    # whitespace (a source's line breaks and indentation) one space, as a browser shows them
    (
        PAGE,
        "Denmark gives tanks\n\n"
        "COPENHAGEN — Denmark will donate 1.7 billion kroner ($249 million), Oleksiy Reznikov said on "
        "Tuesday.\n\n“We are grateful,” he said.\nTalks resume in May.",
    ),
    # a fragment is HTML too; inline elements join their text without a space
    ("<p>Shares of <i>Novo</i>Nordisk fell 3%</p>", "Shares of NovoNordisk fell 3%"),
    # whitespace inside <pre> is kept as written
    ("<p>Results:</p><pre>Yes   52%\nNo    48%</pre>", "Results:\n\nYes   52%\nNo    48%"),
    # an unclosed <head> ends where the body starts
    ("<html><head><title>T</title><body><p>The minister resigned.</p>", "The minister resigned."),
    # list items and table cells are paragraphs of their own
    ("<ul><li>Oil rose 2%.</li><li>Gold fell.</li></ul>", "Oil rose 2%.\n\nGold fell."),
    # a comment, a character reference without its semicolon, an ampersand that is no reference
    ("<p>AT&amp;T <!-- ad -->and Procter &amp Gamble &c.</p>", "AT&T and Procter & Gamble &c."),
]


@pytest.mark.parametrize(("source", "text"), TEXTS, ids=[t[:30] for t, _ in TEXTS])
def test_the_text_of_a_page_is_what_a_browser_shows(source, text):
    assert html_text(source).text == text


def _shown(fragment: str) -> str:
    """What a slice of HTML shows: tags removed, references decoded (the standard library's)."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def test_each_character_maps_back_to_the_markup_that_shows_it():
    markup = html_text(PAGE)
    for word in ("Oleksiy Reznikov", "1.7 billion kroner", "COPENHAGEN — Denmark", "“We are grateful,”"):
        start = markup.text.index(word)
        end = start + len(word)
        fragment = PAGE[markup.starts[start] : markup.ends[end]]
        assert " ".join(_shown(fragment).split()) == word.replace("\u00a0", " ")
    start = markup.text.index("Oleksiy")
    assert PAGE[markup.starts[start] :].startswith("Oleksiy")  # not the tags before the name


WORDS = st.text(st.characters(whitelist_categories=("L", "N", "P", "S")), min_size=1, max_size=8)
INLINE = st.sampled_from(["b", "i", "a", "span", "em", "strong"])


@st.composite
def marked_up(draw):
    """(words, HTML): words escaped with html.escape (so '<', '&' and quotes become references), some
    wrapped in inline elements, joined by whitespace of any kind."""
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    parts = []
    for word in words:
        piece = html.escape(word)
        tag = draw(st.one_of(st.none(), INLINE))
        parts.append(f"<{tag}>{piece}</{tag}>" if tag else piece)
    gaps = draw(
        st.lists(st.sampled_from([" ", "  ", "\n", " \n\t"]), min_size=len(words), max_size=len(words))
    )
    body = "".join(p + g for p, g in zip(parts, gaps, strict=True))
    return words, f"<p>{body}</p>"


@settings(max_examples=200, deadline=None)
@given(marked_up())
def test_escaped_words_read_back_with_offsets_into_the_source(case):
    words, source = case
    markup = html_text(source)
    assert markup.text == " ".join(words)
    at = 0
    for word in words:
        start = markup.text.index(word, at)
        end = at = start + len(word)
        assert _shown(source[markup.starts[start] : markup.ends[end]]) == word


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("<>/!&#;[]-ab pxD\n\"'="), max_size=40))
def test_any_text_is_read_or_refused_with_a_clear_error(source):
    try:
        markup = html_text(source)
    except UnreadableMarkup as exc:
        assert "could not be parsed" in str(exc)
        return
    assert len(markup.starts) == len(markup.ends) == len(markup.text) + 1
    assert all(0 <= s <= len(source) for s in markup.starts)
    assert all(s <= e for s, e in zip(markup.starts[:-1], markup.ends[1:], strict=True))


def test_a_marked_section_the_parser_gives_up_on_is_an_error_not_a_crash():
    with pytest.raises(UnreadableMarkup):
        html_text("<![foo[bar]]>The minister resigned.")


# --- over HTTP --------------------------------------------------------------------------------------


def _shown_at(source: str, span: dict) -> str:
    return " ".join(_shown(source[span["start"] : span["end"]]).split())


def test_a_text_html_body_is_read_as_a_page_with_offsets_into_it(client):
    r = client.post("/v1/extract?published=2023-05-02", data=PAGE.encode(), content_type="text/html")
    assert r.status_code == 200
    body = r.get_json()
    names = {e["name"] for e in body["entities"]}
    assert {"Denmark", "Oleksiy Reznikov"} <= names
    spans = (
        [m for e in body["entities"] for m in e["mentions"]] + body["money"] + body["dates"] + body["quotes"]
    )
    for span in spans:
        assert _shown_at(PAGE, span) == " ".join(span["text"].replace("\u00a0", " ").split())
    assert [m["currency"] for m in body["money"]] == ["DKK", "USD"]
    assert next(q for q in body["quotes"] if q["kind"] == "direct")["text"] == "We are grateful,"


def test_json_with_format_html_is_the_same_and_units_count_the_source(client):
    as_page = client.post(
        "/v1/extract?published=2023-05-02", data=PAGE.encode(), content_type="text/html"
    ).get_json()
    as_json = client.post(
        "/v1/extract", json={"text": PAGE, "format": "html", "published": "2023-05-02"}
    ).get_json()
    assert as_json == as_page
    utf8 = client.post(
        "/v1/extract?offsets=utf8", json={"text": PAGE, "format": "html", "published": "2023-05-02"}
    ).get_json()
    raw = PAGE.encode()
    for entity in utf8["entities"]:
        for m in entity["mentions"]:
            assert _shown(raw[m["start"] : m["end"]].decode()).split() == m["text"].split()


@pytest.mark.parametrize(
    "source",
    ["<html><head><title>Only a title</title></head><body> </body></html>", "<script>alert(1)</script>"],
)
def test_a_page_with_no_text_is_refused_as_problem_json(client, source):
    r = client.post("/v1/extract", json={"text": source, "format": "html"})
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert "holds no text" in r.get_json()["errors"]["text"][0]


def test_unparsable_html_is_refused_as_problem_json(client):
    r = client.post("/v1/extract", data=b"<![foo[bar]]>The minister resigned.", content_type="text/html")
    assert r.status_code == 422 and "could not be parsed" in r.get_json()["errors"]["text"][0]


def test_a_batch_mixes_pages_and_plain_text(client):
    documents = [
        {"text": PAGE, "format": "html", "published": "2023-05-02"},
        {"text": "Talks resume in May."},
    ]
    results = client.post("/v1/extract/batch", json={"documents": documents}).get_json()["results"]
    assert [r["status"] for r in results] == [200, 200]
    money = results[0]["analysis"]["money"][0]
    assert PAGE[money["start"] : money["end"]] == "1.7&nbsp;billion kroner"


def test_the_render_page_shows_a_page_as_its_text(client):
    r = client.post("/v1/render?published=2023-05-02", data=PAGE.encode(), content_type="text/html")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "Oleksiy Reznikov" in page and "&lt;b&gt;" not in page


# --- the publication date a page states ------------------------------------------------------------

STATED = [
    ('<meta property="article:published_time" content="2023-05-02T09:30:00-04:00">', "2023-05-02"),
    ('<meta name="pubdate" content="2023-05-02">', "2023-05-02"),
    ('<time itemprop="datePublished" datetime="2023-05-02T10:00Z">May 2</time>', "2023-05-02"),
    # schema.org JSON-LD, read best-first over the Open Graph tag
    (
        '<meta property="article:published_time" content="2023-05-03">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-05-02T08:00:00Z"}'
        "</script>",
        "2023-05-02",
    ),
    # an unreadable value is passed over for the next name that has one
    (
        '<meta property="article:published_time" content="May 2"><meta name="date" content="2023-05-02">',
        "2023-05-02",
    ),
    ('<meta property="article:published_time" content="2023-02-30">', None),
    ('<meta name="description" content="2023-05-02">', None),
]


@pytest.mark.parametrize(("head", "date"), STATED, ids=[h[:40] for h, _ in STATED])
def test_the_publication_date_a_page_states(head, date):
    markup = html_text(
        f"<html><head>{head}</head><body><p>The minister resigned on Monday.</p></body></html>"
    )
    assert (markup.published.isoformat() if markup.published else None) == date
    assert markup.text == "The minister resigned on Monday."


def test_a_page_without_published_is_read_with_the_date_it_states(client):
    page = PAGE.replace(
        "<head>", '<head><meta property="article:published_time" content="2023-05-02T09:30:00Z">'
    )
    body = client.post("/v1/extract", data=page.encode(), content_type="text/html").get_json()
    assert (body["published"], body["published_source"]) == ("2023-05-02", "page")
    assert [(d["text"], d["value"]) for d in body["dates"]][:1] == [("Tuesday", "2023-05-02")]
    asked = client.post(
        "/v1/extract?published=2023-06-01", data=page.encode(), content_type="text/html"
    ).get_json()
    assert (asked["published"], asked["published_source"]) == ("2023-06-01", "request")
    batch = client.post(
        "/v1/extract/batch", json={"documents": [{"text": page, "format": "html"}]}
    ).get_json()
    assert batch["results"][0]["analysis"]["published_source"] == "page"
