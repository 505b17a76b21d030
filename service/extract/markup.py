"""Articles sent as HTML: the plain text the extractors read, and the way back to the HTML's offsets.

Scraped articles mostly come as HTML. :func:`html_text` reads it with the standard library's
``HTMLParser`` and records, for every character of the text it makes, where that character came from
in the source. The text is what a browser shows, as plain text: the text of the elements, character
references decoded (``&amp;`` → ``&``), a blank line between paragraphs (block elements), a newline
for ``<br>``, whitespace collapsed outside ``<pre>``, nothing from ``<head>``, ``<script>``,
``<style>`` and the like (the element lists are in ``data/markup.yaml``).

:meth:`Markup.to_source` turns a result's offsets into offsets of the HTML source, so that
``source[start:end]`` is the markup that shows the span (``<b>Reznikov</b> said``) and a highlighter can
mark the page it was sent; each span's ``text`` stays the words. The result's ``text`` becomes the
source, so that a later conversion of the offsets to UTF-16 or UTF-8 units counts the source's
characters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from .model import Analysis
from .offsets import map_offsets
from .tables import read_yaml

TEXT_FORMATS = ("text", "html")  # request option: how the article is written


class UnreadableMarkup(ValueError):
    """The HTML parser gave up on the text (the standard library's parser raises on a few malformed
    declarations); the message says so without quoting the text."""


@dataclass(frozen=True, slots=True)
class _Elements:
    skipped: frozenset[str]
    block: frozenset[str]
    line: frozenset[str]
    preformatted: frozenset[str]
    published: tuple[str, ...]  # names of publication-date metadata, best first


@functools.cache
def _elements() -> _Elements:
    raw = read_yaml("markup.yaml")
    return _Elements(
        skipped=frozenset(raw["skipped_elements"]),
        block=frozenset(raw["block_elements"]),
        line=frozenset(raw["line_elements"]),
        preformatted=frozenset(raw["preformatted_elements"]),
        published=tuple(raw["published_meta"]),
    )


@dataclass(frozen=True, slots=True)
class Markup:
    """An HTML source and the plain text read from it. ``starts[i]``: where in the source a span that
    starts at text offset ``i`` starts; ``ends[i]``: where one that ends at ``i`` ends (both have one
    entry per text offset, ``len(text) + 1``)."""

    source: str
    text: str
    starts: list[int]
    ends: list[int]
    published: dt.date | None = None  # the publication date the page's metadata states

    def anchor(self, asked: dt.date | None) -> dt.date | None:
        """The publication date to read the page with: the request's, else the one the page states."""
        return asked if asked is not None else self.published

    def labelled(self, result: Analysis, asked: dt.date | None) -> Analysis:
        """``result`` (read with :meth:`anchor`) with ``published_source`` ``page`` where the page's date
        was used."""
        if asked is None and self.published is not None and result.published_source == "request":
            return dataclasses.replace(result, published_source="page")
        return result

    def to_source(self, result: Analysis) -> Analysis:
        """A copy of ``result`` (read from ``text``): offsets into ``source``, and ``source`` as its text."""
        return dataclasses.replace(map_offsets(result, self.starts, self.ends), text=self.source)


def anchor_of(page: Markup | None, asked: dt.date | None) -> dt.date | None:
    """The publication date to read an article with: the asked one, else (for a web page) the page's."""
    return page.anchor(asked) if page is not None else asked


def as_asked(
    page: Markup | None, result: Analysis, asked: dt.date | None, in_source: bool = True
) -> Analysis:
    """``result``, read from the text of ``page`` (or of a plain-text article: ``page`` None), as the client
    asked for it: labelled with where its publication date came from, offsets into the HTML source
    (``in_source``) or into the page's plain text."""
    if page is None:
        return result
    result = page.labelled(result, asked)
    return page.to_source(result) if in_source else result


def page_text(source: str) -> Markup:
    """:func:`html_text` for an article: :class:`UnreadableMarkup` also when the page holds no text."""
    page = html_text(source)
    if not page.text.strip():
        raise UnreadableMarkup("The HTML holds no text (outside head, script, style and the like).")
    return page


def html_text(source: str) -> Markup:
    """The plain text of the HTML ``source``, with the way back to its offsets."""
    defused, restore = _defuse(source)
    reader = _Reader(source, restore)
    try:
        reader.feed(defused)
        reader.close()
    except (AssertionError, ValueError, IndexError) as exc:  # the parser's own "cannot happen" cases
        raise UnreadableMarkup(f"The HTML could not be parsed ({type(exc).__name__}).") from None
    ends = [0, *reader.ends]
    return Markup(source, "".join(reader.out), [*reader.starts, len(source)], ends, reader.published())


# What may follow "<" to open markup, and what must come somewhere after it to close that markup.
_OPENER = re.compile(r"<(?:(!--)|(!\[(?:cdata|if|else|endif|temp|rcdata|ignore|include)\b)|[!?/a-z])", re.I)
_REFERENCE = re.compile(r"&[#a-z]", re.I)
_SPECIAL = re.compile("[<&]")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_JSON_LD_DATE = re.compile(r'"(datePublished)"\s*:\s*"([^"]*)"')
_RUNS = re.compile(r"(\s+)|\S+")  # runs of whitespace (group 1) and of the rest


def _defuse(source: str) -> tuple[str, dict[str, str]]:
    """``source`` with each "<" that opens no markup that ends ("<b" with no ">" after it, "<!--" with no
    "-->") and each "&" that starts no reference replaced by a stand-in character, one for one, so
    that offsets do not move; and the map back. The standard library's parser reads such text a
    character at a time, and rescans an unended construct from its start each time it tries again:
    100,000 "<b" took 135 s. With the stand-ins it reads them as text, in one pass."""
    unused = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in source)
    lt, amp = next(unused, None), next(unused, None)
    if lt is None or amp is None:  # every private-use character in the text: leave it to the parser
        return source, {}
    ends = {"comment": source.rfind("-->"), "section": source.rfind("]>"), "tag": source.rfind(">")}
    out = list(source)
    opened = {m.start(): m for m in _OPENER.finditer(source)}
    for special in _SPECIAL.finditer(source):
        i, ch = special.start(), special.group()
        if ch == "<":
            m = opened.get(i)
            kind = "comment" if m and m.group(1) else "section" if m and m.group(2) else "tag"
            if m is None or ends[kind] < m.end():
                out[i] = lt
        elif ch == "&" and not _REFERENCE.match(source, i):
            out[i] = amp
    return "".join(out), {lt: "<", amp: "&"}


class _Reader(HTMLParser):
    """Collects the text of an HTML document, one source span per character of it."""

    def __init__(self, source: str, restore: dict[str, str]) -> None:
        super().__init__(convert_charrefs=False)  # references one by one, so each keeps its place
        self.source = source
        self.restore = {ord(k): v for k, v in restore.items()}  # stand-ins back to what they stand for
        self.line_starts = [0, *(i + 1 for i, ch in enumerate(source) if ch == "\n")]
        self.elements = _elements()
        self.out: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.skipping: dict[str, int] = {}  # open skipped elements, by name
        self.preformatted = 0
        self.pending_break = ""  # "\n" or "\n\n", written before the next character
        self.break_at = 0
        self.pending_space: tuple[int, int] | None = None  # a collapsed run of whitespace
        self.dates: dict[str, str] = {}  # publication-date metadata: name -> first value met
        self.in_json_ld = False

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _put(self, chunk: str, starts: Iterable[int], ends: Iterable[int]) -> None:
        self.out.append(chunk)
        self.starts.extend(starts)
        self.ends.extend(ends)

    def _break(self, kind: str) -> None:
        if self.out and len(kind) >= len(self.pending_break):
            self.pending_break, self.break_at = kind, self._here()

    def _text(self, data: str, at: int, width: int | None = None) -> None:
        """``data`` read at source offset ``at``: raw text (character ``k`` at ``at + k``), or, with
        ``width``, the decoding of one reference ``width`` characters long."""
        if any(self.skipping.values()):
            return
        for run in _RUNS.finditer(data):
            k, n = run.start(), len(run.group())
            if run.group(1) and not self.preformatted:  # whitespace: one space, if text follows
                if self.pending_space is None:
                    self.pending_space = (at + k, at + k + 1) if width is None else (at, at + width)
                continue
            if self.pending_break:
                n_break = len(self.pending_break)
                self._put(self.pending_break, [self.break_at] * n_break, [self.break_at] * n_break)
            elif self.pending_space and self.out and not self.out[-1][-1].isspace():
                self._put(" ", [self.pending_space[0]], [self.pending_space[1]])
            self.pending_break, self.pending_space = "", None
            chunk = run.group().translate(self.restore) if self.restore else run.group()
            if width is None:
                self._put(chunk, range(at + k, at + k + n), range(at + k + 1, at + k + n + 1))
            else:
                self._put(chunk, [at] * n, [at + width] * n)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open_or_close(tag, +1)
        if tag in ("meta", "time"):
            self._metadata(dict(attrs))
        self.in_json_ld = tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json"

    def _metadata(self, attrs: dict[str, str | None]) -> None:
        value = attrs.get("content") or attrs.get("datetime")
        for key in ("property", "name", "itemprop"):
            name = (attrs.get(key) or "").lower()
            if value and name in self.elements.published:
                self.dates.setdefault(name, value)

    def published(self) -> dt.date | None:
        """The publication date the page states (the best-ranked name that has a readable date)."""
        for name in self.elements.published:
            found = _ISO_DATE.match(self.dates.get(name, ""))
            if found:
                try:
                    return dt.date(*map(int, found.groups()))
                except ValueError:
                    continue
        return None

    def handle_endtag(self, tag: str) -> None:
        self._open_or_close(tag, -1)
        self.in_json_ld = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open_or_close(tag, 0)

    def _open_or_close(self, tag: str, step: int) -> None:
        """An element opens (+1), closes (-1) or is empty (0, ``<br/>``)."""
        el = self.elements
        if tag == "body":  # an unclosed <head> ends where the body starts
            self.skipping.pop("head", None)
        if tag in el.skipped and step:
            self.skipping[tag] = max(0, self.skipping.get(tag, 0) + step)
        if tag in el.preformatted and step:
            self.preformatted = max(0, self.preformatted + step)
        if tag in el.block:
            self._break("\n\n")
        elif tag in el.line and step >= 0:
            self._break("\n")

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:  # schema.org metadata: its keys are read, not parsed as JSON (often invalid)
            for name, value in _JSON_LD_DATE.findall(data):
                self.dates.setdefault(name.lower(), value)
        self._text(data, self._here())

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        at = self._here()
        if self.source.startswith(";", at + len(raw)):
            raw += ";"
        self._text(html.unescape(raw), at, len(raw))
