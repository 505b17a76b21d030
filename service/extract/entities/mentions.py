"""Step 1, mentions: the model's names cleaned and cut, plus names it missed (token ranges)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy import symbols
from spacy.attrs import IDX, LENGTH, POS
from spacy.tokens import Doc, Token

from ..docindex import doc_index
from .lexicon import Rules

_LOWER_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]*$")  # iPhone, iPod, iOS, eBay
_CAMEL_POS = frozenset({symbols.PROPN, symbols.NOUN, symbols.NUM, symbols.ADP, symbols.ADJ})
_THE = (["the"], ["The"])
_SHORT_VERSION = re.compile(r"^\d{1,2}(?:\.\d+)*[A-Za-z]{0,3}$")  # "4", "3GS", "4.2": a model, not an index


@dataclass
class TokMention:
    """A cleaned mention: tokens ``start:end`` of the doc, with the model's (or a rule's) label."""

    start: int
    end: int
    label: str
    product: bool = False  # a product cue was seen at this mention
    person: bool = False  # a person cue was seen at this mention (an age, a person's role in apposition)
    group: int = -1
    kind: str = "proper"  # proper (a name), common (a nominal), pronoun


def word_of(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _is_line_start(doc: Doc, i: int) -> bool:
    """Token i begins a sentence or a line (a capitalised "The" there is not part of a name)."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in {'"', "“", "‘", "'", "(", "-", "—", "–"}


def starts_line(doc: Doc, i: int) -> bool:
    """Token i begins a sentence, a line or a quotation: capitalised there whatever it is."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return (prev.is_space and "\n" in prev.text) or prev.text in {'"', "“", "‘", "'"}


def _pieces(doc: Doc, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
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
            cut = nxt is None or word_of(nxt) not in rules.company_suffixes
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


def score_before(doc: Doc, texts: list[str], end: int, rules: Rules) -> int:
    """The number of tokens of a sports score ending at token ``end`` ("2-1" is "2", "-", "1";
    "3–0" is one token), or 0. ``texts``: the token texts."""
    if not 0 < end <= len(texts) or not texts[end - 1][-1:].isdigit():
        return 0
    for size in (1, 3):
        if end - size < 0 or any(doc[i].whitespace_ for i in range(end - size, end - 1)):
            continue
        if rules.score.match("".join(texts[end - size : end])):
            return size
    return 0


def _strip(doc: Doc, texts: list[str], start: int, end: int, label: str, rules: Rules) -> tuple[int, int]:
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
        elif end - start > 1 and (size := score_before(doc, texts, end, rules)):
            end -= size  # a team's score: "Chelsea 2-1"
        else:
            break
    if label == "PERSON":
        while end - start > 1 and word_of(doc[start]) in rules.person_titles:
            start += 1
    return start, end


def _is_title_word(doc: Doc, start: int, end: int, rules: Rules) -> bool:
    """A lone department word with a title: "Defense" in "Russian Defense Minister", "Secretary of State"."""
    before_title = end < len(doc) and word_of(doc[end]) in rules.title_words
    after_title = (
        start >= 2 and doc[start - 1].lower_ == "of" and word_of(doc[start - 2]) in rules.title_words
    )
    if not (before_title or after_title):
        return False
    return all(word_of(doc[i]) in rules.department_words for i in range(start, end))


def _titled_person(doc: Doc, start: int, end: int, rules: Rules) -> bool:
    """Tokens start:end are a title and two capitalised proper nouns or more ("Spokeswoman Sandy Angers"),
    none of them an organisation's word ("President Hotel Group" stays)."""
    if end - start < 3 or word_of(doc[start]) not in rules.person_name_titles:
        return False
    rest = doc[start + 1 : end]
    return all(
        t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and word_of(t) not in rules.company_descriptors
        and word_of(t) not in rules.generic_words
        and word_of(t) not in rules.person_name_titles
        for t in rest
    )


def _plain_name(texts: list[str], start: int, end: int, rules: Rules) -> bool:
    """Tokens start:end may be a person's name: capitalised words (and inner hyphens, apostrophes),
    no digit, none a company's or institution's word ("Acme Corp.", "Goldman Sachs Group")."""
    for i in range(start, end):
        word = texts[i]
        if word in ("-", "'", "’") and start < i < end - 1:
            continue
        low = word.lower().rstrip(".")
        if (
            not word[:1].isupper()
            or low == "the"
            or any(c.isdigit() for c in word)
            or low in rules.company_suffixes
            or low in rules.company_descriptors
            or low in rules.generic_words
        ):
            return False
    return True


def _is_role(tok: Token, rules: Rules) -> bool:
    """A person's role heading its own phrase: not a title before another name ("spokesman Rod Beer")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in rules.person_roles:
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return nxt is None or not (nxt.pos_ == "PROPN" and nxt.text[:1].isupper())


def person_cue(doc: Doc, texts: list[str], start: int, end: int, rules: Rules) -> bool:
    """The name at tokens start:end is a person's by the words around it: an age between commas after
    it ("Garcia, 31, had fled"), or an apposition headed by a person's role ("Smith, a spokesman for the
    company", "the company's chief executive, Laura Chen"). The name must look like a person's."""
    n = len(texts)
    comma_after = end < n and texts[end] == ","
    if not (comma_after or (start > 0 and texts[start - 1] == ",")):
        return False
    if not _plain_name(texts, start, end, rules) or (start > 0 and texts[start - 1].lower() == "the"):
        return False  # a person's name takes no article: "the United States, Truman's secretary of state"
    after = end + 1  # where the apposition starts: right after the comma, or after the age
    if comma_after and end + 2 < n and rules.age.match(texts[end + 1]):
        closing = texts[end + 2]
        if closing == "," or (closing == "." and (end + 3 == n or doc[end + 3].is_sent_start)):
            return True
    root = doc[end - 1]
    for i in range(start, end):
        if not start <= doc[i].head.i < end or doc[i].head.i == i:
            root = doc[i]
            break
    if comma_after and any(
        c.dep_ == "appos" and c.i >= end and c.left_edge.i in (after, after + 2) and _is_role(c, rules)
        for c in root.children
    ):
        return True
    return root.dep_ == "appos" and root.head.i == start - 2 and _is_role(root.head, rules)


def _person_not_value(feats: Feats, start: int, end: int, rules: Rules) -> bool:
    """A value entity (DATE...) that is only capitalised proper nouns, none a month or a day: a name."""
    return all(
        feats.name_word[i] and feats.texts[i].isalpha() and feats.texts[i].lower() not in rules.not_names
        for i in range(start, end)
    )


def _keep(feats: Feats, start: int, end: int) -> bool:
    """Tokens start:end hold a capital letter (a name), not only digits or symbols."""
    text = span_text(feats, start, end)
    return any(c.isupper() for c in text) and any(c.isalpha() for c in text)


def _version_end(doc: Doc, end: int, rules: Rules, numeric_ents: dict[int, int]) -> int:
    """The end after a version number right after a name ("iPhone 4"), else ``end``."""
    if end < len(doc) and doc[end - 1].whitespace_ and rules.version.match(doc[end].text):
        # not the start of a longer value ("iPhone 4 million units" is not "iPhone 4"), nor a score
        if numeric_ents.get(end, end + 1) <= end + 1 and not _score_at(doc, end, rules):
            return end + 1
    return end


def _score_at(doc: Doc, i: int, rules: Rules) -> bool:
    """Tokens from ``i`` are a score written "2-1" (three tokens): "Chelsea 2-1"."""
    if i + 3 > len(doc) or doc[i].whitespace_ or doc[i + 1].whitespace_:
        return False
    return bool(rules.score.match(doc[i].text + doc[i + 1].text + doc[i + 2].text))


def _index_end(doc: Doc, end: int, rules: Rules, numeric_ents: dict[int, int]) -> int:
    """The end after a whole number that is part of an index's name ("FTSE 100 lost"), else ``end``."""
    if end >= len(doc) or not doc[end - 1].whitespace_ or not doc[end].text.isdigit() or len(doc[end]) > 4:
        return end
    if _score_at(doc, end, rules):
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
class Feats:
    """Per-token features read in one pass over the doc (token objects are costly to make)."""

    text: str
    texts: list[str]
    idx: list[int]  # character offset of each token
    propn: bytearray  # a proper noun
    name_word: bytearray  # a capitalised proper noun (or plural noun after "the")
    camel: bytearray  # a lower-camel-case word the tagger takes for a noun-ish word (iPhone)
    titled: bytearray  # in a title-case headline line ("Voters Abandon Republican Party")


def features(doc: Doc, text: str) -> Feats:
    """Token texts, offsets and flags from the doc's arrays; ``text`` is the doc's text."""
    n = len(doc)
    rows = doc.to_array([IDX, LENGTH, POS]).tolist() if n else []
    if rows and len(text) < rows[-1][0] + rows[-1][1]:
        text = doc.text  # not the text the doc was made from
    index = doc_index(doc, text)
    f = Feats(text, [], index.token_starts, bytearray(n), bytearray(n), bytearray(n), bytearray(n))
    start = capital = words = 0
    propn, noun = symbols.PROPN, symbols.NOUN
    for i, (idx, length, pos) in enumerate(rows):
        word = text[idx : idx + length]
        f.texts.append(word)
        if pos == propn:
            f.propn[i] = 1
            f.name_word[i] = word[:1].isupper()
        elif pos == noun and word[-1:] == "s" and word[:1].isupper() and f.texts[i - 1 : i] in _THE:
            f.name_word[i] = 1  # a capitalised plural after "the" is a team's, a band's name: "the Falcons"
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


def span_text(feats: Feats, start: int, end: int) -> str:
    """The text of tokens start:end."""
    return feats.text[feats.idx[start] : feats.idx[end - 1] + len(feats.texts[end - 1])]


def _untagged(
    doc: Doc, feats: Feats, covered: bytearray, numeric: bytearray, rules: Rules
) -> list[TokMention]:
    """Names the model missed: lower-camel-case products (iPhone, iTunes) and runs of proper nouns.

    Runs are not looked for in title-case headlines, where every word is capitalised.
    """
    out: list[TokMention] = []
    texts, name_word = feats.texts, feats.name_word
    i, n = 0, len(doc)
    while i < n:
        if covered[i] or numeric[i]:
            i += 1
            continue
        if feats.camel[i]:
            out.append(TokMention(i, i + 1, "PRODUCT", product=True))
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
        cuts = [k for k in range(i, j) if texts[k].lower().rstrip(".") in rules.not_names]
        for e in [*cuts, j]:
            # role words, titles, months and days cut the run: "CEO Steve Jobs", "President"
            if (
                e > s
                and not all(texts[k].lower().rstrip(".") in rules.generic_words for k in range(s, e))
                and not _is_unit_code(doc, s, e, numeric)
                and _keep(feats, s, e)
                # "District" in "U.S. District Judge", "State" in "Secretary of State"
                and not ((e in cuts or texts[s - 1] == "of") and _is_title_word(doc, s, e, rules))
            ):
                # at the start of a sentence any word is capitalised: a name there only with a person
                # cue ("Jones, 62, was arrested"; "Greenberg, an economist at the bank, said")
                person = person_cue(doc, texts, s, e, rules)
                if person or not starts_line(doc, s):
                    out.append(TokMention(s, e, "PERSON" if person else "", person=person))
            s = e + 1
        i = j
    return out


def _teams(doc: Doc, texts: list[str], mentions: list[TokMention]) -> None:
    """A plural name after "the" tagged PERSON is a team's or a band's (ORG): "the Lakers". A person's
    name takes no article; a family does ("the Clintons"), when the text names one of them in full."""
    family = {
        texts[k].lower()
        for m in mentions
        if m.label == "PERSON" and m.end - m.start > 1
        for k in range(m.start, m.end)
    }
    for m in mentions:
        if m.label != "PERSON" or m.person or m.start == 0 or texts[m.start - 1].lower() != "the":
            continue
        last = doc[m.end - 1]
        word = last.lower_
        if last.tag_ in ("NNPS", "NNS") and word[:-1] not in family and word[:-2] not in family:
            m.label = "ORG"


def collect(doc: Doc, feats: Feats, rules: Rules) -> list[TokMention]:
    """Cleaned mentions from doc.ents, plus lower-camel-case product names the model missed."""
    numeric_ents: dict[int, int] = {}
    numeric = bytearray(len(doc))  # tokens inside a value entity (DATE, MONEY, CARDINAL...)
    ents = list(doc.ents)
    mentions: list[TokMention] = []
    tagged = bytearray(len(doc))  # tokens the model put in a name, kept or dropped
    for ent in ents:
        if ent.label_ in rules.not_entity:
            if len(ent) == 1 and rules.model_code.match(feats.texts[ent.start]):
                mentions.append(TokMention(ent.start, ent.end, "PRODUCT", product=True))  # "A380"
                tagged[ent.start] = 1
                continue
            if _person_not_value(feats, ent.start, ent.end, rules) and person_cue(
                doc, feats.texts, ent.start, ent.end, rules
            ):  # "Ruiz, 41, died" with "Ruiz" tagged DATE
                mentions.append(TokMention(ent.start, ent.end, "PERSON", person=True))
                tagged[ent.start : ent.end] = b"\x01" * len(ent)
                continue
            numeric_ents[ent.start] = ent.end
            numeric[ent.start : ent.end] = b"\x01" * len(ent)
    for ent in ents:
        if ent.label_ in rules.not_entity:
            continue
        tagged[ent.start : ent.end] = b"\x01" * len(ent)
        for begin, finish in _pieces(doc, ent.start, ent.end, rules):
            s, e = _strip(doc, feats.texts, begin, finish, ent.label_, rules)
            if s >= e or not _keep(feats, s, e):
                continue
            if ent.label_ == "ORG" and _is_title_word(doc, s, e, rules):
                continue
            if ent.label_ in rules.unit_code_labels and _is_unit_code(doc, s, e, numeric):
                continue
            label = ent.label_
            if label in rules.name_title_relabel and _titled_person(doc, s, e, rules):
                s, label = s + 1, "PERSON"  # "Spokeswoman Sandy Angers" tagged ORG
            if label in ("GPE", "LOC") and e - s == 1 and doc[s].tag_ == "JJ":
                label = "NORP"  # an adjective is a demonym, not a place: "Ukrainian Defense Minister"
            # "Smith, a spokesman" tagged ORG (not a people: "six Sudanese, a Somali national")
            person = label != "NORP" and person_cue(doc, feats.texts, s, e, rules)
            mentions.append(TokMention(s, e, "PERSON" if person else label, person=person))
    mentions.extend(_untagged(doc, feats, tagged, numeric, rules))
    _teams(doc, feats.texts, mentions)
    mentions.sort(key=lambda m: m.start)
    # product cues; version numbers join the name
    for k, m in enumerate(mentions):
        if (m.label in rules.event_relabel or not m.label) and word_of(doc[m.end - 1]) in rules.event_heads:
            m.label = "EVENT"  # "Worldwide Developers Conference"
        elif m.end - m.start > 1 and feats.texts[m.end - 1].lower().rstrip(".") in rules.team_heads:
            m.label = "ORG"  # "Manchester United" tagged PERSON
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
