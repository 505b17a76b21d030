"""Entity mentions of three kinds: names (``proper``), nominals (``common``) and pronouns, each linked to
the entity it refers to; sentences in the style of the news the issue's errors came from."""

from __future__ import annotations

import pytest

from service.extract.entities import extract_entities
from service.extract.model import Analysis, Entity


def entities_of(nlp, text: str) -> list[Entity]:
    return extract_entities(nlp(text), Analysis(text=text, published=None, published_source="none"))


def mentions_of(entities: list[Entity], name: str) -> list[tuple[str, str]]:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, [m.text for m in e.mentions]) for e in entities]
    return [(m.text, m.kind) for m in found[0].mentions]


GM = (
    "General Motors said on Monday it would close four plants. The company has lost $30 billion this "
    "year, and the automaker expects its sales to fall further. Fritz Henderson, its chief executive, "
    "said the firm needed more time."
)
CHINA_EASTERN = (
    "China Eastern Airlines, which is based in Shanghai, said it would buy 20 Airbus jets. "
    "The airline expects demand to recover."
)
OBAMA = (
    "President Barack Obama said on Tuesday that his plan would save jobs. He told reporters that he was "
    "confident. The President of the United States spoke in Ohio."
)
MINISTERS = (
    "Russian Defence Minister Sergei Shoigu met his generals on Friday. Ukraine's defence minister, "
    "Oleksiy Reznikov, said the Russian defence minister was lying."
)

# (text, entity name, every mention of it with its kind, in text order)
LINKED = [
    (
        GM,
        "General Motors",
        [
            ("General Motors", "proper"),
            ("it", "pronoun"),
            ("The company", "common"),
            ("the automaker", "common"),
            ("its", "pronoun"),
            ("its", "pronoun"),
            ("the firm", "common"),
        ],
    ),
    (GM, "Fritz Henderson", [("Fritz Henderson", "proper"), ("chief executive", "common")]),
    (
        CHINA_EASTERN,
        "China Eastern Airlines",
        [
            ("China Eastern Airlines", "proper"),
            ("which", "pronoun"),
            ("it", "pronoun"),
            ("The airline", "common"),
        ],
    ),
    (
        OBAMA,
        "Barack Obama",
        [
            ("President", "common"),
            ("Barack Obama", "proper"),
            ("his", "pronoun"),
            ("He", "pronoun"),
            ("he", "pronoun"),
            ("The President", "common"),
        ],
    ),
    # a title given with one country is not another country's minister
    (
        MINISTERS,
        "Sergei Shoigu",
        [
            ("Defence Minister", "common"),
            ("Sergei Shoigu", "proper"),
            ("his", "pronoun"),
            ("defence minister", "common"),
        ],
    ),
    (MINISTERS, "Oleksiy Reznikov", [("defence minister", "common"), ("Oleksiy Reznikov", "proper")]),
]


@pytest.mark.parametrize(("text", "name", "mentions"), LINKED)
def test_nominals_and_pronouns_are_linked(nlp, text, name, mentions):
    assert mentions_of(entities_of(nlp, text), name) == mentions


# (text, words that must not be a mention of any entity)
NOT_LINKED = [
    # "it" that only opens a clause refers to nothing
    ("Apple released the phone on Friday. It is likely that sales will be strong.", ["It"]),
    # a nominal before any entity has nothing to refer back to; "I" and "we" are not linked
    (
        'The company said on Monday that Tesla would build a plant. "We are ready," I said.',
        ["The company", "We", "I"],
    ),
    # a pronoun object is not its own verb's subject
    ("Microsoft sued it over the patent.", ["it"]),
    # "he" needs a person
    ("Toyota cut its forecast. He said nothing.", ["He"]),
]


@pytest.mark.parametrize(("text", "words"), NOT_LINKED)
def test_references_with_nothing_to_refer_to_stay_out(nlp, text, words):
    mentions = {m.text for e in entities_of(nlp, text) for m in e.mentions}
    assert not mentions & set(words), mentions


def test_mentions_never_overlap_and_salience_counts_references(nlp):
    entities = entities_of(nlp, GM)
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert entities[0].name == "General Motors"
    assert sum(e.salience for e in entities) == pytest.approx(1.0, abs=0.01)


def test_names_come_first_for_the_canonical_name(nlp):
    # the canonical name is never a nominal or a pronoun, even when they outnumber the name
    text = "Nissan said it would cut 2,000 jobs. The carmaker said its plants in Japan would close."
    assert [e.name for e in entities_of(nlp, text) if e.type == "ORG"] == ["Nissan"]
