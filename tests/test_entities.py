"""The entities section: spaCy names, cleaned and grouped into one entity per real-world thing."""

from __future__ import annotations

import time

import pytest

from service.extract.entities import extract_entities, normalise
from service.extract.model import Analysis, Entity


def entities_of(nlp, text: str) -> list[Entity]:
    return extract_entities(nlp(text), Analysis(text=text, published=None, published_source="none"))


def holding(entities: list[Entity], mention: str) -> list[Entity]:
    """The entities that have a mention with exactly this text."""
    return [e for e in entities if any(m.text == mention for m in e.mentions)]


# --- the sample article -------------------------------------------------------------------------

# (canonical name, type, other mentions that must be in the same entity)
SAMPLE_ENTITIES = [
    ("Sergei Shoigu", "PERSON", ["Shoigu"]),
    ("Oleksiy Reznikov", "PERSON", ["Reznikov"]),
    ("Troels Lund Poulsen", "PERSON", []),
    ("Mikhail Mizintsev", "PERSON", []),
    ("Tactical Missiles Corporation", "ORG", []),
    ("Wagner Group", "ORG", []),
    # ("Ministry of Defence": the UK's and Russia's are two, see test_entity_references.py)
    ("Russia", "GPE", []),
    ("Ukraine", "GPE", []),
    ("Denmark", "GPE", []),
    ("Ukrainian", "NORP", []),  # tagged GPE once ("Ukrainian tanks"), NORP elsewhere
    ("Russian", "NORP", ["Russians"]),  # the demonym is not merged into Russia
]


@pytest.fixture(scope="module")
def sample_entities(nlp, sample_text) -> list[Entity]:
    return entities_of(nlp, sample_text)


@pytest.mark.parametrize(("name", "etype", "others"), SAMPLE_ENTITIES, ids=[n for n, _, _ in SAMPLE_ENTITIES])
def test_sample_article_names_each_thing_once(sample_entities, name, etype, others):
    found = [e for e in sample_entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in sample_entities]
    entity = found[0]
    assert entity.type == etype
    for mention in [name, *others]:
        assert holding(sample_entities, mention) == [entity]


def test_sample_article_has_no_title_words_or_dirty_spans(sample_entities, sample_text):
    for entity in sample_entities:
        assert entity.name not in {"Defense", "Defence", "Deputy Defence"}
        for m in entity.mentions:
            assert sample_text[m.start : m.end] == m.text
            assert "\n" not in m.text
            assert not m.text.endswith((" and", "’s", "'s", ".", ","))
            if m.kind == "proper":
                assert not m.text.startswith(("the ", "The "))


def test_sample_article_salience_is_a_distribution_in_rank_order(sample_entities):
    saliences = [e.salience for e in sample_entities]
    assert all(0.0 <= s <= 1.0 for s in saliences)
    assert sum(saliences) == pytest.approx(1.0, abs=0.01)
    assert saliences == sorted(saliences, reverse=True)
    assert [e.id for e in sample_entities] == [f"E{i}" for i in range(1, len(sample_entities) + 1)]
    top = [e.name for e in sample_entities[:6]]
    assert "Russia" in top and "Sergei Shoigu" in top


# --- cleaning ---------------------------------------------------------------------------------------

# (sentence, a mention that must be found with its type, mentions that must not be found)
CLEANING = [
    # trailing "and" (the model tags "Ministry of Defence and")
    (
        "Paucity of ammunition drives internal divisions, most notably between Russia’s Ministry of "
        "Defence and Wagner Group.",
        ("Ministry of Defence", "ORG"),
        ["Ministry of Defence and", "Russia’s"],
    ),
    # a lone department word before a title is not an organisation
    (
        "Russian Defense Minister Sergei Shoigu, speaking at a meeting with top military brass on Tuesday, "
        "said the state-owned Tactical Missiles Corporation had been fulfilling its contracts.",
        ("Sergei Shoigu", "PERSON"),
        ["Defense"],
    ),
    (
        "The talks between Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State Antony Blinken "
        "lasted 90 minutes.",
        ("Antony Blinken", "PERSON"),
        ["State", "Foreign"],
    ),
    # a photo credit is cut at the slash and the newline
    (
        "Russian Defence Minister, 2 May 2023 AP/Russian Defense Ministry Press Service\n\nUkraine forces "
        "get ready for counteroffensive",
        ("Russian Defense Ministry Press Service", "ORG"),
        ["AP/Russian Defense Ministry Press Service", "Defence"],
    ),
    # a leading "the" goes, the acronym in brackets is its own mention
    (
        "The International Monetary Fund (IMF) cut its forecast for global growth on Tuesday.",
        ("International Monetary Fund", "ORG"),
        ["The International Monetary Fund", "International Monetary Fund (IMF"],
    ),
    # units and time zones after a number are not names
    (
        "The phone comes with 16 GB of storage and costs $199 (USD) with a two-year contract.",
        None,
        ["GB", "USD"],
    ),
    ("The Dow Jones was down 2.62% at 16:08 UTC, a slight increase from earlier.", None, ["UTC"]),
    # a spaced dash, an inner possessive and "X and X Pro" split a span
    (
        "The suit was filed in a court in San Jose - Cisco's home town - on Wednesday.",
        ("San Jose", "GPE"),
        ["San Jose - Cisco", "San Jose - Cisco's"],
    ),
    (
        "Reviewers praised Apple Computer's Mac OS X, which runs on the Macbook and Macbook Pro.",
        ("Apple Computer", "ORG"),
        ["Apple Computer's Mac OS X", "Macbook and Macbook Pro"],
    ),
    # a conference is an event, not an organisation
    (
        "Apple unveiled the phone at its Worldwide Developers Conference in San Francisco on Monday.",
        ("Worldwide Developers Conference", "EVENT"),
        [],
    ),
    # "a Christian" is a demonym, not a product ("an iPod" is)
    (
        "He described himself as a Christian and a Democrat, and said he had voted for a Republican "
        "only once.",
        ("Christian", "NORP"),
        [],
    ),
    # a capitalised word at the start of a line is not a name
    ("Stock markets around the world fell sharply on Monday as investors fled to bonds.", None, ["Stock"]),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CLEANING)
def test_mentions_are_cleaned(nlp, text, wanted, unwanted):
    entities = entities_of(nlp, text)
    if wanted:
        mention, etype = wanted
        found = holding(entities, mention)
        assert len(found) == 1 and found[0].type == etype, [(e.name, e.type) for e in entities]
    for mention in unwanted:
        assert not holding(entities, mention)


# --- grouping and types -----------------------------------------------------------------------------

# (sentence, canonical name, type, all the mention texts of that entity)
GROUPING = [
    # a surname joins the full name
    (
        "Apple chief executive Tim Cook unveiled the phone at the company's headquarters in Cupertino. "
        "Cook said demand had been strong.",
        "Tim Cook",
        "PERSON",
        ["Tim Cook", "Cook"],
    ),
    (
        "Mr. Obama met German Chancellor Angela Merkel in Berlin on Friday. Merkel told reporters the talks "
        "had been productive.",
        "Angela Merkel",
        "PERSON",
        ["Angela Merkel", "Merkel"],
    ),
    (
        "Steve Jobs unveiled the new phone on Monday in San Francisco. Jobs said it would go on sale in "
        "June.",
        "Steve Jobs",
        "PERSON",
        ["Steve Jobs", "Jobs"],
    ),
    # a surname tagged ORG, and one the model did not tag at all ("Papermaster's departure")
    (
        "Apple executive Mark Papermaster has left the company. Papermaster oversaw the design of the "
        "phone, and Papermaster's departure was announced on Saturday.",
        "Mark Papermaster",
        "PERSON",
        ["Mark Papermaster", "Papermaster", "Papermaster"],
    ),
    # the full name written most often wins over the most recent one
    (
        "Hillary Clinton spoke in Ohio on Monday. Hillary Clinton was joined by her daughter, "
        "Chelsea Clinton. Clinton said she would win the state.",
        "Hillary Clinton",
        "PERSON",
        ["Hillary Clinton", "Hillary Clinton", "Clinton"],
    ),
    # an acronym is not a surname
    (
        "Flight attendants at TWA were told on Friday, said spokesman Steven Snyder. TWA declined to "
        "comment.",
        "TWA",
        "ORG",
        ["TWA", "TWA"],
    ),
    # a company with and without its legal suffix
    (
        "Apple Inc. reported record profits on Wednesday. Apple said sales of its phones rose 20 percent.",
        "Apple Inc.",
        "ORG",
        ["Apple Inc.", "Apple"],
    ),
    # an acronym joins the name it abbreviates: defined in brackets, or by its initials
    (
        "The International Monetary Fund (IMF) cut its forecast for global growth on Tuesday. The IMF said "
        "inflation remained stubbornly high.",
        "International Monetary Fund",
        "ORG",
        ["International Monetary Fund", "IMF", "IMF"],
    ),
    (
        "The European Central Bank (ECB) left interest rates unchanged, and ECB President Mario Draghi said "
        "the bank was ready to act.",
        "European Central Bank",
        "ORG",
        ["European Central Bank", "ECB", "ECB"],
    ),
    (
        "The United States imposed new sanctions on Moscow on Monday. U.S. officials said more would follow.",
        "United States",
        "GPE",
        ["United States", "U.S."],
    ),
    # products: lower-camel names, version numbers, "an iPod"
    (
        "Apple said it had sold one million iPhones in the first weekend, and the new iPhone 4 will reach "
        "Britain in July.",
        "iPhone 4",
        "PRODUCT",
        ["iPhone 4"],
    ),
    (
        "Apple said it had sold one million iPhones in the first weekend, and the new iPhone 4 will reach "
        "Britain in July.",
        "iPhones",
        "PRODUCT",
        ["iPhones"],
    ),
    # a model designation tagged as a number
    (
        "Airbus delivered the first A380 superjumbo to Singapore Airlines on Monday, two years behind "
        "schedule.",
        "A380",
        "PRODUCT",
        ["A380"],
    ),
    # a name the model did not tag
    (
        "The Dow Jones Industrial Average fell 2.5 percent on Friday, while London's FTSE 100 lost 1.8 "
        "percent.",
        "Dow Jones Industrial Average",
        "ORG",
        ["Dow Jones Industrial Average"],
    ),
]


@pytest.mark.parametrize(("text", "name", "etype", "mentions"), GROUPING)
def test_mentions_are_grouped(nlp, text, name, etype, mentions):
    entities = entities_of(nlp, text)
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type, [m.text for m in e.mentions]) for e in entities]
    assert found[0].type == etype
    assert [m.text for m in found[0].mentions if m.kind == "proper"] == mentions


def test_headline_in_title_case_gives_no_untagged_names(nlp):
    text = (
        "Wealthy Voters Abandon Republican Party for Hillary Clinton\n\n"
        "A poll released on Monday found that wealthy voters favour Hillary Clinton."
    )
    entities = entities_of(nlp, text)
    # names only: "wealthy voters" is an unnamed entity (a nominal, never a name)
    assert [e.name for e in entities if any(m.kind == "proper" for m in e.mentions)] == ["Hillary Clinton"]


def test_byline_weighs_little(sample_entities):
    ranks = {e.name: k for k, e in enumerate(sample_entities)}
    assert ranks["Euronews"] > ranks["Denmark"]
    assert ranks["AP"] > ranks["Sergei Shoigu"]


def test_demonym_stays_apart_from_its_country(nlp):
    text = "Russian troops are running out of ammunition, Russia’s defense chief has admitted."
    entities = entities_of(nlp, text)
    assert [e.type for e in holding(entities, "Russian")] == ["NORP"]
    assert [e.type for e in holding(entities, "Russia")] == ["GPE"]


def test_an_adjective_the_model_tags_as_a_place_is_a_demonym(nlp):
    # Bug: en_core_web_sm tags this "Ukrainian" GPE; as an adjective it is a nationality (NORP).
    text = "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready."
    entities = entities_of(nlp, text)
    assert [e.type for e in holding(entities, "Ukrainian")] == ["NORP"]


@pytest.mark.xfail(strict=True, reason="en_core_web_sm tags 'Windows Vista' PERSON; no product cue")
def test_product_without_a_cue(nlp):
    text = "Microsoft's Windows 7 went on sale on Thursday, three years after Windows Vista."
    assert [e.type for e in holding(entities_of(nlp, text), "Windows Vista")] == ["PRODUCT"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Ministry of Defence", "ministry of defence"),
        ("Russia’s", "russia"),
        ("U.S.", "us"),
        ("AT&T", "at&t"),
        ("Apple Inc.", "apple"),
        ("Bank of America Corp.", "bank of america"),
    ],
)
def test_normalised_name(text, key):
    assert normalise(text) == key


def test_no_names_no_entities(nlp):
    assert entities_of(nlp, "It rained all day and nobody went out.") == []
    assert entities_of(nlp, "") == []


def test_cost_is_small_and_linear_on_a_long_article(nlp, sample_text):
    text = "\n\n".join([sample_text] * 10)  # about 33,000 characters
    started = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - started
    started = time.perf_counter()
    entities = extract_entities(doc, Analysis(text=text, published=None, published_source="none"))
    elapsed = time.perf_counter() - started
    assert len(holding(entities, "Shoigu")) == 1
    assert len([m for m in holding(entities, "Sergei Shoigu")[0].mentions if m.kind == "proper"]) == 20
    assert elapsed < 0.25 * parse  # ~4% on a quiet machine; quadratic work would be far above
