"""The quotes stage's word lists, read once from ``service/extract/data/quotes.yaml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..tables import read_yaml


@dataclass(frozen=True, slots=True)
class Lexicon:
    reporting_verbs: frozenset[str]
    particle_cues: dict[str, frozenset[str]]
    source_prepositions: frozenset[tuple[str, ...]]
    pronouns: dict[str, dict[str, str]]
    unresolved_pronouns: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    thing_types: frozenset[str]
    person_types: frozenset[str]
    organisation_nouns: frozenset[str]
    person_nouns: frozenset[str]
    titles: frozenset[str]
    title_words: frozenset[str]
    capitalised_cues: frozenset[str]
    title_minor_words: frozenset[str]
    noun_cues: frozenset[str]
    reported_verbs: frozenset[str]
    reported_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    complementizers: frozenset[str]
    noun_cue_prepositions: frozenset[str]
    object_cues: dict[str, frozenset[str]]
    evidential_verbs: frozenset[str]
    raised_complements: frozenset[str]
    raised_prepositions: frozenset[str]
    raised_passives: frozenset[str]
    hearsay_adverbs: frozenset[str]
    sentence_adverbs: frozenset[str]
    stance_adjectives: frozenset[str]
    stance_adjective_prepositions: frozenset[str]
    infinitive_nouns: frozenset[str]
    deed_nouns: frozenset[str]
    source_documents: frozenset[str]
    speech_occasions: frozenset[str]
    causative_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    speaking_nouns: frozenset[str]
    agent_suffixes: tuple[str, ...]
    share_words: frozenset[str]
    naming_verbs: frozenset[str]
    contrast_marks: frozenset[str]
    asking_verbs: frozenset[str]


def _slots(*tables: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Verb -> its content slots, the slots of a verb listed in several tables together."""
    merged: dict[str, frozenset[str]] = {}
    for table in tables:
        for verb, slots in table.items():
            key = str(verb).lower()
            merged[key] = merged.get(key, frozenset()) | frozenset(slots)
    return merged


@functools.cache
def lexicon() -> Lexicon:
    """The word lists (loaded on first use, then cached)."""
    raw = read_yaml("quotes.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Lexicon(
        reporting_verbs=words("reporting_verbs"),
        particle_cues={k: frozenset(v) for k, v in raw["particle_cues"].items()},
        source_prepositions=frozenset(tuple(p.lower().split()) for p in raw["source_prepositions"]),
        pronouns={k.lower(): dict(v) for k, v in raw["pronouns"].items()},
        unresolved_pronouns=words("unresolved_pronouns"),
        male_words=frozenset(raw["gender_words"]["m"]),
        female_words=frozenset(raw["gender_words"]["f"]),
        thing_types=frozenset(raw["thing_types"]),
        person_types=frozenset(raw["person_types"]),
        organisation_nouns=words("organisation_nouns"),
        person_nouns=words("person_nouns"),
        titles=words("titles"),
        title_words=words("title_words"),
        capitalised_cues=words("capitalised_cues"),
        title_minor_words=words("title_minor_words"),
        noun_cues=words("noun_cues"),
        reported_verbs=words("reported_verbs"),
        reported_nouns=words("reported_nouns"),
        stance_verbs=words("stance_verbs"),
        complementizers=words("complementizers"),
        noun_cue_prepositions=words("noun_cue_prepositions"),
        object_cues=_slots(raw["object_cues"], raw["judgement_object_cues"]),
        evidential_verbs=words("evidential_verbs"),
        raised_complements=words("raised_complements"),
        raised_prepositions=words("raised_prepositions"),
        raised_passives=words("raised_passives"),
        hearsay_adverbs=words("hearsay_adverbs"),
        sentence_adverbs=words("sentence_adverbs"),
        stance_adjectives=words("stance_adjectives"),
        stance_adjective_prepositions=words("stance_adjective_prepositions"),
        infinitive_nouns=words("infinitive_nouns"),
        deed_nouns=words("deed_nouns"),
        source_documents=words("source_documents"),
        speech_occasions=words("speech_occasions"),
        causative_verbs=words("causative_verbs"),
        speech_verbs=words("speech_verbs"),
        speaking_nouns=words("speaking_nouns"),
        agent_suffixes=tuple(sorted(words("agent_suffixes"))),
        share_words=words("share_words"),
        naming_verbs=words("naming_verbs"),
        contrast_marks=words("contrast_marks"),
        asking_verbs=words("asking_verbs"),
    )
