"""Indexes over one parsed article that the quote rules look things up in (built once, linear)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy
from spacy.attrs import HEAD, IS_PUNCT, IS_SPACE
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
    # per token: entry and exit times of a walk of the dependency tree (built on first use)
    _kids: list[list[int]] = field(default_factory=list)  # per token: its dependents' indices
    _heads: list[int] = field(default_factory=list)
    _words: list[int] = field(default_factory=list)  # prefix sums: words, and words outside quotes
    _free: list[int] = field(default_factory=list)
    _enter: list[int] = field(default_factory=list)
    _leave: list[int] = field(default_factory=list)
    _by_word: dict[str, list[tuple[Entity, list[str]]]] | None = None  # name word -> entities, name words

    def named_by(self, word: str) -> list[tuple[Entity, list[str]]]:
        """The entities whose name has ``word`` (lower case), each with its name's words, in entity order
        (built on first use: one pass over the names instead of one per speaker)."""
        if self._by_word is None:
            self._by_word = {}
            for ent in self.entities.values():
                words = [w.lower() for w in ent.name.replace("’", "'").split()]
                for w in dict.fromkeys(words):
                    self._by_word.setdefault(w, []).append((ent, words))
        return self._by_word.get(word, [])

    def children(self, tok: Token) -> list[Token]:
        """``tok.children`` in O(children): spaCy's scans the token's whole subtree span, quadratic over
        a long sentence."""
        doc = self.doc
        return [doc[i] for i in self.kids()[tok.i]]

    def word_counts(self, a: int, b: int) -> tuple[int, int]:
        """(words, words outside quotes) among tokens ``[a, b)``, punctuation and space not counted: O(1)
        after one pass (prefix sums), so nested clauses cost no more than flat ones."""
        if not self._words:
            flags = self.doc.to_array([IS_PUNCT, IS_SPACE])
            word = (flags[:, 0] == 0) & (flags[:, 1] == 0)
            free = word & ~numpy.array(self.quoted, dtype=bool)
            self._words = [0, *numpy.cumsum(word).tolist()]
            self._free = [0, *numpy.cumsum(free).tolist()]
        return self._words[b] - self._words[a], self._free[b] - self._free[a]

    def kids(self) -> list[list[int]]:
        """Per token, the indices of its dependents (built on first use from the head array)."""
        if not self._kids and len(self.doc):
            self._kids = [[] for _ in range(len(self.doc))]
            for i, h in enumerate(self.heads()):
                if h != i:
                    self._kids[h].append(i)
        return self._kids

    def heads(self) -> list[int]:
        """Per token, the index of its head, read from one array (no Token objects)."""
        if not self._heads and len(self.doc):
            rel = self.doc.to_array([HEAD]).astype("int64").tolist()
            self._heads = [i + r for i, r in enumerate(rel)]
        return self._heads

    def lefts(self, tok: Token) -> list[Token]:
        return [c for c in self.children(tok) if c.i < tok.i]

    def rights(self, tok: Token) -> list[Token]:
        return [c for c in self.children(tok) if c.i > tok.i]

    def is_ancestor(self, a: int, b: int) -> bool:
        """Token ``a`` governs token ``b`` (is its head, its head's head, …) in O(1): spaCy's
        ``Token.is_ancestor`` climbs the whole chain, quadratic over quotes in a deep parse."""
        if not self._enter:
            self._enter, self._leave = _tree_times(self.heads(), self.kids())
        return a != b and self._enter[a] < self._enter[b] and self._leave[b] <= self._leave[a]

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


def _tree_times(heads: list[int], children: list[list[int]]) -> tuple[list[int], list[int]]:
    """Entry and exit times of each token in a depth-first walk of each sentence's tree: ``a`` is an
    ancestor of ``b`` exactly when ``b``'s interval nests in ``a``'s. O(tokens)."""
    n = len(heads)
    roots = [i for i, h in enumerate(heads) if h == i]
    enter, leave = [0] * n, [0] * n
    clock = 0
    for root in roots:
        stack = [(root, False)]
        while stack:
            i, done = stack.pop()
            clock += 1
            if done:
                leave[i] = clock
                continue
            enter[i] = clock
            stack.append((i, True))
            stack.extend((c, False) for c in children[i])
    return enter, leave
