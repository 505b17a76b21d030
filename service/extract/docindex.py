"""One index of character offsets over a parsed article, built once per ``Doc`` and shared by
every stage (token starts, sentence starts, paragraph starts), so that no stage scans the Doc or
builds its own copy. ``doc_index(doc)`` returns the same object for the same Doc.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

_KEY = "newsfacts.index"


class DocIndex:
    """Token, sentence and paragraph offsets of one Doc (bisect look-ups, no scans)."""

    __slots__ = ("doc", "text", "token_starts", "sent_starts", "sent_token_starts", "para_starts")

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        # whole-array reads: no Token objects are made for tokens nothing looks at
        self.token_starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        flags = doc.to_array("SENT_START").tolist() if len(doc) else []
        # token index where each sentence starts (``Token.sent`` scans the Doc on every call)
        self.sent_token_starts: list[int] = [0] + [i for i, flag in enumerate(flags) if flag == 1 and i > 0]
        self.sent_starts: list[int] = [0] + [self.token_starts[i] for i in self.sent_token_starts[1:]]
        self.para_starts = _paragraph_starts(text)

    def token_at(self, offset: int) -> int:
        """Index of the token containing (or first starting after) character ``offset``."""
        i = bisect.bisect_right(self.token_starts, offset) - 1
        if i < 0:
            return 0
        tok = self.doc[i]
        return i if offset < tok.idx + len(tok.text) or i + 1 >= len(self.doc) else i + 1

    def tokens_between(self, start: int, end: int) -> range:
        """Indices of the tokens starting in ``[start, end)``."""
        return range(bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end))

    def span(self, start: int, end: int) -> SpacySpan | None:
        """The tokens covering characters ``[start, end)``."""
        if not self.token_starts:
            return None
        doc = self.doc
        first = max(0, bisect.bisect_right(self.token_starts, start) - 1)
        if doc[first].idx + len(doc[first]) <= start and first + 1 < len(doc):
            first += 1
        last = max(first, bisect.bisect_left(self.token_starts, end) - 1)
        return doc[first : last + 1]

    def sentence_tokens(self, i: int) -> tuple[int, int]:
        """Token range ``[start, end)`` of the sentence holding token ``i``."""
        k = bisect.bisect_right(self.sent_token_starts, i) - 1
        end = self.sent_token_starts[k + 1] if k + 1 < len(self.sent_token_starts) else len(self.doc)
        return self.sent_token_starts[k], end

    def sentence_text(self, offset: int) -> str:
        """The text of the sentence holding character ``offset``."""
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        lo = self.sent_starts[max(0, i)]
        hi = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return self.text[lo:hi]

    def paragraph(self, offset: int) -> int:
        """Number of the paragraph (blank-line or line-break separated) holding ``offset``."""
        return bisect.bisect_right(self.para_starts, offset) - 1

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        p = self.paragraph(offset)
        end = self.para_starts[p + 1] if p + 1 < len(self.para_starts) else len(self.text)
        return self.para_starts[p], end


def doc_index(doc: Doc, text: str | None = None) -> DocIndex:
    """The index of ``doc``, built on first use and kept with the Doc (``text`` is ``doc.text``,
    passed by callers that have already read it: spaCy rebuilds the string on every access)."""
    index = doc.user_data.get(_KEY)
    if index is None:
        index = DocIndex(doc, doc.text if text is None else text)
        doc.user_data[_KEY] = index
    return index


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where each paragraph starts: after each run of line breaks."""
    paras = [0]
    i = text.find("\n")
    while i != -1:
        j = i
        while j < len(text) and text[j] == "\n":
            j += 1
        if j < len(text):
            paras.append(j)
        i = text.find("\n", j)
    return paras
