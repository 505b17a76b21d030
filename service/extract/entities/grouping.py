"""Step 2, grouping: mentions of one thing joined (same key, surname to full name, acronym)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .lexicon import Rules, load_rules
from .mentions import Feats, TokMention, span_text

_ACRONYM = re.compile(r"^[A-Z][A-Za-z]?(?:[A-Z&][a-z]?){1,6}$")  # US, IMF, DoD, AT&T
_NORMALISE = re.compile(r"[^\w&]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_WORDISH = re.compile(r"\w")


@dataclass
class Group:
    mentions: list[TokMention] = field(default_factory=list)
    merged_into: int | None = None


def normalise(text: str) -> str:
    """Grouping key of a name: lowercase, no leading "the", possessive, dots, punctuation or "Inc."."""
    t = text.replace("’", "'").strip()
    t = _POSSESSIVE.sub("", t) if t.endswith(("'s", "'")) else t
    t = t.replace(".", "")
    t = _NORMALISE.sub(" ", t.lower()).strip()
    if t.startswith("the "):
        t = t[4:]
    head, _, last = t.rpartition(" ")
    if head and last in load_rules().company_suffixes:
        t = head
    return t


def _initials(words: list[str], rules: Rules) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in rules.acronym_stopwords and w[0].isupper())


class Groups:
    """Union of mentions into groups, by index; ``find`` follows merges."""

    def __init__(self) -> None:
        self.groups: list[Group] = []

    def new(self, m: TokMention) -> int:
        self.groups.append(Group([m]))
        m.group = len(self.groups) - 1
        return m.group

    def find(self, g: int) -> int:
        while self.groups[g].merged_into is not None:
            g = self.groups[g].merged_into  # type: ignore[assignment]
        return g

    def add(self, g: int, m: TokMention) -> None:
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


def group_mentions(doc: Doc, feats: Feats, mentions: list[TokMention], rules: Rules) -> Groups:
    """Group mentions: same key; surname/first name to a full PERSON name; acronym to its expansion."""
    groups = Groups()
    keys = [normalise(span_text(feats, m.start, m.end)) for m in mentions]
    words = [[t for t in feats.texts[m.start : m.end] if _WORDISH.search(t)] for m in mentions]
    # full PERSON names (two words or more): their word tuples, by last word and by first word
    by_last: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_first: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, m in enumerate(mentions):
        if m.label == "PERSON" and len(words[i]) >= 2:
            by_last[words[i][-1].lower()][keys[i]].append(i)
            by_first[words[i][0].lower()][keys[i]].append(i)

    _own_keys(doc, feats, mentions, keys, rules)
    speaking = _speaking_places(doc, mentions, words, rules)
    # words of longer names of other things: "Douglas" of "McDonnell Douglas", "Ford" of "Ford Motor Company"
    in_names = {
        w.lower()
        for i, m in enumerate(mentions)
        if m.label != "PERSON" and len(words[i]) > 1
        for w in words[i]
    }
    key_group: dict[str, int] = {}
    for i, m in enumerate(mentions):
        k = keys[i]
        full = (
            None
            if len(words[i]) == 1 and words[i][0].lower() in in_names
            else _full_name_of(i, m, keys, words, by_last, by_first, rules, i in speaking)
        )
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
    _merge_short_forms(mentions, keys, key_group, groups, rules)
    _merge_place_prefixed(mentions, keys, key_group, groups)
    # "Russians" and "Russian" (both NORP) are one group of people
    for k, g in key_group.items():
        if k.endswith("s") and k[:-1] in key_group:
            a, b = groups.find(g), groups.find(key_group[k[:-1]])
            if all(m.label == "NORP" for m in groups.groups[a].mentions + groups.groups[b].mentions):
                groups.merge(b, a)
    return groups


def _full_name_of(
    i: int,
    m: TokMention,
    keys: list[str],
    words: list[list[str]],
    by_last: dict[str, dict[str, list[int]]],
    by_first: dict[str, dict[str, list[int]]],
    rules: Rules,
    speaking: bool = False,
) -> int | None:
    """Index of the full-name mention that a partial PERSON mention ("Shoigu") refers to, or None.

    Among the full names before the mention whose last words (or first word) are the mention's
    words, the one written in full most often wins, then the most recent; without one, the full
    name after it, when only one name fits. ``by_last``/``by_first``: word -> full-name key ->
    indices of its mentions (in text order, as ``mentions`` is).
    """
    w = words[i]
    if not w or (m.label not in rules.surname_labels and m.label and not speaking) or len(w) > 3:
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
    mentions: list[TokMention],
    keys: list[str],
    words: list[list[str]],
    key_group: dict[str, int],
    groups: Groups,
    rules: Rules,
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


def _speaking_places(doc: Doc, mentions: list[TokMention], words: list[list[str]], rules: Rules) -> set[int]:
    """Indices of one-word place mentions that speak ("Henderson said"): surnames, not places."""
    out = set()
    for i, m in enumerate(mentions):
        if m.label in ("GPE", "LOC") and len(words[i]) == 1 and m.end - m.start == 1:
            tok = doc[m.start]
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in rules.speech_verbs:
                out.add(i)
    return out


def _own_keys(doc: Doc, feats: Feats, mentions: list[TokMention], keys: list[str], rules: Rules) -> None:
    """Give an owner to the key of an institution's name ("Russia's Ministry of Defence", "the
    Russian Ministry of Defence"): a possessor or a demonym right before it. A name without an
    owner takes the last owned one with its key before it; a name before any stays unowned."""
    at_end = {m.end: i for i, m in enumerate(mentions)}
    last_owner: dict[str, str] = {}
    for i, m in enumerate(mentions):
        key = keys[i]
        if m.label == "ORG" and _distinguished(doc, m, rules):
            keys[i] = f"{key} @distinct"  # "the emerging Chrysler", "the new Chrysler"
            continue
        if not set(key.split()) & rules.owned_heads:
            continue
        j = m.start
        while j > 0 and doc[j - 1].lower_ in ("the", "'s", "’s", "'", "’"):
            j -= 1
        owner_i = at_end.get(j)
        if (
            owner_i is not None
            and j < m.start
            and doc[m.start - 1].tag_ != "POS"
            and doc[m.start - 1].lower_ == "the"
        ):
            owner_i = None  # "X the Ministry": no owner
        if owner_i is not None:
            owner = keys[owner_i][:4]
            last_owner[key] = owner
        else:
            owner = last_owner.get(key, "")
        if owner:
            keys[i] = f"{key} @{owner}"


def _distinguished(doc: Doc, m: TokMention, rules: Rules) -> bool:
    """An adjective right before the name makes it another thing: "the emerging Chrysler"."""
    if m.start < 2:
        return False
    adj, det = doc[m.start - 1], doc[m.start - 2]
    return (
        adj.lower_ in rules.distinguishing_modifiers and det.lower_ == "the" and adj.pos_ in ("ADJ", "VERB")
    )


def _merge_short_forms(
    mentions: list[TokMention], keys: list[str], key_group: dict[str, int], groups: Groups, rules: Rules
) -> None:
    """Join a short name to the one longer organisation name that starts with it and goes on with
    company words only ("Ford" / "Ford Motor Company"); not when the short name is also inside
    another thing's name ("Douglas" / "McDonnell Douglas"), nor a person named in full, a place or a
    people; a surname of a person ("Bill Ford") gives way to the company."""
    org_keys = {keys[i] for i, m in enumerate(mentions) if m.label == "ORG" and " " in keys[i]}
    multi = {keys[i] for i, m in enumerate(mentions) if " " in keys[i] and m.label != "PERSON"}
    for short, g in list(key_group.items()):
        group = groups.groups[groups.find(g)]
        if any(m.label in ("GPE", "LOC", "NORP", "FAC") for m in group.mentions):
            continue
        if any(m.label == "PERSON" and m.end - m.start > 1 for m in group.mentions):
            continue
        n = len(short.split())
        longer = {
            k
            for k in org_keys
            if k.split()[:n] == short.split()
            and len(k.split()) > n
            and set(k.split()[n:]) <= rules.company_descriptors
        }
        inside = {k for k in multi if k not in longer and k != short and f" {short} " in f" {k} "}
        targets = {groups.find(key_group[k]) for k in longer if k in key_group}
        if len(targets) == 1 and not inside:
            groups.merge(targets.pop(), g)


def _merge_place_prefixed(
    mentions: list[TokMention], keys: list[str], key_group: dict[str, int], groups: Groups
) -> None:
    """Join an organisation's name to the one longer name that is it after a place named in the text
    ("the Federal Reserve" / "the United States Federal Reserve", with "U.S." named too): the place
    says whose it is, and there is only one. The place is a place mention's key or its initials."""
    places = {keys[i] for i, m in enumerate(mentions) if m.label in ("GPE", "LOC", "NORP")}
    if not places:
        return
    orgs = {keys[i] for i, m in enumerate(mentions) if m.label == "ORG" and "@" not in keys[i]}
    longer: dict[str, set[int]] = defaultdict(set)  # a name after a place -> groups of the longer names
    for k in orgs:
        words = k.split()
        for n in range(1, len(words)):
            prefix = words[:n]
            if " ".join(prefix) in places or "".join(w[0] for w in prefix) in places:
                longer[" ".join(words[n:])].add(groups.find(key_group[k]))
    for short, targets in longer.items():
        if short in orgs and len(targets) == 1:
            groups.merge(next(iter(targets)), key_group[short])
