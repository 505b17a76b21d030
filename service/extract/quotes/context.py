"""Indexes over one parsed article that the quote rules look things up in (built once, linear)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..docindex import DocIndex, doc_index
from ..model import Entity
from .lexicon import lexicon
from .marks import Marked


@dataclass(slots=True)
class MentionRef:
    start: int
    end: int
    entity: str
    type: str


@dataclass(slots=True)
class QuoteContext:
    """``doc`` plus: token offsets, which tokens are quoted, paragraphs, entity mentions, genders."""

    doc: Doc
    text: str  # doc.text, kept: spaCy rebuilds the string on every access
    index: DocIndex  # token, sentence and paragraph offsets (shared with the other stages)
    quoted: list[bool]  # per token: inside a quote (marks included)
    mentions: list[MentionRef]
    mention_starts: list[int]
    entities: dict[str, Entity]
    gender: dict[str, str] = field(default_factory=dict)  # entity id -> "m" / "f"

    @property
    def para_starts(self) -> list[int]:
        return self.index.para_starts

    @property
    def sent_starts(self) -> list[int]:
        """Token index where each sentence starts."""
        return self.index.sent_token_starts

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range ``[start, end)`` of the sentence holding token ``i``."""
        return self.index.sentence_tokens(i)

    def token_at(self, offset: int) -> int:
        """Index of the token containing (or first starting after) char ``offset``."""
        return self.index.token_at(offset)

    def tokens_between(self, start: int, end: int) -> range:
        """Indices of the tokens starting in ``[start, end)``."""
        return self.index.tokens_between(start, end)

    def paragraph(self, offset: int) -> int:
        return self.index.paragraph(offset)

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        return self.index.paragraph_bounds(offset)

    def mention_of(self, tok: Token) -> MentionRef | None:
        """The entity mention that contains ``tok``, if any."""
        i = bisect.bisect_right(self.mention_starts, tok.idx) - 1
        # mentions do not nest, but look back a little in case they touch
        for j in range(i, max(-1, i - 3), -1):
            m = self.mentions[j]
            if m.start <= tok.idx < m.end:
                return m
        return None


def build_context(doc: Doc, entities: list[Entity], marked: list[Marked]) -> QuoteContext:
    """Index ``doc`` for the quote rules: O(tokens + mentions + quotes)."""
    index = doc_index(doc)
    text = index.text
    starts = index.token_starts
    quoted = [False] * len(doc)
    for m in marked:
        end = (m.close + 1) if m.close is not None else m.end
        for i in range(bisect.bisect_left(starts, m.open), bisect.bisect_left(starts, end)):
            quoted[i] = True
    refs = sorted(
        (MentionRef(mn.start, mn.end, e.id, e.type) for e in entities for mn in e.mentions),
        key=lambda r: r.start,
    )
    ctx = QuoteContext(
        doc=doc,
        text=text,
        index=index,
        quoted=quoted,
        mentions=refs,
        mention_starts=[r.start for r in refs],
        entities={e.id: e for e in entities},
    )
    ctx.gender = _genders(ctx)
    return ctx


def _genders(ctx: QuoteContext) -> dict[str, str]:
    """Each person's gender as the article itself tells it, by votes:

    an honorific or gendered word right before a mention ("Mr. Holtz-Eakin", "Mrs. Clinton"), and the
    personal pronouns (he/his, she/her) outside quotes in sentences that mention exactly one person,
    and in the sentence after.
    """
    lex = lexicon()
    votes: dict[str, list[int]] = {}
    doc = ctx.doc
    starts = ctx.sent_starts
    persons_by_sent: list[set[str]] = [set() for _ in starts]
    for m in ctx.mentions:
        if m.type != "PERSON" or not doc:
            continue
        tok = doc[ctx.token_at(m.start)]
        if ctx.quoted[tok.i]:
            continue
        persons_by_sent[bisect.bisect_right(starts, tok.i) - 1].add(m.entity)
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if prev in lex.male_words:
            votes.setdefault(m.entity, [0, 0])[0] += 2
        elif prev in lex.female_words:
            votes.setdefault(m.entity, [0, 0])[1] += 2
    for k, first in enumerate(starts):
        if len(persons_by_sent[k]) != 1:
            continue
        (eid,) = persons_by_sent[k]
        last = starts[k + 2] if k + 2 < len(starts) else len(doc)
        if k + 1 < len(starts) and persons_by_sent[k + 1]:
            last = starts[k + 1]
        for tok in doc[first:last]:
            if ctx.quoted[tok.i] or tok.pos_ != "PRON":
                continue
            low = tok.lower_
            if low in ("he", "him", "his", "himself"):
                votes.setdefault(eid, [0, 0])[0] += 1
            elif low in ("she", "her", "hers", "herself"):
                votes.setdefault(eid, [0, 0])[1] += 1
    return {eid: ("m" if m > f else "f") for eid, (m, f) in votes.items() if m != f}
