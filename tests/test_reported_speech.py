"""Reported speech (issue 16): attributions without quotation marks, as quotes of kind ``indirect``."""

from __future__ import annotations

import pytest
from conftest import REFERENCE_DATE

from service.extract import extract
from service.extract.model import Quote
from service.extract.tables import read_yaml


def _indirect(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, source) of every reported statement of ``text``."""
    quotes = extract(text, published=REFERENCE_DATE, include=("quotes",)).quotes
    return [
        (q.text, q.cue.text if q.cue else None, q.speaker.text if q.speaker else None)
        for q in quotes
        if q.kind == "indirect"
    ]


REPORTED = [
    # a reporting verb's that-clause
    (
        "Ukrainian Defense Minister Oleksiy Reznikov said Monday that Denmark would give more tanks.",
        [("that Denmark would give more tanks", "said", "Oleksiy Reznikov")],
    ),
    (
        "The Post has learned that Hillary Clinton was headed to an emergency room.",
        [("that Hillary Clinton was headed to an emergency room", "learned", "Post")],
    ),
    # the content before the cue, and a report nested in it
    (
        "Clinton had told police officials that she didn't want the escort at all, but the NYPD overruled "
        "that request, the source added.",
        [
            (
                "Clinton had told police officials that she didn't want the escort at all, but the NYPD "
                "overruled that request",
                "added",
                "the source",
            ),
            ("that she didn't want the escort at all", "told", "Clinton"),
            ("the escort at all", "want", "she"),  # a stance: what she wanted
        ],
    ),
    # "according to", before and after the clause
    (
        "According to officials, the plan was delayed.",
        [("the plan was delayed", "According to", "officials")],
    ),
    (
        "The plan was delayed, according to officials.",
        [("The plan was delayed", "according to", "officials")],
    ),
    # a noun cue's that-clause, nested in the verb's report of it
    (
        "Trump repeated his claim that the election was rigged.",
        [
            # the possessive pronoun gives way to the subject of the verb whose object the noun is
            ("that the election was rigged", "claim", "Trump"),
            ("his claim that the election was rigged", "repeated", "Trump"),
        ],
    ),
    # a passive cue: its subject is what was reported, the object of its "by" the source
    (
        "O’Malley’s move was first reported by The Des Moines Register.",
        [("O’Malley’s move", "reported", "Des Moines Register")],
    ),
    # any verb's clause opened by a complementizer
    (
        "Clinton's campaign was quick to point out that North Carolina would win.",
        [("that North Carolina would win", "point", "Clinton's campaign")],
    ),
    # a stance verb's object or infinitive
    (
        "Federal Election Commission records show Pate supported Charlie Crist against Rubio.",
        [
            ("Pate supported Charlie Crist against Rubio", "show", "Federal Election Commission records"),
            ("Charlie Crist", "supported", "Pate"),
        ],
    ),
    # what is reported stays in the cue's paragraph: a headline with no full stop is not part of it
    (
        "Ukraine forces get ready for counteroffensive\n\nUkrainian forces are stockpiling ammunition to "
        "sustain it along potentially long supply lines, a military spokesman said.",
        [
            (
                "Ukrainian forces are stockpiling ammunition to sustain it along potentially long "
                "supply lines",
                "said",
                "a military spokesman",
            )
        ],
    ),
    # a reporting clause set inside the clause it reports (parsed as parataxis): one span across it
    (
        "In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses.",
        [
            (
                "In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses",
                "said",
                "DiPietro",  # the speaker's name without its title, as for direct quotes
            )
        ],
    ),
    # a relative word moved out of the verb's clause: one span across the cue
    (
        "Trump has made several controversial statements on the matter — including a call for a temporary "
        "ban on Muslims entering the United States and a permanent wall at the Mexico border, which he said "
        "the Mexican government should also pay for.",
        [
            ("the matter", "statements", "Trump"),
            ("which he said the Mexican government should also pay for", "said", "he"),
        ],
    ),
    # "according to" inside the clause: one span across it; after the clause's verb: the clause before it
    (
        "Fundraising, according to the campaign, has surged in the same period.",
        [
            (
                "Fundraising, according to the campaign, has surged in the same period",
                "according to",
                "the campaign",
            )
        ],
    ),
    (
        "Mrs. Clinton's entire tax plan would raise only $1.1 trillion over the next decade, according to "
        "the Tax Policy Center - half a percentage point of the nation's gross domestic product.",
        [
            (
                "Mrs. Clinton's entire tax plan would raise only $1.1 trillion over the next decade",
                "according to",
                "Tax Policy Center",
            )
        ],
    ),
]


# the long tail of issue 16 (tuned on quotes-train): one row per rule class, (content, cue, source)
REPORTED_TAIL = [
    # a deed noun as the object of "in" is a stance; its source is the verb's subject
    (
        "She also argued in favor of Britain's remaining in the European Union.",
        [("Britain's remaining in the European Union", "favor", "She")],
    ),
    # the object of "say" ("say the same of Trump")
    (
        "And a full 79 percent of Democrats say they would be satisfied with Clinton as the party’s "
        "nominee in November, while only 49 percent of Republicans say the same of Trump.",
        [
            (
                "they would be satisfied with Clinton as the party’s nominee in November",
                "say",
                "a full 79 percent of Democrats",
            ),
            ("the same of Trump", "say", "only 49 percent of Republicans"),
        ],
    ),
    # a noun cue's that-clause ("complaint" also names a filing: its prepositional object needs a source)
    (
        "Despite complaints that they distort democracy, the Democratic superdelegates have never taken "
        "the nomination away from the choice of primary voters.",
        [("that they distort democracy", "complaints", None)],
    ),
    # a verb's preposition opening a clause ("calling for [X to do Y]", parsed as an adverbial clause)
    (
        "Ted Cruz, who won Oklahoma and his home state of Texas, is calling for some of his Republican "
        "rivals to drop out.",
        [("some of his Republican rivals to drop out", "calling", "Ted Cruz")],
    ),
    # a causative verb's object is its infinitive's source (PolNeAR train)
    (
        "Even the sleepy timing of the debate led Republicans to say that Democrats were trying to protect a "
        "candidate who sometimes wilts in the spotlight.",
        [
            (
                "that Democrats were trying to protect a candidate who sometimes wilts in the spotlight",
                "say",
                "Republicans",
            )
        ],
    ),
    # a participle on a thing someone put out speaks for its issuer (PolNeAR train)
    (
        "Politico responded late Friday with an editor's note on the story saying that Carson had implied "
        "he applied to West Point.",
        [("that Carson had implied he applied to West Point", "saying", "Politico")],
    ),
    # a verb's object, its "as" phrase, its infinitive, its preposition's object
    (
        "Obama announced a series of steps to tighten gun sales.",
        [("a series of steps", "announced", "Obama")],
    ),
    (
        "Democratic voters see Clinton as the stronger candidate.",
        [("Clinton as the stronger candidate", "see", "Democratic voters")],
    ),
    ("Sanders hopes to win New Hampshire.", [("to win New Hampshire", "hopes", "Sanders")]),
    ("Trump talked about the wall on Monday.", [("the wall", "talked", "Trump")]),
    # an evidential verb: subject and complement joined, the subject cited as the source (PolNeAR train)
    (
        "A broader swath of Republican voters appears to be moving behind Trump.",
        [
            (
                "A broader swath of Republican voters appears to be moving behind Trump",
                "appears",
                "A broader swath",
            )
        ],
    ),
    (
        "Clinton seemed to be ready to riff on the incident in Iowa.",
        [("Clinton seemed to be ready to riff on the incident in Iowa", "seemed", "Clinton")],
    ),
    # … unless a "to" phrase says whom it seems so to
    (
        "To Brigid Harrison, Christie's stare seemed to reflect sadness.",
        [("Christie's stare seemed to reflect sadness", "seemed", "Brigid Harrison")],
    ),
    (
        "Mrs. Clinton is widely seen as the more experienced candidate.",
        [("Mrs. Clinton is widely seen as the more experienced candidate", "seen", None)],
    ),
    # a stance verb's object with its "as" phrase, however parsed
    (
        "Minority and women voters describe her as likable and inspiring.",
        [("her as likable and inspiring", "describe", "Minority and women voters")],
    ),
    # a stance adjective's clause or prepositional object, its source the copula's subject
    ("Trump is confident that he will win Florida.", [("that he will win Florida", "confident", "Trump")]),
    ("Sanders was critical of the trade deal.", [("the trade deal", "critical", "Sanders")]),
    # a hearsay adverb: the clause it modifies, no source (and the verb's own stance)
    (
        "Bloomberg is reportedly considering a presidential run.",
        [
            ("Bloomberg is reportedly considering a presidential run", "reportedly", None),
            ("a presidential run", "considering", "Bloomberg"),
        ],
    ),
    # a clause set in a document: the document is the source
    (
        "In a CNN poll, Clinton held a 24-point lead among black voters.",
        [("Clinton held a 24-point lead among black voters", "In", "a CNN poll")],
    ),
    # … but a clause set in an occasion of speech is its subject's
    (
        "In an interview with CNN, Trump was blunt about the wall.",
        [("Trump was blunt about the wall", "In", "Trump")],
    ),
    # a headline line "Source: what it says"
    (
        "Poll: Donald Trump Ties Hillary Clinton in Three-Way Contest",
        [("Donald Trump Ties Hillary Clinton in Three-Way Contest", ":", "Poll")],
    ),
    # a noun's infinitive, nested in the verb's report; the noun's source is the verb's subject
    (
        "Sanders announced his decision to stay in the race.",
        [
            ("his decision to stay in the race", "announced", "Sanders"),
            ("to stay in the race", "decision", "Sanders"),
        ],
    ),
    (
        "More GOP candidates voiced criticism of Obama's executive actions.",
        [
            ("criticism of Obama's executive actions", "voiced", "More GOP candidates"),
            ("Obama's executive actions", "criticism", "More GOP candidates"),
        ],
    ),
    # a verb of judgement or of a speech act: its direct object
    (
        "The senator chided his colleagues for the delay.",
        [("his colleagues", "chided", "The senator")],
    ),
    # a deed noun is a cue with a named source only
    ("Trump's attack on Clinton drew criticism.", [("Clinton", "attack", "Trump")]),
    # a verb of naming: its object and what the object is called (issue 16, precision8)
    (
        "Critics called the merger a disaster for consumers.",
        [("the merger a disaster for consumers", "called", "Critics")],
    ),
    # ... also when what it is called is quoted (the quote is the partial quote's as well)
    (
        'The senator has vowed to block the measure, calling it "a giveaway to insurers."',
        [
            ("to block the measure", "vowed", "The senator"),
            ('it "a giveaway to insurers', "calling", "The senator"),
        ],
    ),
    # a passive of asking with no "by": the one asked is not the source, and the asker is unnamed
    (
        '"It is too early to say," the mayor said when asked about the budget.',
        [("the budget", "asked", None)],
    ),
    (
        "Asked whether she would run again, the senator smiled.",
        [("whether she would run again", "Asked", None)],
    ),
    # the object of a verb of asking is the one asked, not what is asked
    (
        "The moderator asked the governor whether he would sign the bill.",
        [("whether he would sign the bill", "asked", "The moderator")],
    ),
    (
        "A voter asked students if they planned to vote.",
        [("if they planned to vote", "asked", "A voter"), ("to vote", "planned", "they")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED_TAIL)
def test_reported_speech_long_tail(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert sorted(_indirect(text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(("text", "expected"), REPORTED)
def test_reported_speech(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert sorted(_indirect(text)) == sorted(expected)


# the source where the cue's own subject is not it (cue, source): one table row per shape
REPORTED_SOURCES = [
    # the agent of a passive cue with a clause
    ("Asked by a reporter whether he would release his tax returns, Trump shrugged.", "Asked", "a reporter"),
    (
        "The FBI had interviewed him after being warned by the Russian government that he was a threat.",
        "warned",
        "the Russian government",
    ),
    # the subject above a stance adjective whose infinitive is the cue
    ("Older voters were more likely to say that the economy was their top concern.", "say", "Older voters"),
    ("They are convinced that the president could have done more.", "convinced", "They"),
    # the subject of the verb whose object a gerund completes
    ("Trump has a long history of blaming others for his wounds.", "blaming", "Trump"),
    (
        "Clinton's campaign took the unusual step of criticizing the intelligence community.",
        "criticizing",
        "Clinton's campaign",
    ),
    # a contracted "has" the parser reads as a passive (not "he's expected to win")
    (
        "While he's said he'll fight all the way to the convention, Sanders must decide what he wants.",
        "said",
        "he",
    ),
    # the pronoun or number a present participle modifies
    (
        "Cruz leads among voters describing themselves as very conservative, and Trump leads among those "
        "calling themselves moderate.",
        "calling",
        "those",
    ),
    ("It had two columns, one listing the facts reported by the government.", "listing", "one"),
    # a noun cue's "by" or "from"
    (
        "The department pushed back against claims by intelligence agencies that the messages were "
        "classified.",
        "claims",
        "intelligence agencies",
    ),
    (
        "The biggest blow was an allegation from his former aide that the campaign had broken the law.",
        "allegation",
        "his former aide",
    ),
    # a noun cue with no possessive in a verb's prepositional phrase: the verb's subject
    ("Cruz entered the debate with an argument that the race was now a two-man contest.", "argument", "Cruz"),
    ("Warren roused the crowd with criticism of the real estate developer.", "criticism", "Warren"),
    (
        "Kasich's chief strategist John Weaver says in a statement that the race will be a four-man contest.",
        "statement",
        "John Weaver",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source"), REPORTED_SOURCES)
def test_reported_speech_source(text: str, cue: str, source: str) -> None:
    assert (cue, source) in [(c, s) for _, c, s in _indirect(text)]


NOT_REPORTED = [
    # the clause is the direct quote's: no second attribution of it
    'He said, "We will win this election."',
    "“We will win this election,” he said.",
    # no reporting verb; a deed noun with no source ("the attack on the port")
    "The ministry ordered more munitions after the attack on the port.",
    # "in" a time, not a document; a headline label that is no source
    "In the morning, the candidates met in Des Moines.",
    "The Latest: Sanders wins Vermont",
    # a copula's clause is the writer's
    "The problem is that nobody trusts the polls.",
    # the passive of a verb that is no verb of opinion reports an event, not its subject
    "The new tax plan was released on Monday after weeks of delay.",
    # the person a verb of asking addresses is no content
    "After the speech the chairman asked him.",
]


def test_word_lists_hold_only_words() -> None:
    """YAML reads a bare on/off/yes/no as a boolean: every list entry of the quotes tables is a string
    ("on" was silently missing from three lists)."""
    raw = read_yaml("quotes.yaml")
    for key, value in raw.items():
        lists = value.values() if isinstance(value, dict) else [value]
        for entries in lists:
            if isinstance(entries, list):
                assert all(isinstance(w, str) for w in entries), key


@pytest.mark.parametrize("text", NOT_REPORTED)
def test_not_reported_speech(text: str) -> None:
    assert _indirect(text) == []


def test_direct_only_leaves_reported_speech_out() -> None:
    text = "Reznikov said that Denmark would give tanks. “We are ready,” he added."
    every = extract(text, include=("quotes",)).quotes
    direct = extract(text, include=("quotes",), quotes="direct").quotes
    assert [q.kind for q in every] == ["indirect", "direct"]
    assert [(q.id, q.kind, q.text) for q in direct] == [("Q1", "direct", "We are ready,")]


def test_offsets_and_confidence() -> None:
    text = "According to officials, the plan was delayed. Reznikov said that Denmark would give tanks."
    quotes: list[Quote] = extract(text, include=("quotes",)).quotes
    assert quotes
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.cue is not None and text[q.cue.start : q.cue.end] == q.cue.text
        assert q.speaker is not None and text[q.speaker.start : q.speaker.end] == q.speaker.text
        assert 0 < q.confidence < 1


def test_title_before_a_name_the_parse_split() -> None:
    """Issue 16: "COP28 President Sultan al-Jaber" was cited as "COP28 President", with no entity (the
    parser reads the four words as four subjects of "called")."""
    result = extract(
        "COP28 President Sultan al-Jaber called the deal “historic.”", include=("entities", "quotes")
    )
    (quote,) = [q for q in result.quotes if q.kind == "partial"]
    assert quote.speaker is not None and quote.speaker.text == "Sultan al-Jaber"
    names = {e.id: e.name for e in result.entities}
    assert names.get(quote.speaker.entity or "") == "Sultan al-Jaber"


@pytest.mark.parametrize("unit", ["Officials said that ", "according to "])
def test_nested_reports_stay_linear(nlp, unit: str) -> None:
    """Reports nested in reports (hostile text: every clause the content of the one before) cost time
    and output linear in the text: the contents together are at most three times the text."""
    import time

    from service.extract.entities import extract_entities
    from service.extract.model import Analysis
    from service.extract.quotes import extract_quotes

    text = unit * (10_000 // len(unit)) + "it rained."
    t0 = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - t0
    result = Analysis(text=text, published=None, published_source="none")
    result.entities = extract_entities(doc, result)
    extract_quotes(doc, result)  # warm: the rule tables are read on first use
    t0 = time.perf_counter()
    quotes = extract_quotes(doc, result)
    stage = time.perf_counter() - t0
    assert quotes and sum(q.end - q.start for q in quotes) <= 3 * len(text)
    assert stage < 0.25 * parse


@pytest.mark.parametrize(
    ("option", "kinds"), [([], ["indirect", "direct"]), (["--quotes", "direct"], ["direct"])]
)
def test_cli_quotes_option(tmp_path, capsys, option: list[str], kinds: list[str]) -> None:
    import json

    from service.__main__ import main

    article = tmp_path / "a.txt"
    article.write_text(
        "Reznikov said that Denmark would give tanks. “We are ready,” he added.\n", encoding="utf-8"
    )
    assert main(["extract", *option, "--include", "quotes", "--no-progress", str(article)]) == 0
    assert [q["kind"] for q in json.loads(capsys.readouterr().out)["quotes"]] == kinds
