"""Step 4, references: nominal mentions and pronouns linked to the entity they refer to.

Found in the parse, left to right:

- *titles* right before a person's name ("Apple CEO Steve Jobs", "Spokeswoman Sandy Angers") and
  *appositions* ("NPD Group, a market research firm"; "the airline's chief, John Smith") belong to
  the name's entity, whatever comes before;
- *relative pronouns* ("China Eastern Airlines, which ...") to the entity of the noun the clause
  hangs on; a *government* named with a people or a possessor ("the Russian government", "Japan's
  government") to that country;
- *definite nominals* ("the company", "the airline", "the country"; of people only a title the
  person was given before: "the defence minister") and *personal pronouns* ("it", "its", "he",
  "his") to the most salient entity that agrees with them (``kind_types``) within a few sentences;
  a noun that described an entity before agrees with it again ("a market research firm" ... "the
  firm"); "they"/"their" only with an entity seen as the subject of a plural verb ("Apple have")
  or with an unnamed plural entity (below);
- *unnamed entities*: a noun phrase headed by a noun of ``unnamed_heads`` ("users", "analysts",
  "the banks", "the world") is a mention of a thing the text may never name: the same noun again
  within the window (and "they", "their") refers back to it, else it starts an entity of its own,
  typed by the table.

Salience as in Lappin and Leass (1994): the mentions of an entity in a sentence add weights (recency,
subject, object, head noun; each factor once per sentence), halved at every sentence; a nominal whose
head word is in the entity's name ("the airline", China Eastern Airlines) gets a bonus. A pronoun that
is the object of a verb is not linked to that verb's subject ("Ford sued it"); "it" that only opens a
clause ("it is likely that") is not linked at all. A person nominal whose title came with a place or
organisation ("Russian Defence Minister Sergei Shoigu") is not linked when it names another one
("Ukraine's defence minister").

Spans run from the determiner to the head noun; a name or a possessor before the head is left out
(it is a mention of its own), so mentions never overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..docindex import doc_index
from .lexicon import RefRules, load_ref_rules
from .mentions import TokMention

_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "obj"})
_EMBEDDED = frozenset({"poss", "compound", "nmod", "amod"})
_POSSESSIVE_TAGS = frozenset({"PRP$", "WP$"})
_TITLE_KINDS = {"PERSON": "person", "ORG": "organisation"}  # a nominal right before a name of this type


@dataclass
class _Ref:
    """A reference to link: tokens ``start:end`` headed by ``head``."""

    start: int
    end: int
    head: int
    kind: str  # "common" or "pronoun"
    agrees: str  # a kind of ``kind_types`` (person, thing, organisation, place)
    group: int = -1  # known from the syntax (title, apposition)
    antecedent: int = -1  # token the reference stands for (relative pronoun)
    modifiers: frozenset[str] = frozenset()  # places and organisations named around a person's title
    word: str = ""  # the head, lowercased
    unnamed: str = ""  # the entity type of an unnamed entity this noun phrase may start ("users")
    not_group: int = -1  # a group it cannot refer to: the name its apposition describes


@dataclass
class _State:
    """Salience of every group so far, and what the walk has learnt about each."""

    score: dict[int, float] = field(default_factory=dict)
    last_sent: dict[int, int] = field(default_factory=dict)
    last_root: dict[int, int] = field(default_factory=dict)
    titles: dict[int, list[tuple[str, frozenset[str]]]] = field(default_factory=lambda: defaultdict(list))
    group_of_token: dict[int, int] = field(default_factory=dict)
    heads: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # nouns describing each
    counted: dict[int, tuple[int, set[str]]] = field(default_factory=dict)  # factors counted this sentence
    subjects: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # subject roots
    unnamed: set[int] = field(default_factory=set)  # groups started by an unnamed noun phrase
    plural: set[int] = field(default_factory=set)  # of those, the ones named by a plural noun
    next_free: int = 0  # the group number the next unnamed entity gets


def title_word(text: str, rules: RefRules) -> str:
    """A nominal's head or a title, lowercased, an abbreviated title written out ("Gov." is "governor")."""
    word = text.lower().rstrip(".")
    return rules.title_abbreviations.get(word, word)


def _root(doc: Doc, start: int, end: int) -> Token:
    """The token of ``start:end`` whose head lies outside it (the first one if several)."""
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            return doc[i]
    return doc[end - 1]


def _modifier_key(word: str) -> str:
    """Russia/Russian, Ukraine/Ukrainian, Britain/British: one key."""
    return word.lower()[:4]


def _np_start(doc: Doc, head: Token, owner: list[int]) -> tuple[int, frozenset[str]]:
    """First token of the mention headed by ``head`` (determiner to head, names and possessors left
    out) and the keys of the capitalised words left out (the owner: "Russian", "Ukraine")."""
    start = head.left_edge.i
    for child in head.lefts:
        if child.dep_ == "poss":
            start = max(start, child.right_edge.i + 1)
    for i in range(start, head.i):
        if owner[i] >= 0 or doc[i].is_punct or doc[i].is_space:
            start = i + 1
    left_out = range(head.left_edge.i, start)
    names = frozenset(_modifier_key(doc[i].text) for i in left_out if doc[i].text[:1].isupper())
    return start, names


def _word_start(doc: Doc, texts: list[str], i: int) -> int:
    """First token of the hyphenated word whose last token is ``i`` ("co-founder" is "co", "-", "founder")."""
    while i >= 2 and texts[i - 1] == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return i


def _title_before(
    doc: Doc, texts: list[str], m: TokMention, owner: list[int], gtypes: dict[int, str], rules: RefRules
) -> _Ref | None:
    """A title right before a person's name ("Apple CEO Steve Jobs", "co-founder Steve Jobs"), or a
    description right before an organisation's name that it modifies ("electronics retailer Best Buy");
    such a description makes a name the model took for a person's an organisation's (in ``gtypes``)."""
    if m.start == 0 or owner[m.start - 1] >= 0:
        return None
    kind = rules.nominal_heads.get(title_word(texts[m.start - 1], rules))
    if kind is None:
        return None
    before = doc[m.start - 1]
    gtype = gtypes.get(m.group, "")
    if kind == "organisation" and gtype == "PERSON" and before.pos_ == "NOUN":
        gtype = "ORG"
    if kind != _TITLE_KINDS.get(gtype):
        return None
    if kind != "person" and not (before.pos_ == "NOUN" and m.start <= before.head.i < m.end):
        return None
    gtypes[m.group] = gtype
    start, names = _np_start(doc, before, owner)
    start = max(min(start, _word_start(doc, texts, before.i)), m.start - 6)
    return _Ref(start, m.start, before.i, "common", kind, m.group, modifiers=names)


def _titles_and_appositions(
    doc: Doc,
    texts: list[str],
    mentions: list[TokMention],
    roots: list[Token],
    owner: list[int],
    gtypes: dict[int, str],
    rules: RefRules,
    inside: dict[int, int],
) -> list[_Ref]:
    """References known from the syntax: a title right before a name, an apposition.

    Fills ``inside``: token -> the group of the name whose apposition holds it ("Aviall, a subsidiary
    of the company": "the company" is not Aviall)."""
    out: list[_Ref] = []
    for m, root in zip(mentions, roots, strict=True):
        title = _title_before(doc, texts, m, owner, gtypes, rules)
        if title is not None:
            out.append(title)
        partners = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            partners.append(root.head)  # "the airline's chief, John Smith"
        elif m.start >= 2 and texts[m.start - 1] == "," and root.dep_ in _SUBJECT:
            other = doc[
                m.start - 2
            ]  # "The former Chief Operating Officer, Tim Cook will": parsed as two subjects
            if other.dep_ == root.dep_ and other.head.i == root.head.i and gtypes.get(m.group) == "PERSON":
                partners.append(other)
        for a in partners:
            if a.i >= m.end:  # after the name: its own head is the name, its other words are not
                for i in range(max(a.left_edge.i, m.end), a.right_edge.i + 1):
                    if i != a.i:
                        inside.setdefault(i, m.group)
            word = a.lower_.rstrip(".")
            if a.pos_ in ("NOUN", "PROPN") and owner[a.i] < 0 and word in rules.nominal_heads:
                agrees = rules.nominal_heads[word]
                if gtypes.get(m.group) not in rules.kind_types[agrees]:
                    continue  # "BRUCE R. BENT President The Reserve Fund": no fund is a president
                start, names = _np_start(doc, a, owner)
                out.append(_Ref(start, a.i + 1, a.i, "common", agrees, m.group, modifiers=names))
    return out


def _candidates(doc: Doc, texts: list[str], owner: list[int], rules: RefRules) -> list[_Ref]:
    """Pronouns and definite singular nominals to resolve by salience (``texts``: the token texts;
    a Token is made only for the words of the tables)."""
    out: list[_Ref] = []
    wanted = rules.words
    for i, text in enumerate(texts):
        low = text.lower()
        if low not in wanted or owner[i] >= 0:
            continue
        tok = doc[i]
        if low in rules.pronouns and tok.tag_ in ("PRP", "PRP$"):
            if low == "it" and _pleonastic(tok, rules):
                continue
            ref = _Ref(tok.i, tok.i + 1, tok.i, "pronoun", rules.pronouns[low])
            if low.endswith(("self", "selves")):  # a reflexive is its own clause's subject's
                subject = next((c.i for c in tok.head.children if c.dep_ in _SUBJECT and c.i < tok.i), -1)
                ref.antecedent = subject if subject >= 0 else tok.i  # no subject: refers to nothing
            out.append(ref)
        elif low in rules.relative_pronouns and tok.head.dep_ == "relcl" and tok.tag_.startswith("W"):
            out.append(_Ref(tok.i, tok.i + 1, tok.i, "pronoun", "any", antecedent=tok.head.head.i))
        elif low in rules.unnamed_heads and tok.pos_ == "NOUN" and tok.dep_ != "compound":
            if (
                low in rules.unnamed_definite
                and tok.dep_ != "poss"
                and not any(c.dep_ == "det" and c.lower_ in rules.definite for c in tok.lefts)
            ):
                continue  # "social media" is no one thing; "the media" is
            start, names = _np_start(doc, tok, owner)
            etype = rules.unnamed_heads[low]
            out.append(_Ref(start, i + 1, i, "common", "unnamed", modifiers=names, unnamed=etype))
        elif _nominal_head(tok, rules):
            first = doc[_word_start(doc, texts, i)]  # "The co-founder": the determiner hangs on "co"
            definite = any(
                (c.dep_ == "det" and c.lower_ in rules.definite) or (c.dep_ == "poss" and owner[c.i] >= 0)
                for c in (*first.lefts, *tok.lefts)
            )
            if tok.tag_ not in ("NN", "NNP") or not definite:
                continue
            start, names = _np_start(doc, first, owner)
            kind = rules.nominal_heads[low]
            ref = _Ref(start, tok.i + 1, tok.i, "common", kind, modifiers=names)
            if kind == "state":  # "the Russian government", "Japan's government": that country's
                ref.group = next((owner[c.i] for c in tok.lefts if owner[c.i] >= 0), -1)
            out.append(ref)
    return out


def _nominal_head(tok: Token, rules: RefRules) -> bool:
    """A common noun of the table heading its phrase; a capitalised title too ("The President")."""
    kind = rules.nominal_heads.get(tok.lower_)
    if kind is None or tok.dep_ == "compound":
        return False
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and kind == "person")


def _pleonastic(tok: Token, rules: RefRules) -> bool:
    """ "it" as an expletive, or subject of "be", "seem"... that takes a clause ("it is likely that")."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    return (
        tok.dep_ in _SUBJECT
        and head.lemma_.lower() in rules.pleonastic_heads
        and any(c.dep_ in ("ccomp", "xcomp", "csubj", "acomp", "advcl") for c in head.children)
    )


def _factors(root: Token) -> set[str]:
    """The salience factors a mention headed by ``root`` brings (weights in the table)."""
    dep = root.dep_
    found = {"recency"}
    if dep in _SUBJECT:
        found.add("subject")
    elif dep in _OBJECT:
        found.add("object")
    if dep not in _EMBEDDED and not (dep == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN")):
        found.add("head")
    return found


def _plural_subject(root: Token) -> bool:
    """The subject of a verb in the plural ("Apple have released", "the Russians are")."""
    verb = root.head
    return any(
        t.tag_ == "VBP" or t.lower_ == "were"
        for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux")))
    )


def _add_salience(state: _State, g: int, sent: int, root: Token, rules: RefRules) -> None:
    """Each factor counts once per entity and sentence (Lappin and Leass), however many mentions bring it."""
    seen_sent, seen = state.counted.get(g, (-1, set()))
    if seen_sent != sent:
        seen = set()
    factors = _factors(root)
    new = factors - seen
    state.score[g] = state.score.get(g, 0.0) + sum(rules.weights[f] for f in new)
    state.counted[g] = (sent, seen | new)
    if "subject" in factors:
        state.subjects[g].append(root.i)


def _agrees(ref: _Ref, g: int, gtypes: dict[int, str], doc: Doc, state: _State, rules: RefRules) -> bool:
    """The group's type fits the reference; a person nominal only goes to a person given that
    title before, and not when the two name different owners ("Russian" / "Ukraine's")."""
    if (
        ref.agrees == "unnamed"
    ):  # "users" ... "users": the same noun (or one of name_words), never a named entity
        heads = state.heads.get(g, set())
        return g in state.unnamed and (
            ref.word in heads or bool(heads & rules.name_words.get(ref.word, set()))
        )
    if g in state.unnamed and (ref.kind == "common" or (g in state.plural) != (ref.agrees == "plural")):
        return False  # "users" is no "he", "the world" no "they"; a named thing's nominal is not theirs
    if ref.kind == "common" and ref.agrees != "person" and ref.word in state.heads.get(g, ()):
        return True  # described with this noun before ("a market research firm" ... "the firm")
    if ref.agrees == "plural":  # looked at only for "they": rare
        latest = state.subjects.get(g, ())[-2:]  # the latest two subjects
        return g in state.plural or any(_plural_subject(doc[i]) for i in latest)
    if gtypes.get(g) not in rules.kind_types.get(ref.agrees, frozenset()):
        return False
    if ref.kind == "common" and ref.agrees == "person":
        return any(
            title == ref.word and not (mods and ref.modifiers and not mods & ref.modifiers)
            for title, mods in state.titles.get(g, [])
        )
    if ref.kind == "common" and ref.word not in rules.generic_nominals:
        # "the planemaker" before: "the carrier" is another company
        return not state.heads.get(g, set()) - rules.generic_nominals - {ref.word}
    return True


def _bound(doc: Doc, ref: _Ref, g: int, state: _State) -> bool:
    """A non-possessive pronoun object of a verb cannot be that verb's subject ("Ford sued it")."""
    if ref.kind != "pronoun" or doc[ref.head].tag_ in _POSSESSIVE_TAGS or g not in state.last_root:
        return False
    tok, other = doc[ref.head], doc[state.last_root[g]]
    return other.dep_ in _SUBJECT and other.head.i == tok.head.i and tok.dep_ not in _SUBJECT


def _choose(
    doc: Doc,
    ref: _Ref,
    sent: int,
    gtypes: dict[int, str],
    names: dict[int, set[str]],
    state: _State,
    rules: RefRules,
) -> int | None:
    """The most salient agreeing group within the window (ties: the latest mentioned)."""
    if ref.group >= 0:
        return ref.group
    if ref.antecedent >= 0:
        return state.group_of_token.get(ref.antecedent)
    window = rules.weights["pronoun_window" if ref.kind == "pronoun" else "nominal_window"]
    word = ref.word
    best: tuple[float, int, int] | None = None
    scores = state.score
    if ref.agrees == "unnamed":  # only another unnamed entity can be the same
        scores = {g: scores[g] for g in state.unnamed if g in scores}
    for g, score in scores.items():
        if g == ref.not_group or sent - state.last_sent[g] > window:
            continue
        if not _agrees(ref, g, gtypes, doc, state, rules):
            continue
        if _bound(doc, ref, g, state):
            continue
        if ref.kind == "common" and _named_by(word, names.get(g, set()), state.heads.get(g, set()), rules):
            score += rules.weights["name_word"]
        key = (score, state.last_root[g], g)
        if best is None or key > best:
            best = key
    if best is None and ref.agrees == "plural":
        return _plural_organisation(sent, gtypes, state)
    return None if best is None else best[2]


def _plural_organisation(sent: int, gtypes: dict[int, str], state: _State) -> int | None:
    """With no plural antecedent, "they"/"their" of a company ("Apple Computer announced its latest
    iteration of their popular iPhone"): the one organisation named in the same sentence."""
    orgs = [g for g, last in state.last_sent.items() if last == sent and gtypes.get(g) == "ORG"]
    return orgs[0] if len(orgs) == 1 else None


def _named_by(word: str, names: set[str], heads: set[str], rules: RefRules) -> bool:
    """A nominal's head says what the entity's name says ("the airline", "the carrier": China Eastern
    Airlines), or described it before."""
    return (
        word in heads
        or any(n.startswith(word) for n in names)
        or bool(names & rules.name_words.get(word, set()))
    )


def link_references(
    doc: Doc,
    texts: list[str],
    mentions: list[TokMention],
    gtypes: dict[int, str],
    names: dict[int, set[str]],
    first_free: int,
) -> list[TokMention]:
    """Nominal and pronoun mentions of the groups of ``mentions`` (names, grouped), in text order.

    ``texts``: the doc's token texts; ``gtypes``: each group's entity type; ``names``: each group's
    lowercased name words. A mention of an unnamed entity ("users") gets a new group number,
    ``first_free`` and up in order of first mention, and its type is added to ``gtypes``.
    """
    rules = load_ref_rules()
    owner = [-1] * len(doc)
    for m in mentions:
        owner[m.start : m.end] = [m.group] * (m.end - m.start)
    roots = [_root(doc, m.start, m.end) for m in mentions]
    refs: list[_Ref] = []
    taken: set[int] = set()
    inside: dict[int, int] = {}
    for r in _titles_and_appositions(doc, texts, mentions, roots, owner, gtypes, rules, inside):
        if not taken & set(range(r.start, r.end)):  # one title may be two names' ("President")
            refs.append(r)
            taken.update(range(r.start, r.end))
    for r in _candidates(doc, texts, owner, rules):
        if not taken & set(range(r.start, r.end)):
            if r.kind == "common":  # a nominal in a name's apposition is not that name ("its" may be)
                r.not_group = inside.get(r.head, -1)
            refs.append(r)
    for r in refs:
        r.word = title_word(texts[r.head], rules)
        if r.agrees == "state" and gtypes.get(r.group) == "NORP":
            r.group = _country_of(r.group, gtypes, names)
    sent_starts = doc_index(doc).sent_token_starts
    events = sorted(
        [(m.start, 0, k) for k, m in enumerate(mentions)] + [(r.start, 1, k) for k, r in enumerate(refs)]
    )
    state = _State(next_free=first_free)
    current = 0
    horizon = max(rules.weights["pronoun_window"], rules.weights["nominal_window"])
    out: list[TokMention] = []
    for pos, is_ref, k in events:
        sent = bisect_right(sent_starts, pos) - 1
        if sent > current:
            # decay; an entity out of every window can no longer be chosen: forgotten
            factor = rules.weights["decay"] ** (sent - current)
            state.score = {
                g: v * factor for g, v in state.score.items() if state.last_sent[g] >= sent - horizon
            }
            current = sent
        if is_ref:
            linked = _link(doc, refs[k], sent, gtypes, names, state, rules)
            if linked is None:
                continue
            out.append(linked)
            g, start, end, root = linked.group, linked.start, linked.end, doc[refs[k].head]
        else:
            m = mentions[k]
            g, start, end, root = m.group, m.start, m.end, roots[k]
        _add_salience(state, g, sent, root, rules)
        state.last_sent[g] = sent
        state.last_root[g] = root.i
        for i in range(start, end):
            state.group_of_token[i] = g
    return out


def _link(
    doc: Doc,
    ref: _Ref,
    sent: int,
    gtypes: dict[int, str],
    names: dict[int, set[str]],
    state: _State,
    rules: RefRules,
) -> TokMention | None:
    """The mention ``ref`` makes: of the group it refers to, of a new unnamed entity, or none."""
    g = _choose(doc, ref, sent, gtypes, names, state, rules)
    head = doc[ref.head]
    if g is None and ref.unnamed:
        g = state.next_free
        state.next_free += 1
        gtypes[g] = ref.unnamed
        state.unnamed.add(g)
        if head.tag_ == "NNS":
            state.plural.add(g)
    if g is None:
        return None
    if ref.kind == "common" and ref.group >= 0 and ref.agrees == "person":
        state.titles[g].append((ref.word, ref.modifiers))
    if ref.kind == "common":
        state.heads[g].add(ref.word)
    return TokMention(ref.start, ref.end, "", group=g, kind=ref.kind)


def _country_of(g: int, gtypes: dict[int, str], names: dict[int, set[str]]) -> int:
    """The country (GPE) of a people ("Russian": Russia), if the text names it; else the people."""
    keys = {n[:4] for n in names.get(g, ())}
    for other, etype in gtypes.items():
        if etype == "GPE" and any(n[:4] in keys for n in names.get(other, ())):
            return other
    return g
