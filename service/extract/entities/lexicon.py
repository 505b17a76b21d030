"""The rule tables of ``data/entities.yaml`` (word lists, patterns, salience weights), read once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names, get_month_names

from ..tables import read_yaml


@dataclass(frozen=True)
class Rules:
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
    company_descriptors: frozenset[str]  # "Motor Company", "Airlines": a longer form of a short name
    owned_heads: frozenset[str]  # "Ministry": names that a possessor or demonym gives an owner
    name_title_relabel: frozenset[str]
    person_name_titles: frozenset[str]  # "Spokeswoman Sandy Angers" tagged ORG is a person
    speech_verbs: frozenset[str]
    distinguishing_modifiers: frozenset[str]  # "the emerging Chrysler" is not "Chrysler"
    age: re.Pattern[str]  # "Garcia, 31,": an age between commas after a name makes it a person's
    person_roles: frozenset[str]  # "Smith, a spokesman for the company": an apposition making a person
    score: re.Pattern[str]  # "Chelsea 2-1": a sports score, no part of a name
    team_heads: frozenset[str]  # "Manchester United" tagged PERSON: a club


@functools.cache
def _table() -> dict[str, Any]:
    return dict(read_yaml("entities.yaml"))


@functools.cache
def load_rules() -> Rules:
    """The rule tables of ``data/entities.yaml``, read once."""
    raw = _table()
    calendar = [
        *get_month_names("wide", locale="en").values(),
        *get_month_names("abbreviated", locale="en").values(),
        *get_day_names("wide", locale="en").values(),
        *get_day_names("abbreviated", locale="en").values(),
    ]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Rules(
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
        company_descriptors=words("company_descriptors"),
        owned_heads=words("owned_heads"),
        name_title_relabel=frozenset(raw["name_title_relabel"]),
        person_name_titles=words("person_name_titles"),
        speech_verbs=words("speech_verbs"),
        distinguishing_modifiers=words("distinguishing_modifiers"),
        age=re.compile(raw["age_pattern"]),
        person_roles=words("person_roles"),
        score=re.compile(raw["score_pattern"]),
        team_heads=words("team_heads"),
    )


def not_entity_labels() -> frozenset[str]:
    """spaCy labels that are values (DATE, MONEY, CARDINAL...), never entities."""
    return load_rules().not_entity


@dataclass(frozen=True)
class RefRules:
    """The ``references`` tables: pronouns, nominal heads, the kinds of entity each may stand for."""

    pronouns: dict[str, str]  # word -> kind (person, thing)
    relative_pronouns: frozenset[str]
    pleonastic_heads: frozenset[str]
    definite: frozenset[str]
    nominal_heads: dict[str, str]  # head noun -> kind (organisation, place, person)
    unnamed_heads: dict[str, str]  # head noun of a thing the text may never name -> its entity type
    unnamed_definite: frozenset[str]  # of those, the ones that need "the" (or to be a possessor)
    quoted_pronouns: dict[str, str]  # first-person pronoun in a quote -> the kind of speaker it stands for
    name_words: dict[
        str, frozenset[str]
    ]  # nominal head -> words of a name it describes ("carrier": airlines)
    generic_nominals: frozenset[str]  # nominal heads that fit any organisation ("the company")
    title_abbreviations: dict[str, str]  # "gov" -> "governor": "Gov. Kathy Hochul" ... "the governor"
    kind_types: dict[str, frozenset[str]]
    weights: dict[str, float]
    words: frozenset[str]  # every pronoun and nominal head above: the only tokens looked at


@functools.cache
def load_ref_rules() -> RefRules:
    """The ``references`` section of ``data/entities.yaml``, read once."""
    raw = _table()["references"]
    pronouns = {str(k).lower(): str(v) for k, v in raw["pronouns"].items()}
    relative = frozenset(str(w).lower() for w in raw["relative_pronouns"])
    nominals = {str(w).lower(): kind for kind, ws in raw["nominal_heads"].items() for w in ws}
    unnamed = {str(w).lower(): str(etype) for etype, ws in raw["unnamed_heads"].items() for w in ws}
    return RefRules(
        pronouns=pronouns,
        relative_pronouns=relative,
        pleonastic_heads=frozenset(str(w).lower() for w in raw["pleonastic_heads"]),
        definite=frozenset(str(w).lower() for w in raw["definite_determiners"]),
        nominal_heads=nominals,
        unnamed_heads=unnamed,
        unnamed_definite=frozenset(str(w).lower() for w in raw["unnamed_definite"]),
        quoted_pronouns={str(k).lower(): str(v) for k, v in raw["quoted_pronouns"].items()},
        name_words={
            str(k).lower(): frozenset(str(w).lower() for w in v) for k, v in raw["name_words"].items()
        },
        generic_nominals=frozenset(str(w).lower() for w in raw["generic_nominals"]),
        title_abbreviations={str(k).lower(): str(v).lower() for k, v in raw["title_abbreviations"].items()},
        kind_types={k: frozenset(v) for k, v in raw["kind_types"].items()},
        weights={k: float(v) for k, v in raw["weights"].items()},
        words=frozenset(pronouns) | relative | frozenset(nominals) | frozenset(unnamed),
    )
