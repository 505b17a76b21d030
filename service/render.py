"""The article as a web page for people: entities, quotes, money and dates highlighted.

:func:`render_html` is a pure function from an :class:`Analysis` to an HTML document; every piece
of the submitted text (and every name or value derived from it) is HTML-escaped. ``POST
/v1/render`` takes what ``POST /v1/extract`` takes, or an HTML form; ``GET /v1/render`` is the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, request
from markupsafe import Markup, escape

from schemas import ExtractRequestSchema

from .api import run_extraction
from .apidoc import article_body, errors, html, operation
from .auth import FORM_KEY_FIELD, FORM_TYPES
from .extract import Analysis
from .request_input import form_fields, request_fields

blueprint = Blueprint("render", __name__)

# Layers, outermost first: a quote contains names, figures and dates; a name may contain a date.
_LAYERS = ("quote", "cue", "entity", "money", "date")

_STYLE = """
body { font: 16px/1.6 Georgia, serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #222; }
h1 { font: 600 1.3rem system-ui, sans-serif; }
h2 { font: 600 1.1rem system-ui, sans-serif; margin-top: 2rem; }
.meta, .legend, table { font: 0.85rem system-ui, sans-serif; color: #555; }
.legend span { margin-right: 0.8rem; padding: 0 0.3rem; }
.article { white-space: pre-wrap; border-top: 1px solid #ddd; padding-top: 1rem; }
.quote { background: #fff3bf; }
.cue { text-decoration: underline wavy #b8860b; }
mark { background: none; color: inherit; border-radius: 3px; padding: 0 1px; }
.entity { box-shadow: inset 0 -0.45em #d0ebff; }
.entity.PERSON { box-shadow: inset 0 -0.45em #b2f2bb; }
.entity.ORG { box-shadow: inset 0 -0.45em #d0bfff; }
.entity.GPE, .entity.LOC { box-shadow: inset 0 -0.45em #a5d8ff; }
.money { outline: 2px solid #2b8a3e; }
.date { outline: 2px dashed #c92a2a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #eee; padding: 0.2rem 0.5rem; vertical-align: top; }
textarea { width: 100%; height: 20rem; font: 0.9rem ui-monospace, monospace; }
"""


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    layer: str  # one of _LAYERS
    css: str  # extra class names (entity type)
    title: str  # tooltip (plain text, escaped when written)


def render_html(result: Analysis) -> str:
    """A whole HTML page: the article with its findings highlighted, then a table per section.

    Input: an Analysis (as ``extract`` returns). Output: the page as a string; all text escaped.
    """
    parts = [
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>newsfacts: {escape(_headline(result.text))}</title>\n",
        f"<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<h1>{escape(_headline(result.text))}</h1>\n",
        _meta(result),
        '<p class="legend"><span class="entity PERSON">person</span>'
        '<span class="entity ORG">organisation</span>'
        '<span class="entity GPE">place</span><span class="entity">other name</span>'
        '<span class="quote">quote</span><span class="cue">reporting verb</span>'
        '<span class="money">money</span><span class="date">date</span></p>\n',
        f'<div class="article">{highlight(result.text, _marks(result))}</div>\n',
        _tables(result),
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def highlight(text: str, marks: list[_Mark]) -> Markup:
    """``text`` escaped, with each mark's stretch wrapped in an element of its layer.

    Overlapping marks nest by layer (quote outermost); where marks cross, an element is
    closed and reopened around the crossing. Linear in the text and the marks.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[_Mark]] = {}
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            starting.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        piece = str(escape(text[a:b]))
        for m in sorted(active, key=lambda m: _LAYERS.index(m.layer), reverse=True):
            tag = "span" if m.layer in ("quote", "cue") else "mark"
            css = f"{m.layer} {m.css}".strip()
            piece = f'<{tag} class="{escape(css)}" title="{escape(m.title)}">{piece}</{tag}>'
        out.append(piece)
    return Markup("".join(out))


def _marks(result: Analysis) -> list[_Mark]:
    marks: list[_Mark] = []
    for q in result.quotes:
        who = q.speaker.text if q.speaker else "unattributed"
        marks.append(_Mark(q.start, q.end, "quote", "", f"{q.kind} quote: {who}"))
        if q.cue is not None:
            marks.append(_Mark(q.cue.start, q.cue.end, "cue", "", f"cue of {who}"))
    for e in result.entities:
        for mention in e.mentions:
            marks.append(_Mark(mention.start, mention.end, "entity", e.type, f"{e.name} ({e.type}, {e.id})"))
    for m in result.money:
        marks.append(
            _Mark(m.start, m.end, "money", "", f"{_amount(m.amount, m.min, m.max)} {m.currency or '?'}")
        )
    for d in result.dates:
        marks.append(_Mark(d.start, d.end, "date", "", f"{d.type} {d.value or '?'}"))
    return marks


def _amount(amount: Any, low: Any, high: Any) -> str:
    if amount is not None:
        return str(amount)
    return f"{low if low is not None else '…'}–{high if high is not None else '…'}"


def _headline(text: str) -> str:
    """The first line that is not the dateline, shortened: the page's title."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.lower().startswith("date "):
            return line if len(line) <= 120 else line[:119] + "…"
    return "article"


def _meta(result: Analysis) -> str:
    published = result.published.isoformat() if result.published else "unknown"
    model = ", ".join(f"{k} {v}" for k, v in result.model.items())
    return (
        f'<p class="meta">Published {escape(published)} (from {escape(result.published_source)}) · '
        f"{len(result.text)} characters · {escape(model)}</p>\n"
    )


def _table(title: str, head: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return f'<h2>{escape(title)}</h2>\n<p class="meta">None found.</p>\n'
    cells = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>\n" for row in rows)
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    return (
        f"<h2>{escape(title)}</h2>\n<table><thead><tr>{header}</tr></thead><tbody>\n{cells}</tbody></table>\n"
    )


def _tables(result: Analysis) -> str:
    return "".join(
        [
            _table(
                "Entities",
                ("name", "type", "salience", "mentions"),
                [(e.name, e.type, f"{e.salience:.3f}", len(e.mentions)) for e in result.entities],
            ),
            _table(
                "Quotes",
                ("speaker", "quote", "cue", "said on"),
                [
                    (
                        q.speaker.text if q.speaker else "—",
                        _short(q.text),
                        q.cue.text if q.cue else "—",
                        q.said_on or "",
                    )
                    for q in result.quotes
                ],
            ),
            _table(
                "Sources",
                ("speaker", "type", "quotes", "direct", "partial", "indirect"),
                [
                    (s.name, s.type or "—", len(s.quotes), s.direct, s.partial, s.indirect)
                    for s in result.sources
                ],
            ),
            _table(
                "Money",
                ("text", "amount", "currency"),
                [(m.text, _amount(m.amount, m.min, m.max), m.currency or "?") for m in result.money],
            ),
            _table(
                "Dates", ("text", "type", "value"), [(d.text, d.type, d.value or "?") for d in result.dates]
            ),
        ]
    )


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KEY_FIELD = (
    '<p><label>API key <input name="api_key" type="password" autocomplete="current-password" '
    "required></label></p>"
)
_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsfacts: read an article</title>
<style>{style}</style></head>
<body><h1>Read an article</h1>
<form method="post" action="{action}">
<p><textarea name="text" required placeholder="Paste the article text here"></textarea></p>
{key_field}
<p><label>Published (YYYY-MM-DD, optional) <input name="published" size="12"></label>
<button type="submit">Highlight</button></p>
</form></body></html>
"""


@blueprint.post("/v1/render")
@operation(
    operation_id="render",
    summary="The article as a web page, its entities, quotes, money and dates highlighted",
    description="Takes what `POST /v1/extract` takes (JSON or `text/plain`), or an HTML form "
    "(`application/x-www-form-urlencoded`: `text`, `published`, and `api_key` when the service "
    "takes API keys, as a browser cannot send the header), and answers a page for people "
    "to read. `GET /v1/render` is the form (open: it asks for the key when keys are on).",
    request_body=article_body,
    responses=lambda s: {"200": html("The highlighted article."), **errors(s)},
)
def render_one() -> Response:
    """What ``POST /v1/extract`` reads (JSON, text/plain, or an HTML form), as a highlighted page."""
    if request.mimetype in FORM_TYPES:
        fields: Any = {
            k: v for k, v in form_fields().items() if (v.strip() or k == "text") and k != FORM_KEY_FIELD
        }
    else:
        fields = request_fields(_schema)
    loaded: dict[str, Any] = _schema.load(fields)
    result = run_extraction(loaded, in_source=False)  # a web page is shown as its text
    return Response(render_html(result), mimetype="text/html")


@blueprint.get("/v1/render")
@operation(
    operation_id="renderForm",
    summary="A form to paste an article into, posting to `POST /v1/render`",
    responses={"200": html("The form.")},
)
def render_form() -> Response:
    """A form to paste an article into."""
    keys_on = current_app.extensions.get("newsfacts.api_key_count", 0) > 0
    key_field = Markup(_KEY_FIELD) if keys_on else ""
    page = _FORM.format(style=_STYLE, action=escape(request.path), key_field=key_field)
    return Response(page, mimetype="text/html")


_schema = ExtractRequestSchema()
