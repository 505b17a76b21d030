"""Find the stretches of text between quotation marks, in every style news uses.

Works on the raw text, one paragraph at a time (a paragraph is a run of text between line breaks):

* double marks ``"…"``, ``“…”``, ``„…“``, ``«…»``; whether a mark opens or closes is read from its
  neighbours (a mark after a space and before a word opens, whatever its glyph), so a stray closing
  mark used as the opening one (``”We know that …”``) still pairs;
* single marks ``‘…’`` / ``'…'`` outside any double quote (headlines, British style); inside a double
  quote they are part of it (``“… we can say: ‘Yes, everything is ready’,”`` is one quote);
* a quote left open at the end of its paragraph and reopened at the start of the next runs on over
  both (the multi-paragraph convention); left open and not reopened, it ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = '"“”„«»‟'
_OPEN_GLYPHS = "“„«‟"
_CLOSE_GLYPHS = "”»"
_SINGLE = "'‘’‛"
_OPEN_LEFT = "([{—–-/…"  # characters after which a mark opens
_CLOSE_RIGHT = ".,;:!?)]}—–-…/"  # characters before which a mark closes
_PARAGRAPH = re.compile(r"[^\n]+")
# '' and `` (typewriter doubles, as in newspaper archives) count as one double mark
_MARK = re.compile(r"''|``|[\"“”„«»‟'‘’‛]")
_TAG = re.compile(r"<[A-Za-z/][^<>\n]{0,3000}>")  # markup left in the text: its marks are not quotes
_MAX_SINGLE = 400  # a single-quoted stretch longer than this is apostrophes, not a quote


@dataclass(slots=True, frozen=True)
class Marked:
    """A quoted stretch: ``start``/``end`` are the inner text, ``open``/``close`` the marks' offsets.

    ``close`` is None when the quote was never closed (it then ends with its paragraph).
    ``style`` is "double" or "single"; ``paragraphs`` is how many paragraphs it runs over.
    """

    start: int
    end: int
    open: int
    close: int | None
    style: str
    paragraphs: int = 1


def _role(text: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """ "open", "close" or "?" for the mark at ``i`` (``width`` long), from its neighbours in ``[lo, hi)``."""
    left = text[i - 1] if i > lo else ""
    right = text[i + width] if i + width < hi else ""
    left_open = left == "" or left.isspace() or left in _OPEN_LEFT
    right_close = right == "" or right.isspace() or right in _CLOSE_RIGHT
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return "?"


def _double_role(text: str, i: int, lo: int, hi: int) -> str:
    width = 2 if text.startswith(("''", "``"), i) else 1
    role = _role(text, i, lo, hi, width)
    if role != "?":
        return role
    ch = text[i]
    if width == 2:
        return "open" if ch == "`" else "close"
    if ch in _OPEN_GLYPHS:
        return "open"
    if ch in _CLOSE_GLYPHS:
        return "close"
    return "toggle"


def _single_role(text: str, i: int, lo: int, hi: int) -> str:
    """Single marks are apostrophes unless their neighbours say they open or close a quote."""
    role = _role(text, i, lo, hi)
    ch = text[i]
    if role == "open" and ch in "'‘‛":
        nxt = text[i + 1 : i + 4]
        # '90s, 'em, 'til: elisions, not quotes
        if re.match(r"\d\ds|em\b|til\b|n\b|cause\b", nxt):
            return "none"
        return "open"
    if role == "close" and ch in "'’":
        return "close"
    return "none"


def find_marked(text: str) -> list[Marked]:
    """Every quoted stretch of ``text``, in text order (see the module docstring for the styles)."""
    found: list[Marked] = []
    pending: tuple[int, int] | None = None  # (open mark offset, paragraphs so far) of an unclosed quote
    pending_end = 0  # end of the paragraph where the pending quote was left open
    for para in _PARAGRAPH.finditer(text):
        lo, hi = para.start(), para.end()
        if not text[lo:hi].strip():
            continue
        first = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        open_at: int | None = None
        paragraphs = 1
        if pending is not None:
            if _is_double(text, first) and _double_role(text, first, lo, hi) in ("open", "toggle"):
                open_at, paragraphs = pending[0], pending[1] + 1  # reopened: the quote runs on
                skip = first
            else:
                found.append(_unclosed(text, pending[0], pending_end, pending[1]))
                skip = -1
            pending = None
        else:
            skip = -1
        open_at, singles, pending_out = _scan_paragraph(text, lo, hi, open_at, paragraphs, skip, found)
        found.extend(singles)
        if pending_out is not None:
            pending, pending_end = pending_out, hi
    if pending is not None:
        found.append(_unclosed(text, pending[0], pending_end, pending[1]))
    found.sort(key=lambda m: m.start)
    return [m for m in found if m.end > m.start]


def _scan_paragraph(
    text: str, lo: int, hi: int, open_at: int | None, paragraphs: int, skip: int, found: list[Marked]
) -> tuple[int | None, list[Marked], tuple[int, int] | None]:
    """Pair the marks of one paragraph; appends double quotes to ``found``, returns single ones.

    Returns (unused, single-quoted stretches, the still-open quote as (open offset, paragraphs) or None).
    """
    singles: list[Marked] = []
    open_width = 2 if open_at is not None and text.startswith(("''", "``"), open_at) else 1
    single_open: int | None = None
    tags = [t.span() for t in _TAG.finditer(text, lo, hi)] if "<" in text[lo:hi] else []
    for m in _MARK.finditer(text, lo, hi):
        i = m.start()
        if i == skip or (tags and any(a <= i < b for a, b in tags)):
            continue
        ch = text[i]
        width = m.end() - i
        if width == 2 or ch in _DOUBLE:
            role = _double_role(text, i, lo, hi)
            if role == "toggle":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is None:
                    open_at, paragraphs, open_width = i, 1, width
                    single_open = None  # a double quote swallows an unfinished single one
                # an opening mark inside an open quote: a typo; keep the first opening
            elif open_at is not None:
                found.append(Marked(*_trim(text, open_at + open_width, i), open_at, i, "double", paragraphs))
                open_at = None
            continue
        if open_at is not None:
            continue  # single marks inside a double quote belong to it
        role = _single_role(text, i, lo, hi)
        if role == "open" and single_open is None:
            single_open = i
        elif role == "close" and single_open is not None and i - single_open <= _MAX_SINGLE:
            singles.append(Marked(*_trim(text, single_open + 1, i), single_open, i, "single", 1))
            single_open = None
    pending = (open_at, paragraphs) if open_at is not None else None
    return None, singles, pending


def _is_double(text: str, i: int) -> bool:
    return text[i] in _DOUBLE or text.startswith(("''", "``"), i)


def _unclosed(text: str, open_at: int, para_end: int, paragraphs: int) -> Marked:
    width = 2 if text.startswith(("''", "``"), open_at) else 1
    return Marked(*_trim(text, open_at + width, para_end), open_at, None, "double", paragraphs)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
