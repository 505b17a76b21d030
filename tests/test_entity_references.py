"""Entity mentions of three kinds: names (``proper``), nominals (``common``) and pronouns, each linked to
the entity it refers to; sentences in the style of the news the issue's errors came from."""

from __future__ import annotations

import datetime as dt

import pytest

from service.extract import extract
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
    # a government named with its people is that country's; "its" before "the government" too
    (
        "The Russian government kept all stock markets closed until Friday. Facing its worst financial "
        "crisis since 1998, the government is fighting to stop a crash. Russia said it would act.",
        "Russia",
        [
            ("government", "common"),
            ("its", "pronoun"),
            ("the government", "common"),
            ("Russia", "proper"),
            ("it", "pronoun"),
        ],
    ),
    # an organisation as the subject of a plural verb is "they"; a description used again is the same firm
    (
        "Apple have released several re-designs of their popular iPod range. In addition to the iPod "
        "Classic, they have announced the iPod touch.",
        "Apple",
        [("Apple", "proper"), ("their", "pronoun"), ("they", "pronoun")],
    ),
    # a reflexive is its own clause's subject's (the sample article's "the Russians have entrenched
    # themselves", not the trained people of the paragraph before)
    (
        "Many trained people know their plan. \u201dWe know that the Russians have entrenched themselves in "
        "the occupied territories,\u201d he said.",
        "Russians",
        [("Russians", "proper"), ("themselves", "pronoun")],
    ),
    # with nothing plural before it, "their" of the one company in its sentence
    (
        "Apple Computer today announced its latest iteration of their popular iPhone, the iPhone 3GS.",
        "Apple Computer",
        [("Apple Computer", "proper"), ("its", "pronoun"), ("their", "pronoun")],
    ),
    (
        "Apple passed Wal-Mart as the top music seller, according to figures released by NPD Group, a "
        "market research firm. The firm said more than 4 billion songs had been sold.",
        "NPD Group",
        [("NPD Group", "proper"), ("a market research firm", "common"), ("The firm", "common")],
    ),
    # a hyphenated title the tokenizer cuts ("co - founder"), then the same title with "The"
    (
        "Apple Inc. co-founder Steve Jobs dies aged 56\nThe co-founder and former chief executive officer "
        "of Apple Inc. has died at the age of 56.",
        "Steve Jobs",
        [("co-founder", "common"), ("Steve Jobs", "proper"), ("The co-founder", "common")],
    ),
    # a title and a name the parser took for two subjects of one verb: an apposition
    (
        "Steve Jobs has chosen to step down. The former Chief Operating Officer, Tim Cook will be "
        "succeeding Jobs as CEO.",
        "Tim Cook",
        [("The former Chief Operating Officer", "common"), ("Tim Cook", "proper")],
    ),
    # a nominal goes to the entity whose name says the same ("the carrier": an airline), and one
    # company described as a planemaker is not "the carrier"
    (
        "Airbus delivered its first A380 to Singapore Airlines on Monday. The European planemaker said "
        "the carrier would fly the jet to Sydney.",
        "Singapore Airlines",
        [("Singapore Airlines", "proper"), ("the carrier", "common")],
    ),
    # "the U.S. automaker": a nominal holding a name (the name is a mention of its own)
    (
        "General Motors will cut 10,000 jobs, the U.S. automaker said on Tuesday. GM's chief executive "
        "said the company had no choice.",
        "General Motors",
        [("General Motors", "proper"), ("automaker", "common"), ("GM", "proper"), ("the company", "common")],
    ),
    # "their" of people, not of a company seen in the singular: of the users, an entity never named
    (
        "Users complained that Apple had set a recording on their phone lines.",
        "Users",
        [("Users", "common"), ("their", "pronoun")],
    ),
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
    # an apposition must fit the name's type (a letter's signature: the fund is no president), and one
    # title is never two names' mention
    (
        "The rules were not the result of some inadvertence on the part of the SEC.\n\nBRUCE R. BENT "
        "President The Reserve Fund New York\n",
        ["President"],
    ),
    # "he" needs a person
    ("Toyota cut its forecast. He said nothing.", ["He"]),
    # ... one person: not a group of people the text never names
    ("Many trained people know their plan. He said so on Monday.", ["He"]),
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


def test_a_description_before_a_name_makes_it_an_organisation(nlp):
    # the model tags "Best Buy" PERSON; "electronics retailer" says what it is
    text = "NPD said Apple's iTunes store passes U.S. electronics retailer Best Buy for the No. 2 spot."
    found = [e for e in entities_of(nlp, text) if e.name == "Best Buy"]
    assert [(e.type, [(m.text, m.kind) for m in e.mentions]) for e in found] == [
        ("ORG", [("electronics retailer", "common"), ("Best Buy", "proper")])
    ]


def test_names_come_first_for_the_canonical_name(nlp):
    # the canonical name is never a nominal or a pronoun, even when they outnumber the name
    text = "Nissan said it would cut 2,000 jobs. The carmaker said its plants in Japan would close."
    assert [e.name for e in entities_of(nlp, text) if e.type == "ORG"] == ["Nissan"]


# --- grouping names precisely ----------------------------------------------------------------------

# (text, entity name, its names, in text order)
JOINED = [
    # a corporate suffix or company words after a short name: one company
    (
        "Ford Motor Company reported a loss on Thursday. Ford said its sales fell 20 percent, and Bill Ford "
        "said the company would recover.",
        "Ford Motor Company",
        ["Ford Motor Company", "Ford"],
    ),
    (
        "China Eastern Airlines said it would buy 20 Airbus jets. China Eastern has cut fares.",
        "China Eastern Airlines",
        ["China Eastern Airlines", "China Eastern"],
    ),
    (
        "Cerberus Capital Management bought Chrysler in 2007. Cerberus said on Thursday that it would sell "
        "its stake.",
        "Cerberus Capital Management",
        ["Cerberus Capital Management", "Cerberus"],
    ),
    # a place before an organisation's name says whose it is: one central bank
    (
        "The United States Federal Reserve and the Bank of Japan announced the plan on Thursday. The "
        "Federal Reserve said it would add $180 billion to the markets as the U.S. economy slowed.",
        "United States Federal Reserve",
        ["United States Federal Reserve", "Federal Reserve"],
    ),
    # a title tagged as part of an organisation's name: a person, title dropped
    (
        'Chrysler spokeswoman Sandy Angers said the company would not comment. "We are working hard," said '
        "Angers.",
        "Sandy Angers",
        ["Sandy Angers", "Angers"],
    ),
]


@pytest.mark.parametrize(("text", "name", "names"), JOINED)
def test_names_are_joined_across_forms(nlp, text, name, names):
    found = [e for e in entities_of(nlp, text) if e.name == name]
    assert len(found) == 1
    assert [m.text for m in found[0].mentions if m.kind == "proper"] == names


# (text, two mentions that must be of different entities, each as (context, the mention in it))
APART = [
    # one word of two longer names: ambiguous, joined to neither
    (
        "The Boeing Company merged with McDonnell Douglas in 1997, ending the Douglas era. Douglas Aircraft "
        "built the DC-3.",
        ("the Douglas era", "Douglas"),
        ("Douglas Aircraft", "Douglas Aircraft"),
    ),
    # "the emerging Chrysler" is the new company, not the bankrupt one
    (
        "Chrysler filed for bankruptcy on Thursday. The emerging Chrysler will be run by Fiat.",
        ("Chrysler filed", "Chrysler"),
        ("The emerging Chrysler", "Chrysler"),
    ),
    # a possessor names a different owner
    (
        '"Russia does not have enough munitions," said the Ministry of Defence.\n\n'
        '"Paucity of ammunition drives internal divisions, most notably between Russia’s Ministry of Defence '
        'and Wagner Group."',
        ("said the Ministry of Defence", "Ministry of Defence"),
        ("Russia’s Ministry of Defence", "Ministry of Defence"),
    ),
]


def _entity_at(entities: list[Entity], text: str, context: str, mention: str) -> str:
    start = text.index(context) + context.index(mention)
    found = [e.id for e in entities for m in e.mentions if (m.start, m.text) == (start, mention)]
    assert len(found) == 1, (mention, [(e.name, [m.text for m in e.mentions]) for e in entities])
    return found[0]


@pytest.mark.parametrize(("text", "first", "second"), APART)
def test_names_of_different_things_stay_apart(nlp, text, first, second):
    entities = entities_of(nlp, text)
    assert _entity_at(entities, text, *first) != _entity_at(entities, text, *second)


def test_sample_article_ministries_of_defence_are_two(nlp, sample_text):
    entities = entities_of(nlp, sample_text)
    assert len([e for e in entities if e.name == "Ministry of Defence"]) == 2


def test_group_type_follows_its_fullest_name_on_a_tie(nlp):
    # "Cerberus" is tagged PERSON, "Cerberus Capital Management" ORG: one company, and "it" is its
    text = "Cerberus said on Thursday that it had lost its stake in Cerberus Capital Management."
    found = [e for e in entities_of(nlp, text) if e.name == "Cerberus Capital Management"]
    assert [(e.type, [m.text for m in e.mentions]) for e in found] == [
        ("ORG", ["Cerberus", "it", "its", "Cerberus Capital Management"])
    ]


# --- unnamed entities: things the text refers to without naming them --------------------------------

# (text, the unnamed entity's name, its mentions with their kinds, its type)
UNNAMED = [
    # the same noun again, then "them", "their": one group of people (the product's name is its own mention)
    (
        "Apple said iPhone 4 users had reported problems with reception. Apple told users to hold the "
        "phone differently, and offered them a free case; their complaints continued.",
        "users",
        [("users", "common"), ("users", "common"), ("them", "pronoun"), ("their", "pronoun")],
        "PERSON",
    ),
    # named by its noun, however many pronouns it has
    (
        "Voters said they were angry. They told pollsters that their patience had run out.",
        "Voters",
        [("Voters", "common"), ("they", "pronoun"), ("They", "pronoun"), ("their", "pronoun")],
        "PERSON",
    ),
    # "the world" and "the globe" are places the text never names
    (
        "Stock indexes around the world fell on Monday as central banks tried to calm the markets.",
        "the world",
        [("the world", "common")],
        "LOC",
    ),
    (
        "Stock indexes around the globe rose on Thursday as central banks across the world pumped money "
        "into the markets.",
        "the globe",
        [("the globe", "common"), ("the world", "common")],
        "LOC",
    ),
    (
        "Stock markets rallied after several national banks announced a joint effort to pump money into "
        "the markets. They will lend to each other.",
        "several national banks",
        [("several national banks", "common"), ("They", "pronoun")],
        "ORG",
    ),
]


@pytest.mark.parametrize(("text", "name", "mentions", "etype"), UNNAMED)
def test_unnamed_entities_hold_their_nominals_and_pronouns(nlp, text, name, mentions, etype):
    entities = entities_of(nlp, text)
    assert mentions_of(entities, name) == mentions
    found = next(e for e in entities if e.name == name)
    assert found.type == etype
    named = [e for e in entities if any(m.kind == "proper" for m in e.mentions)]
    assert all(e.salience > found.salience for e in named if e.type in ("ORG", "PERSON"))


@pytest.mark.parametrize(
    "text",
    [
        # "world" in "world leaders" and "bank" in "bank shares" only describe: no entity of their own
        "World leaders met in Paris on Monday as bank shares fell.",
        # "media" without "the" is no one thing
        "He posted the video on social media on Monday.",
    ],
)
def test_a_noun_modifying_another_is_no_unnamed_entity(nlp, text):
    assert not [e for e in entities_of(nlp, text) if all(m.kind != "proper" for m in e.mentions)]


# --- first-person pronouns in a quote are its speaker's ---------------------------------------------

# (text, entity name, its mentions with their kinds)
QUOTED = [
    # the class: a person's "I", "my" in their own words
    (
        'Steve Jobs said on Wednesday: "I have always said if there ever came a day when I could no longer '
        "meet my duties and expectations as Apple's CEO, I would be the first to let you know.\"",
        "Steve Jobs",
        [("Steve Jobs", "proper"), ("I", "pronoun"), ("I", "pronoun"), ("my", "pronoun"), ("I", "pronoun")],
    ),
    # an organisation speaking as one: "we", "our"
    (
        '"We will not raise our prices this year," Toyota said in a statement on Tuesday.',
        "Toyota",
        [("We", "pronoun"), ("our", "pronoun"), ("Toyota", "proper")],
    ),
    # a person's "we" is the organisation their title names
    (
        '"We are confident that our plan will work," GM spokesman Tom Wilkinson said on Monday.',
        "GM",
        [("We", "pronoun"), ("our", "pronoun"), ("GM", "proper")],
    ),
    (
        'Steve Jobs, the Apple Chief Executive Officer, said: "Just one year after launching the iPhone, '
        'we are launching the new iPhone 3G."',
        "Apple",
        [("Apple", "proper"), ("we", "pronoun")],
    ),
    # reported speech: the first person is the reporter's, not the source's
    ("Toyota said on Tuesday that we would see lower prices.", "Toyota", [("Toyota", "proper")]),
    # a person's "we" may be their company or their country: left alone
    ('"We are ready," Oleksiy Reznikov said on Monday.', None, [("We", None)]),
]


@pytest.mark.parametrize(("text", "name", "mentions"), QUOTED)
def test_first_person_in_a_quote_is_its_speaker(text, name, mentions):
    result = extract(text, published=dt.date(2023, 5, 2))
    if name is None:
        words = {m.text for e in result.entities for m in e.mentions}
        assert not words & {w for w, _ in mentions}
        return
    assert mentions_of(result.entities, name) == mentions
    # the quote's speaker follows its entity when the entities are numbered again
    speakers = [q.speaker for q in result.quotes if q.speaker is not None]
    by_id = {e.id: e for e in result.entities}
    assert speakers and all(by_id[s.entity].name in s.text for s in speakers if s.entity)
    assert [e.id for e in result.entities] == [f"E{k}" for k in range(1, len(result.entities) + 1)]
    assert [e.salience for e in result.entities] == sorted(
        (e.salience for e in result.entities), reverse=True
    )


def test_entities_asked_alone_get_the_quoted_pronouns():
    text = '"We will not raise our prices this year," Toyota said in a statement on Tuesday.'
    alone = extract(text, published=dt.date(2023, 5, 2), include=("entities",))
    full = extract(text, published=dt.date(2023, 5, 2))
    assert alone.entities == full.entities
    assert alone.quotes == [] and alone.dates == []
