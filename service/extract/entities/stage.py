"""Named entities: spaCy NER spans, cleaned, then grouped into real-world things.

Input: the parsed ``Doc`` (one spaCy pass, done by the caller) and the ``Analysis`` being built
(only its text and dateline are read). Output: a list of :class:`Entity`, one per real-world thing,
sorted by salience (highest first, ties by first mention), with ids ``E1``, ``E2``... in that
order. Each entity has a canonical name (its fullest mention), an OntoNotes type, a salience in
[0, 1] (saliences sum to 1) and every mention with code-point offsets, in text order. Values
(DATE, MONEY, CARDINAL...) are not entities: other sections cover them.

Stages, each linear in the number of tokens (no second spaCy pass, no pipeline component):

1. *Mentions.* Every ``doc.ents`` name is cleaned: cut at newlines, quotation marks, brackets,
   slashes, spaced dashes ("San Jose - Cisco"), an inner possessive ("Apple Computer's Mac OS X")
   and "X and X Pro"; stripped of a leading "the", of trailing punctuation, "and", possessive
   "'s"; titles are dropped from the front of a PERSON ("Colonel General Mikhail Mizintsev"). A
   lone department word tagged ORG next to a title ("Defense" in "Russian Defense Minister",
   "State" in "Secretary of State") and a unit code after a number ("8 GB", "16:08 UTC") are
   dropped. Names the model missed are added: lower-camel-case products (iPhone, iTunes), model
   codes tagged as numbers (A380), and runs of capitalised proper nouns outside title-case
   headlines ("Dow Jones Industrial Average"). A version number joins a product ("iPhone 4"), an
   index's number its name ("FTSE 100"); a name ending in "Conference", "Summit"... is an EVENT.
2. *Grouping.* Mentions with the same normalised name (case, "the", possessive, dots, "Inc.") are
   one entity; a surname or first name joins the full PERSON name it belongs to (the one written in
   full most often before it, then the most recent; else the only one after it), whatever label
   the model gave it; an acronym joins the name it abbreviates (defined in brackets, or matching
   its initials: "US" / "United States"); "Russians" joins "Russian". A demonym (NORP) is never
   merged into its country.
3. *Recall.* Further occurrences of an entity's mentions (and of a full name's surname) that the
   model did not tag are added.
4. *Type, name, salience.* The type is the majority label of the mentions, with product evidence
   ("an iPod", "its iPod", lower camel case, a version number) counted double; the name is the
   fullest mention; the salience weighs mention count, position (headline and lead count more, a
   byline little) and type (people and organisations are central).

All word lists and weights live in ``data/entities.yaml``.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from babel.dates import get_day_names, get_month_names
from spacy import symbols
from spacy.attrs import IDX, LENGTH, POS
from spacy.tokens import Doc, Token

from ..docindex import doc_index
from ..model import Analysis, Entity, Mention
from ..tables import read_yaml

_LOWER_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]*$")  # iPhone, iPod, iOS, eBay
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]?(?:[A-Z&][a-z]?){1,6}$")  # US, IMF, DoD, AT&T
_NORMALISE = re.compile(r"[^\w&]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_BYLINE = re.compile(r"(?:^|\s)[Bb]y\s+[A-Z]")
_CAMEL_POS = frozenset({symbols.PROPN, symbols.NOUN, symbols.NUM, symbols.ADP, symbols.ADJ})
_WORDISH = re.compile(r"\w")
_SHORT_VERSION = re.compile(r"^\d{1,2}(?:\.\d+)*[A-Za-z]{0,3}$")  # "4", "3GS", "4.2": a model, not an index


@dataclass(frozen=True)
class _Rules:
    not_entity: frozenset[str]
    split_tokens: frozenset[str]
    strip_leading: frozenset[str]
    strip_trailing: frozenset[str]
    company_suffixes: frozenset[str]
    department_words: frozenset[str]
    title_words: frozenset[str]
    person_titles: frozenset[str]
    acronym_stopwords: frozenset[str]
    surname_labels: frozenset[str]
    product_determiners: frozenset[str]
    product_overrules: frozenset[str]
    camel_overrules: frozenset[str]
    version: re.Pattern[str]
    index_words: frozenset[str]
    model_code: re.Pattern[str]
    event_heads: frozenset[str]
    event_relabel: frozenset[str]
    salience: dict[str, Any]
    unit_code_labels: frozenset[str]
    untagged_label: str
    not_names: frozenset[str]  # role words, titles, months and days: not part of a name the model missed
    generic_words: frozenset[str]  # part of names, never a name alone: "Index", "Average"


@functools.cache
def _rules() -> _Rules:
    """The rule tables of ``data/entities.yaml``, read once."""
    raw = read_yaml("entities.yaml")
    calendar = [
        *get_month_names("wide", locale="en").values(),
        *get_month_names("abbreviated", locale="en").values(),
        *get_day_names("wide", locale="en").values(),
        *get_day_names("abbreviated", locale="en").values(),
    ]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return _Rules(
        not_entity=frozenset(raw["not_entity_labels"]),
        split_tokens=frozenset(str(w) for w in raw["split_tokens"]),
        strip_leading=words("strip_leading"),
        strip_trailing=words("strip_trailing"),
        company_suffixes=words("company_suffixes"),
        department_words=words("department_words"),
        title_words=words("title_words"),
        person_titles=words("person_titles"),
        acronym_stopwords=words("acronym_stopwords"),
        surname_labels=frozenset(raw["surname_labels"]),
        product_determiners=words("product_determiners"),
        product_overrules=frozenset(raw["product_overrules"]),
        camel_overrules=frozenset(raw["camel_overrules"]),
        version=re.compile(raw["version_pattern"]),
        index_words=words("index_words"),
        model_code=re.compile(raw["model_code_pattern"]),
        event_heads=words("event_heads"),
        event_relabel=frozenset(raw["event_relabel"]),
        salience=raw["salience"],
        unit_code_labels=frozenset(raw["unit_code_labels"]),
        untagged_label=str(raw["untagged_label"]),
        not_names=words("role_words")
        | words("person_titles")
        | words("title_words")
        | frozenset(w.lower() for w in calendar),
        generic_words=words("generic_words"),
    )


def not_entity_labels() -> frozenset[str]:
    """spaCy labels that are values (DATE, MONEY, CARDINAL...), never entities."""
    return _rules().not_entity


@dataclass
class _Mention:
    """A cleaned mention: tokens ``start:end`` of the doc, with the model's (or a rule's) label."""

    start: int
    end: int
    label: str
    product: bool = False  # a product cue was seen at this mention
    group: int = -1


@dataclass
class _Group:
    mentions: list[_Mention] = field(default_factory=list)
    merged_into: int | None = None


# --- 1. mentions ----------------------------------------------------------------------------------


def _word(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _is_line_start(doc: Doc, i: int) -> bool:
    """Token i begins a sentence or a line (a capitalised "The" there is not part of a name)."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in {'"', "“", "‘", "'", "(", "-", "—", "–"}


def _starts_line(doc: Doc, i: int) -> bool:
    """Token i begins a sentence, a line or a quotation: capitalised there whatever it is."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return (prev.is_space and "\n" in prev.text) or prev.text in {'"', "“", "‘", "'"}


def _pieces(doc: Doc, start: int, end: int, rules: _Rules) -> list[tuple[int, int]]:
    """Cut tokens start:end into pieces (token ranges) that are each one name.

    Cuts at newlines, quotes, brackets, slashes, commas (but not "Apple, Inc."), spaced dashes
    between longer names, an inner possessive and "X and X Pro".
    """
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        tok = doc[i]
        cut = tok.is_space or tok.text in rules.split_tokens or "\n" in tok.text
        if tok.text == ",":
            nxt = doc[i + 1] if i + 1 < end else None
            cut = nxt is None or _word(nxt) not in rules.company_suffixes
        elif tok.text == "-" and i > start and doc[i - 1].whitespace_ and tok.whitespace_:
            cut = i - begin >= 2 or end - i - 1 >= 2  # "San Jose - Cisco", but "Wal - Mart" stays
        elif tok.tag_ == "POS" and i - begin >= 2 and i + 1 < end and doc[i + 1].text[:1].isupper():
            cut = True  # "Apple Computer's Mac OS X" (but "McDonald's Corporation" stays)
        elif tok.lower_ == "and" and i + 1 < end:
            first = next((doc[k] for k in range(begin, i) if doc[k].lower_ not in rules.strip_leading), None)
            cut = first is not None and doc[i + 1].lower_ == first.lower_  # "Macbook and Macbook Pro"
        if cut:
            if i > begin:
                out.append((begin, i))
            begin = i + 1
    if end > begin:
        out.append((begin, end))
    return out


def _strip(doc: Doc, start: int, end: int, label: str, rules: _Rules) -> tuple[int, int]:
    """Drop leading/trailing punctuation, articles, conjunctions, possessives and (PERSON) titles."""
    while start < end:
        tok = doc[start]
        if tok.is_punct or tok.is_space:
            start += 1
        elif tok.lower_ in rules.strip_leading and (tok.is_lower or _is_line_start(doc, start)):
            start += 1
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if tok.lower_ in rules.strip_trailing or tok.tag_ == "POS" or tok.is_space:
            end -= 1
        elif tok.is_punct:
            end -= 1
        else:
            break
    if label == "PERSON":
        while end - start > 1 and _word(doc[start]) in rules.person_titles:
            start += 1
    return start, end


def _is_title_word(doc: Doc, start: int, end: int, rules: _Rules) -> bool:
    """A lone department word with a title: "Defense" in "Russian Defense Minister", "Secretary of State"."""
    before_title = end < len(doc) and _word(doc[end]) in rules.title_words
    after_title = start >= 2 and doc[start - 1].lower_ == "of" and _word(doc[start - 2]) in rules.title_words
    if not (before_title or after_title):
        return False
    return all(_word(doc[i]) in rules.department_words for i in range(start, end))


def _keep(feats: _Feats, start: int, end: int) -> bool:
    """Tokens start:end hold a capital letter (a name), not only digits or symbols."""
    text = _text(feats, start, end)
    return any(c.isupper() for c in text) and any(c.isalpha() for c in text)


def _version_end(doc: Doc, end: int, rules: _Rules, numeric_ents: dict[int, int]) -> int:
    """The end after a version number right after a name ("iPhone 4"), else ``end``."""
    if end < len(doc) and doc[end - 1].whitespace_ and rules.version.match(doc[end].text):
        # not the start of a longer value ("iPhone 4 million units" is not "iPhone 4")
        if numeric_ents.get(end, end + 1) <= end + 1:
            return end + 1
    return end


def _index_end(doc: Doc, end: int, rules: _Rules, numeric_ents: dict[int, int]) -> int:
    """The end after a whole number that is part of an index's name ("FTSE 100 lost"), else ``end``."""
    if end >= len(doc) or not doc[end - 1].whitespace_ or not doc[end].text.isdigit() or len(doc[end]) > 4:
        return end
    if numeric_ents.get(end, end + 1) > end + 1:
        return end
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is None or after.pos_ in ("VERB", "AUX", "PUNCT") or after.lower_ in rules.index_words:
        return end + 1
    return end


def _is_head(doc: Doc, end: int) -> bool:
    """The name ending before token ``end`` heads its noun phrase (no noun follows it)."""
    last = doc[end - 1]
    return last.dep_ not in ("compound", "amod", "nmod") and (
        end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")
    )


def _is_unit_code(doc: Doc, start: int, end: int, numeric: bytearray) -> bool:
    """A lone all-caps code after a number or value: "8 GB", "10:00 UTC", "$99 (USD)" (not "FTSE 100")."""
    if end - start != 1 or not doc[start].is_upper or len(doc[start]) > 4:
        return False

    i = start - 2 if start > 1 and doc[start - 1].text == "(" else start - 1
    return i >= 0 and (bool(numeric[i]) or doc[i].like_num or any(c.isdigit() for c in doc[i].text))


@dataclass
class _Feats:
    """Per-token features read in one pass over the doc (token objects are costly to make)."""

    text: str
    texts: list[str]
    idx: list[int]  # character offset of each token
    propn: bytearray  # a proper noun
    name_word: bytearray  # a capitalised proper noun
    camel: bytearray  # a lower-camel-case word the tagger takes for a noun-ish word (iPhone)
    titled: bytearray  # in a title-case headline line ("Voters Abandon Republican Party")


def _features(doc: Doc, text: str) -> _Feats:
    """Token texts, offsets and flags from the doc's arrays; ``text`` is the doc's text."""
    n = len(doc)
    rows = doc.to_array([IDX, LENGTH, POS]).tolist() if n else []
    if rows and len(text) < rows[-1][0] + rows[-1][1]:
        text = doc.text  # not the text the doc was made from
    index = doc_index(doc, text)
    f = _Feats(text, [], index.token_starts, bytearray(n), bytearray(n), bytearray(n), bytearray(n))
    start = capital = words = 0
    for i, (idx, length, pos) in enumerate(rows):
        word = text[idx : idx + length]
        f.texts.append(word)
        if pos == symbols.PROPN:
            f.propn[i] = 1
            f.name_word[i] = word[:1].isupper()
        if pos in _CAMEL_POS and _LOWER_CAMEL.match(word):
            f.camel[i] = 1
        if "\n" in word and word.isspace():
            if words >= 3 and capital >= 0.7 * words:
                f.titled[start:i] = b"\x01" * (i - start)
            start, capital, words = i + 1, 0, 0
        elif length > 3 and word.isalpha():
            words += 1
            capital += word[0].isupper()
    if words >= 3 and capital >= 0.7 * words:
        f.titled[start:n] = b"\x01" * (n - start)
    return f


def _text(feats: _Feats, start: int, end: int) -> str:
    """The text of tokens start:end."""
    return feats.text[feats.idx[start] : feats.idx[end - 1] + len(feats.texts[end - 1])]


def _untagged(
    doc: Doc, feats: _Feats, covered: bytearray, numeric: bytearray, rules: _Rules
) -> list[_Mention]:
    """Names the model missed: lower-camel-case products (iPhone, iTunes) and runs of proper nouns.

    Runs are not looked for in title-case headlines, where every word is capitalised.
    """
    out: list[_Mention] = []
    texts, name_word = feats.texts, feats.name_word
    i, n = 0, len(doc)
    while i < n:
        if covered[i] or numeric[i]:
            i += 1
            continue
        if feats.camel[i]:
            out.append(_Mention(i, i + 1, "PRODUCT", product=True))
            i += 1
            continue
        if feats.titled[i] or not name_word[i]:
            i += 1
            continue
        j = i
        while j < n and not covered[j] and not numeric[j]:
            if name_word[j]:
                j += 1
            elif j > i and texts[j] == "&" and j + 1 < n and name_word[j + 1] and not covered[j + 1]:
                j += 1  # "Standard & Poor"
            else:
                break
        s = i
        for e in [*(k for k in range(i, j) if texts[k].lower().rstrip(".") in rules.not_names), j]:
            # role words, titles, months and days cut the run: "CEO Steve Jobs", "President"
            if (
                e > s
                and not all(texts[k].lower().rstrip(".") in rules.generic_words for k in range(s, e))
                and not _starts_line(doc, s)
                and not _is_unit_code(doc, s, e, numeric)
                and _keep(feats, s, e)
            ):
                out.append(_Mention(s, e, ""))
            s = e + 1
        i = j
    return out


def _collect(doc: Doc, feats: _Feats, rules: _Rules) -> list[_Mention]:
    """Cleaned mentions from doc.ents, plus lower-camel-case product names the model missed."""
    numeric_ents: dict[int, int] = {}
    numeric = bytearray(len(doc))  # tokens inside a value entity (DATE, MONEY, CARDINAL...)
    ents = list(doc.ents)
    mentions: list[_Mention] = []
    tagged = bytearray(len(doc))  # tokens the model put in a name, kept or dropped
    for ent in ents:
        if ent.label_ in rules.not_entity:
            if len(ent) == 1 and rules.model_code.match(feats.texts[ent.start]):
                mentions.append(_Mention(ent.start, ent.end, "PRODUCT", product=True))  # "A380"
                tagged[ent.start] = 1
                continue
            numeric_ents[ent.start] = ent.end
            numeric[ent.start : ent.end] = b"\x01" * len(ent)
    for ent in ents:
        if ent.label_ in rules.not_entity:
            continue
        tagged[ent.start : ent.end] = b"\x01" * len(ent)
        for begin, finish in _pieces(doc, ent.start, ent.end, rules):
            s, e = _strip(doc, begin, finish, ent.label_, rules)
            if s >= e or not _keep(feats, s, e):
                continue
            if ent.label_ == "ORG" and _is_title_word(doc, s, e, rules):
                continue
            if ent.label_ in rules.unit_code_labels and _is_unit_code(doc, s, e, numeric):
                continue
            label = ent.label_
            if label in ("GPE", "LOC") and e - s == 1 and doc[s].tag_ == "JJ":
                label = "NORP"  # an adjective is a demonym, not a place: "Ukrainian Defense Minister"
            mentions.append(_Mention(s, e, label))
    mentions.extend(_untagged(doc, feats, tagged, numeric, rules))
    mentions.sort(key=lambda m: m.start)
    # product cues; version numbers join the name
    for k, m in enumerate(mentions):
        if (m.label in rules.event_relabel or not m.label) and _word(doc[m.end - 1]) in rules.event_heads:
            m.label = "EVENT"  # "Worldwide Developers Conference"
        overrulable = m.label in rules.product_overrules or m.label in ("PRODUCT", "")
        cue = False
        if m.label not in ("PERSON", "GPE", "FAC", "NORP"):
            nxt_start = mentions[k + 1].start if k + 1 < len(mentions) else len(doc)
            new_end = _version_end(doc, m.end, rules, numeric_ents)
            if m.label in ("ORG", "") and new_end == m.end:
                new_end = _index_end(doc, m.end, rules, numeric_ents)
            if m.end < new_end <= nxt_start:
                m.end = new_end
            # "iPhone 4", "Windows 7" (but not "FTSE 100": an index, nor "Elizabeth II": a person)
            cue = (
                overrulable
                and m.end - m.start >= 2
                and bool(_SHORT_VERSION.match(doc[m.end - 1].text))
                and not doc[m.start : m.end - 1].text.replace(" ", "").isupper()  # "DAX 30": an index
            )
        if m.label in rules.camel_overrules or m.label in ("PRODUCT", ""):
            cue = cue or bool(_LOWER_CAMEL.match(doc[m.start].text))
        if overrulable:
            if m.start > 0 and doc[m.start - 1].lower_ in rules.product_determiners and _is_head(doc, m.end):
                cue = True  # "an iPod", "its iPod" (but not "its Cupertino headquarters")
        m.product = m.product or cue
    return mentions


# --- 2. grouping ----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Grouping key of a name: lowercase, no leading "the", possessive, dots, punctuation or "Inc."."""
    t = text.replace("’", "'").strip()
    t = _POSSESSIVE.sub("", t) if t.endswith(("'s", "'")) else t
    t = t.replace(".", "")
    t = _NORMALISE.sub(" ", t.lower()).strip()
    if t.startswith("the "):
        t = t[4:]
    head, _, last = t.rpartition(" ")
    if head and last in _rules().company_suffixes:
        t = head
    return t


def _initials(words: list[str], rules: _Rules) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in rules.acronym_stopwords and w[0].isupper())


class _Groups:
    """Union of mentions into groups, by index; ``find`` follows merges."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []

    def new(self, m: _Mention) -> int:
        self.groups.append(_Group([m]))
        m.group = len(self.groups) - 1
        return m.group

    def find(self, g: int) -> int:
        while self.groups[g].merged_into is not None:
            g = self.groups[g].merged_into  # type: ignore[assignment]
        return g

    def add(self, g: int, m: _Mention) -> None:
        g = self.find(g)
        self.groups[g].mentions.append(m)
        m.group = g

    def merge(self, keep: int, other: int) -> int:
        keep, other = self.find(keep), self.find(other)
        if keep != other:
            self.groups[keep].mentions.extend(self.groups[other].mentions)
            self.groups[other].mentions = []
            self.groups[other].merged_into = keep
        return keep

    def live(self) -> list[int]:
        return [i for i, g in enumerate(self.groups) if g.merged_into is None and g.mentions]


def _group(doc: Doc, feats: _Feats, mentions: list[_Mention], rules: _Rules) -> _Groups:
    """Group mentions: same key; surname/first name to a full PERSON name; acronym to its expansion."""
    groups = _Groups()
    keys = [normalise(_text(feats, m.start, m.end)) for m in mentions]
    words = [[t for t in feats.texts[m.start : m.end] if _WORDISH.search(t)] for m in mentions]
    # full PERSON names (two words or more): their word tuples, by last word and by first word
    by_last: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_first: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, m in enumerate(mentions):
        if m.label == "PERSON" and len(words[i]) >= 2:
            by_last[words[i][-1].lower()][keys[i]].append(i)
            by_first[words[i][0].lower()][keys[i]].append(i)

    key_group: dict[str, int] = {}
    for i, m in enumerate(mentions):
        k = keys[i]
        full = _full_name_of(i, m, keys, words, by_last, by_first, rules)
        if full is not None:
            target = key_group.get(keys[full])
            if target is None:
                target = groups.new(mentions[full]) if mentions[full].group < 0 else mentions[full].group
                key_group[keys[full]] = target
            if mentions[full].group < 0:
                groups.add(target, mentions[full])
            if m.group < 0:
                groups.add(target, m)
                m.label = "PERSON"  # "Jobs" tagged ORG is Steve Jobs
            continue
        if m.group >= 0:
            continue
        if k in key_group:
            groups.add(key_group[k], m)
        else:
            key_group[k] = groups.new(m)

    _merge_acronyms(doc, mentions, keys, words, key_group, groups, rules)
    # "Russians" and "Russian" (both NORP) are one group of people
    for k, g in key_group.items():
        if k.endswith("s") and k[:-1] in key_group:
            a, b = groups.find(g), groups.find(key_group[k[:-1]])
            if all(m.label == "NORP" for m in groups.groups[a].mentions + groups.groups[b].mentions):
                groups.merge(b, a)
    return groups


def _full_name_of(
    i: int,
    m: _Mention,
    keys: list[str],
    words: list[list[str]],
    by_last: dict[str, dict[str, list[int]]],
    by_first: dict[str, dict[str, list[int]]],
    rules: _Rules,
) -> int | None:
    """Index of the full-name mention that a partial PERSON mention ("Shoigu") refers to, or None.

    Among the full names before the mention whose last words (or first word) are the mention's
    words, the one written in full most often wins, then the most recent; without one, the full
    name after it, when only one name fits. ``by_last``/``by_first``: word -> full-name key ->
    indices of its mentions (in text order, as ``mentions`` is).
    """
    w = words[i]
    if not w or (m.label not in rules.surname_labels and m.label) or len(w) > 3:
        return None
    if len(w) == 1 and w[0].isupper() and len(w[0]) > 1:
        return None  # an acronym ("TWA"), not a surname
    if m.label != "PERSON" and len(w) > 1:
        return None
    low = [x.lower() for x in w]
    options = [
        idxs
        for idxs in by_last.get(low[-1], {}).values()
        if len(words[idxs[0]]) > len(w) and [x.lower() for x in words[idxs[0]][-len(w) :]] == low
    ]
    if len(w) == 1:
        options += [idxs for idxs in by_first.get(low[0], {}).values() if len(words[idxs[0]]) > 1]
    if not options:
        return None
    best: tuple[int, int] | None = None  # (times written in full, index of the latest one before)
    for idxs in options:
        p = bisect_left(idxs, i)
        if p and (best is None or (len(idxs), idxs[p - 1]) > best):
            best = (len(idxs), idxs[p - 1])
    if best is not None:
        return best[1]
    names = {keys[idxs[0]] for idxs in options}
    return min(idxs[0] for idxs in options) if len(names) == 1 else None


def _merge_acronyms(
    doc: Doc,
    mentions: list[_Mention],
    keys: list[str],
    words: list[list[str]],
    key_group: dict[str, int],
    groups: _Groups,
    rules: _Rules,
) -> None:
    """Join an acronym to its expansion: "International Monetary Fund (IMF)", "US" / "United States"."""
    # defined in brackets right after a name
    for i, m in enumerate(mentions):
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acr = doc[m.end + 1].text
            if _ACRONYM.match(acr) and normalise(acr) in key_group and len(words[i]) >= 2:
                groups.merge(m.group, key_group[normalise(acr)])
    # initials: an acronym key matching the initials of exactly one multi-word name
    by_initials: dict[str, set[str]] = defaultdict(set)
    for i, w in enumerate(words):
        if len(w) >= 2 and mentions[i].label not in ("PERSON", "NORP"):
            by_initials[_initials(w, rules).lower()].add(keys[i])
    for m in mentions:
        text = doc[m.start : m.end].text.replace(".", "")
        if m.label in ("PERSON", "NORP") or not _ACRONYM.match(text):
            continue
        names = by_initials.get(text.lower(), set())
        if len(names) == 1:
            name = next(iter(names))
            if name in key_group:
                groups.merge(key_group[name], m.group)


# --- 3. recall: untagged occurrences of known names ------------------------------------------------


def _index(
    index: dict[str, list[tuple[tuple[str, ...], int, str]]],
    seen: set[tuple[str, ...]],
    toks: tuple[str, ...],
    group: int,
    label: str,
) -> None:
    if toks in seen or not any(c.isupper() for c in toks[0]) or len("".join(toks)) < 2:
        return
    seen.add(toks)
    index[toks[0]].append((toks, group, label))


def _propagate(doc: Doc, feats: _Feats, mentions: list[_Mention], groups: _Groups) -> None:
    """Add untagged occurrences of an entity's mention texts (same tokens, same case)."""
    texts, name_word = feats.texts, feats.name_word
    covered = bytearray(len(doc))
    index: dict[str, list[tuple[tuple[str, ...], int, str]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    for m in mentions:
        toks = tuple(texts[m.start : m.end])
        if m.label == "PERSON" and len(toks) >= 2:
            _index(index, seen, (toks[-1],), m.group, m.label)  # the surname alone: "Jobs"
        _index(index, seen, toks, m.group, m.label)
    for lst in index.values():
        lst.sort(key=lambda x: -len(x[0]))
    i, n = 0, len(doc)
    while i < n:
        cands = index.get(texts[i]) if not covered[i] else None
        if not cands:
            i += 1
            continue
        for toks, g, label in cands:
            j = i + len(toks)
            if j > n or any(covered[i:j]) or tuple(texts[i:j]) != toks:
                continue
            if len(toks) == 1 and not feats.propn[i] and _starts_line(doc, i):
                # "Jobs were cut" at the start of a sentence, but "Jobs resigned", "Jobs, aged 55"
                after = doc[j] if j < n else None
                if (
                    label != "PERSON"
                    or after is None
                    or not (after.pos_ in ("VERB", "ADV") or after.text == ",")
                ):
                    continue
            if label != "PRODUCT" and (
                (j < n and name_word[j]) or (i > 0 and name_word[i - 1] and not doc[i].is_sent_start)
            ):
                continue  # part of a longer name the model did not tag ("Bill Ford", "Washington Post")
            m = _Mention(i, j, label)
            groups.add(g, m)
            mentions.append(m)
            covered[i:j] = b"\x01" * (j - i)
            i = j - 1
            break
        i += 1


# --- 4. type, name, salience ----------------------------------------------------------------------


def _type_of(ms: list[_Mention], rules: _Rules) -> str:
    """Majority label; product cues vote PRODUCT; ties go to the label seen first.

    Mentions found by rules without a label ("") count only when no mention has one.
    """
    votes: Counter[str] = Counter()
    for m in ms:
        if m.product:
            votes["PRODUCT"] += 2
        elif m.label:
            votes[m.label] += 1
    if not votes:
        return rules.untagged_label
    order = {m.label: k for k, m in reversed(list(enumerate(ms)))}
    order.setdefault("PRODUCT", len(ms))
    return max(votes, key=lambda lab: (votes[lab], -order.get(lab, len(ms))))


def _name_of(feats: _Feats, ms: list[_Mention], etype: str) -> str:
    """The fullest mention (most words, then most frequent, then longest, then first)."""
    texts = [_text(feats, m.start, m.end) for m in ms if m.label == etype] or [
        _text(feats, m.start, m.end) for m in ms
    ]
    freq = Counter(texts)
    first = {t: k for k, t in reversed(list(enumerate(texts)))}
    return max(freq, key=lambda t: (len(t.split()), freq[t], len(t), -first[t]))


def _byline_end(doc: Doc, result: Analysis) -> int:
    """Token index where a first line holding the dateline or a byline ("By Euronews with AP") ends.

    0 when the first line is neither (a headline, or prose).
    """
    text = result.text
    cut = text.find("\n", 0, 300)
    if cut <= 0:
        return 0
    line = text[:cut]
    dated = result.dateline is not None and result.dateline.end <= cut
    if not (dated or _BYLINE.search(line)) or len(line.split()) > 12:
        return 0
    span = doc.char_span(0, cut, alignment_mode="expand")
    return span.end if span is not None else 0


def _salience(
    doc: Doc, groups: list[tuple[str, list[_Mention]]], rules: _Rules, byline_end: int
) -> list[float]:
    """Per group: sum of mention weights (position, headline, lead) times the type weight; sums to 1.

    Mentions in a byline ("By Euronews with AP") weigh ``byline_weight`` and get no bonus; the
    headline is the first sentence after it.
    """
    cfg = rules.salience
    has_sents = len(doc) and doc.has_annotation("SENT_START")
    sents = []
    if has_sents:
        body = (s for s in doc.sents if s.end > byline_end)
        sents = list(islice(body, int(cfg["lead_sentences"])))
    headline_end = sents[0].end if sents else 0
    lead_end = sents[-1].end if sents else 0
    n = max(len(doc), 1)
    scores = []
    for etype, ms in groups:
        total = 0.0
        for m in ms:
            if m.start < byline_end:
                total += float(cfg["byline_weight"])
                continue
            w = 1.0 + float(cfg["position_bonus"]) * (1.0 - m.start / n)
            if m.start < headline_end:
                w += float(cfg["headline_bonus"])
            if m.start < lead_end:
                w += float(cfg["lead_bonus"])
            total += w
        scores.append(total * float(cfg["type_weights"].get(etype, 0.5)))
    s = sum(scores) or 1.0
    return [x / s for x in scores]


def _mention(feats: _Feats, m: _Mention) -> Mention:
    start = feats.idx[m.start]
    text = _text(feats, m.start, m.end)
    return Mention(text, start, start + len(text))


def extract_entities(doc: Doc, result: Analysis) -> list[Entity]:
    """The ``entities`` section: one Entity per real-world thing named in ``doc``.

    ``result`` gives only the dateline (a first line holding it is a byline, weighing little).
    Returns entities sorted by salience, highest first (ties: first mention first), ids E1.. in
    that order; mentions in text order.
    """
    rules = _rules()
    feats = _features(doc, result.text)
    mentions = _collect(doc, feats, rules)
    if not mentions:
        return []
    groups = _group(doc, feats, mentions, rules)
    _propagate(doc, feats, mentions, groups)
    found: list[tuple[str, list[_Mention]]] = []
    for g in groups.live():
        ms = sorted(groups.groups[g].mentions, key=lambda m: m.start)
        found.append((_type_of(ms, rules), ms))
    saliences = _salience(doc, found, rules, _byline_end(doc, result))
    order = sorted(range(len(found)), key=lambda k: (-saliences[k], found[k][1][0].start))
    entities = []
    for rank, k in enumerate(order, start=1):
        etype, ms = found[k]
        entities.append(
            Entity(
                id=f"E{rank}",
                name=_name_of(feats, ms, etype),
                type=etype,
                salience=round(saliences[k], 4),
                mentions=[_mention(feats, m) for m in ms],
            )
        )
    return entities
