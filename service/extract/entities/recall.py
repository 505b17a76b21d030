"""Step 3, recall: untagged occurrences of an entity's names added to it."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from .grouping import Groups
from .mentions import Feats, TokMention, starts_line


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


def propagate(doc: Doc, feats: Feats, mentions: list[TokMention], groups: Groups) -> None:
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
            if len(toks) == 1 and not feats.propn[i] and starts_line(doc, i):
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
            m = TokMention(i, j, label)
            groups.add(g, m)
            mentions.append(m)
            covered[i:j] = b"\x01" * (j - i)
            i = j - 1
            break
        i += 1
