"""Everyday news shapes the MEANTIME dev data barely shows: crime, courts, politics, sport, wire style.

Sentences written for this project (no article text); the expected answers were written from each
sentence by reading it, before the extractor was run on it. Each case lists:

- ``names``: a name that must be a ``proper`` mention of an entity of one of the types (``"ORG|FAC"``);
- ``same``: pairs of mention texts that must be in one entity;
- ``apart``: pairs that must not be in one entity (when both are found);
- ``not_names``: texts that must not be a ``proper`` mention (a capitalised common noun, an age);
- ``nominals``: a nominal that must be a mention of an entity of that type ("Police": the force, ORG).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from service.extract.entities import extract_entities
from service.extract.model import Analysis, Entity


class Case(NamedTuple):
    text: str
    names: dict[str, str]
    same: list[tuple[str, str]] = []
    apart: list[tuple[str, str]] = []
    not_names: list[str] = []
    nominals: dict[str, str] = {}


PROBE: list[Case] = [
    # --- a name with an apposition whose head is a person's role, or with an age -----------------
    Case(
        "Smith, a spokesman for the company, declined to comment.",
        {"Smith": "PERSON"},
        apart=[("Smith", "the company")],
    ),
    Case(
        "Smith, 45, a spokesman for the company, declined to comment.",
        {"Smith": "PERSON"},
        apart=[("Smith", "the company")],
        not_names=["45"],
    ),
    Case("Jones, 62, was arrested on Friday.", {"Jones": "PERSON"}),
    Case(
        "Boeing owns Aviall. Aviall, a subsidiary of the company, sells aircraft parts.",
        {"Boeing": "ORG", "Aviall": "ORG"},
        same=[("Boeing", "the company")],
        apart=[("Aviall", "the company")],
    ),
    Case(
        "Police said Garcia, 31, had fled.",
        {"Garcia": "PERSON"},
        not_names=["Police"],
        nominals={"Police": "ORG"},
    ),
    Case("Maria Lopez, 28, of Fresno, was charged with robbery.", {"Maria Lopez": "PERSON", "Fresno": "GPE"}),
    Case(
        "Prosecutors said Daniel Reyes, a former police officer, shot the man twice.",
        {"Daniel Reyes": "PERSON"},
        not_names=["Prosecutors"],
    ),
    Case("The suspect, identified as Kevin Walsh, 39, was taken into custody.", {"Kevin Walsh": "PERSON"}),
    Case(
        "Hernandez, 19, pleaded not guilty at the Cook County courthouse.",
        {"Hernandez": "PERSON", "Cook County": "GPE"},
    ),
    Case(
        "Witnesses told officers that Brown, 24, had been drinking.",
        {"Brown": "PERSON"},
        not_names=["Witnesses"],
    ),
    Case(
        "Officers arrested Tran, 33, after a chase through downtown Houston.",
        {"Tran": "PERSON", "Houston": "GPE"},
        not_names=["Officers"],
    ),
    Case(
        "Anderson, the company's chief executive, resigned on Tuesday.",
        {"Anderson": "PERSON"},
        apart=[("Anderson", "the company")],
    ),
    Case(
        "Wilson, an analyst at Barclays, expects rates to rise.",
        {"Wilson": "PERSON", "Barclays": "ORG"},
        apart=[("Wilson", "Barclays")],
    ),
    Case("Patel, a lawyer for the family, said they would sue the city.", {"Patel": "PERSON"}),
    Case(
        "Nguyen, a spokeswoman for the airline, said flights would resume.",
        {"Nguyen": "PERSON"},
        apart=[("Nguyen", "the airline")],
    ),
    Case(
        "Greenberg, an economist at Goldman Sachs, said inflation would ease.",
        {"Greenberg": "PERSON", "Goldman Sachs": "ORG"},
        apart=[("Greenberg", "Goldman Sachs")],
    ),
    Case(
        "Thompson, a former Goldman Sachs banker, joined the firm in 2019.",
        {"Thompson": "PERSON", "Goldman Sachs": "ORG"},
        apart=[("Thompson", "Goldman Sachs")],
    ),
    Case(
        "Authorities in Florida said Ruiz, 41, died at the scene.",
        {"Ruiz": "PERSON", "Florida": "GPE"},
        not_names=["Authorities"],
    ),
    Case("Murphy, 58, the bank's chief financial officer, will retire in June.", {"Murphy": "PERSON"}),
    Case("Residents said Kim, a local shop owner, had warned police.", {"Kim": "PERSON"}),
    Case("Firefighters found Baker, 70, unconscious in his kitchen.", {"Baker": "PERSON"}),
    Case("Ms. O'Brien, 44, was sentenced to five years in prison.", {"O'Brien": "PERSON"}),
    Case(
        "Okafor, 52, a member of the city council, announced her candidacy.",
        {"Okafor": "PERSON"},
        same=[("Okafor", "her")],
    ),
    Case(
        "Schmidt, Germany's finance minister, met Yellen in Washington.",
        {"Schmidt": "PERSON", "Germany": "GPE", "Yellen": "PERSON", "Washington": "GPE"},
        apart=[("Schmidt", "Germany")],
    ),
    Case("Kowalski, who coached the team for a decade, was fired.", {"Kowalski": "PERSON"}),
    Case(
        "Rodriguez, 27, scored twice as the Yankees beat the Red Sox.",
        {"Rodriguez": "PERSON", "Yankees": "ORG", "Red Sox": "ORG"},
    ),
    Case("Nadal, 36, withdrew from the tournament with an abdominal injury.", {"Nadal": "PERSON"}),
    # what is not a person's apposition: a list, a title before another name, a name with "the"
    Case(
        "In Denver, Colorado, police spokesman Sgt. Mark Ortega said two men were held.",
        {"Denver": "GPE", "Colorado": "GPE", "Mark Ortega": "PERSON"},
    ),
    Case(
        "On behalf of the United States, the president's chief negotiator, John Hay, signed the treaty.",
        {"United States": "GPE", "John Hay": "PERSON"},
    ),
    Case(
        "The ship carried four Iraqis, two Sudanese, a Somali national and a Turk.",
        {"Sudanese": "NORP", "Iraqis": "NORP"},
    ),
    Case(
        "Hillary Clinton spoke in Little Rock, and the Clintons flew home on Tuesday.",
        {"Hillary Clinton": "PERSON", "Little Rock": "GPE", "Clintons": "PERSON"},
    ),
    # --- titles and wire-style names ------------------------------------------------------------
    Case(
        "Judge Amy Berman told the jury that the trial would resume Monday.",
        {"Amy Berman": "PERSON"},
        not_names=["Judge Amy Berman"],
    ),
    Case(
        "Defense attorney Mark Pollard said his client was innocent.",
        {"Mark Pollard": "PERSON"},
        same=[("Mark Pollard", "his")],
    ),
    Case(
        "Acme Corp.'s chief executive, Laura Chen, said sales had fallen.",
        {"Acme Corp.": "ORG", "Laura Chen": "PERSON"},
        apart=[("Acme Corp.", "Laura Chen")],
    ),
    Case("Rep. Jane Doe, D-Calif., voted against the bill.", {"Jane Doe": "PERSON"}),
    Case(
        "Sen. Tom Harkins, R-Texas, said the Senate would vote next week.",
        {"Tom Harkins": "PERSON", "Senate": "ORG"},
    ),
    Case(
        "Speaker Mike Johnson, R-La., told reporters the House would act.",
        {"Mike Johnson": "PERSON", "House": "ORG"},
    ),
    Case("Governor Ellen Park signed the budget into law on Thursday.", {"Ellen Park": "PERSON"}),
    Case(
        "Mayor Karen Bass, a Democrat, announced a new housing plan.",
        {"Karen Bass": "PERSON", "Democrat": "NORP"},
    ),
    Case(
        "Senators questioned Defense Secretary Lloyd Austin about the budget.",
        {"Lloyd Austin": "PERSON"},
        not_names=["Senators", "Defense"],
    ),
    Case("Coach Tony Harris said the Lakers had played poorly.", {"Tony Harris": "PERSON", "Lakers": "ORG"}),
    Case(
        "Muller, the Bayern Munich striker, was injured in training.",
        {"Muller": "PERSON", "Bayern Munich": "ORG"},
        apart=[("Muller", "Bayern Munich")],
    ),
    # --- institutions ---------------------------------------------------------------------------
    Case("The Supreme Court declined to hear the case on Monday.", {"Supreme Court": "ORG"}),
    Case(
        "The Justice Department said it would appeal the ruling.",
        {"Justice Department": "ORG"},
        same=[("Justice Department", "it")],
    ),
    Case("The Fed raised interest rates for the third time this year.", {"Fed": "ORG"}),
    Case(
        "The White House said President Biden would travel to Ohio.",
        {"White House": "ORG|FAC", "Biden": "PERSON", "Ohio": "GPE"},
    ),
    Case(
        "Lawmakers in Albany passed the measure late Wednesday.", {"Albany": "GPE"}, not_names=["Lawmakers"]
    ),
    Case(
        "Officials at the State Department declined to comment.",
        {"State Department": "ORG"},
        not_names=["Officials"],
    ),
    Case("The Pentagon said two soldiers were wounded in Kabul.", {"Pentagon": "ORG|FAC", "Kabul": "GPE"}),
    Case(
        "Investors sold bonds after the European Central Bank signalled a pause.",
        {"European Central Bank": "ORG"},
        not_names=["Investors"],
    ),
    Case("Analysts expect Apple to report higher profits.", {"Apple": "ORG"}, not_names=["Analysts"]),
    Case(
        "Acme Corp. said on Monday that it would cut 500 jobs.",
        {"Acme Corp.": "ORG"},
        same=[("Acme Corp.", "it")],
    ),
    Case(
        "Shares of Tesla fell 4% after Musk, the company's chief executive, sold stock.",
        {"Tesla": "ORG", "Musk": "PERSON"},
        apart=[("Musk", "Tesla")],
    ),
    Case(
        "WASHINGTON (AP) — The Senate passed the bill on Tuesday.",
        {"WASHINGTON": "GPE", "AP": "ORG", "Senate": "ORG"},
    ),
    Case(
        "U.S. District Judge Sarah Klein ruled that the law was unconstitutional.",
        {"Sarah Klein": "PERSON", "U.S.": "GPE"},
        not_names=["District"],
    ),
    Case("Democrats accused Republicans of stalling the vote.", {"Democrats": "NORP", "Republicans": "NORP"}),
    Case("The Kremlin denied the report, calling it a provocation.", {"Kremlin": "ORG|FAC"}),
    Case(
        "Officer James Dunn, a 12-year veteran of the force, was placed on leave.", {"James Dunn": "PERSON"}
    ),
    Case(
        "Garcia's attorney, Michael Stone, said his client would appeal.",
        {"Garcia": "PERSON", "Michael Stone": "PERSON"},
        apart=[("Garcia", "Michael Stone")],
    ),
    Case(
        "The FBI arrested Lee, 29, at his home in Queens.",
        {"FBI": "ORG", "Lee": "PERSON", "Queens": "GPE"},
        same=[("Lee", "his")],
    ),
    Case(
        "Smith told the Associated Press that she had been threatened.",
        {"Smith": "PERSON", "Associated Press": "ORG"},
        same=[("Smith", "she")],
    ),
    Case(
        "A spokesman for Gov. Kathy Hochul said the governor would sign the bill.",
        {"Kathy Hochul": "PERSON"},
        same=[("Kathy Hochul", "the governor")],
    ),
    Case(
        "Prime Minister Rishi Sunak met King Charles at Buckingham Palace.",
        {"Rishi Sunak": "PERSON", "Buckingham Palace": "FAC"},
    ),
    Case(
        "Hamas said Israeli strikes had killed 12 people in Gaza.",
        {"Hamas": "ORG", "Israeli": "NORP", "Gaza": "GPE"},
    ),
    Case(
        "The National Weather Service issued a tornado warning for Tulsa.",
        {"National Weather Service": "ORG", "Tulsa": "GPE"},
    ),
    Case("Moore, the county sheriff, said deputies found a gun in the car.", {"Moore": "PERSON"}),
    Case(
        "Harris, who is running for governor, spoke in Des Moines.",
        {"Harris": "PERSON", "Des Moines": "GPE"},
    ),
    Case(
        "Microsoft's president, Brad Smith, testified before Congress.",
        {"Microsoft": "ORG", "Brad Smith": "PERSON", "Congress": "ORG"},
        apart=[("Microsoft", "Brad Smith")],
    ),
    Case("Taylor Swift's concerts drew record crowds in Tokyo.", {"Taylor Swift": "PERSON", "Tokyo": "GPE"}),
    Case(
        "Volkswagen AG, Europe's largest carmaker, recalled 50,000 cars.",
        {"Volkswagen AG": "ORG", "Europe": "LOC"},
        apart=[("Volkswagen AG", "Europe")],
    ),
    Case("Ortiz, a Dominican national, was deported last year.", {"Ortiz": "PERSON", "Dominican": "NORP"}),
    Case("Detectives questioned Alvarez, the victim's brother, for hours.", {"Alvarez": "PERSON"}),
    Case(
        "Attorney General Merrick Garland said the department would investigate.",
        {"Merrick Garland": "PERSON"},
        not_names=["Attorney General", "Attorney"],
    ),
    Case("Former President Donald Trump, 77, pleaded not guilty.", {"Donald Trump": "PERSON"}),
    Case("Officers found the body of Daniels, 34, near the river.", {"Daniels": "PERSON"}),
    Case("The jury found Harper guilty on all counts.", {"Harper": "PERSON"}),
    Case("Chief Justice John Roberts wrote the majority opinion.", {"John Roberts": "PERSON"}),
    Case(
        "The Labour Party won 412 seats, and Keir Starmer became prime minister.",
        {"Labour Party": "ORG", "Keir Starmer": "PERSON"},
    ),
    Case("The New York Times reported that the deal was close.", {"New York Times": "ORG"}),
    Case(
        "Lt. Col. Ann Berry, a Pentagon spokeswoman, said the drill was routine.",
        {"Ann Berry": "PERSON", "Pentagon": "ORG|FAC"},
        apart=[("Ann Berry", "Pentagon")],
    ),
    Case(
        "Moscow denied that its forces had crossed the border.",
        {"Moscow": "GPE"},
        same=[("Moscow", "its")],
    ),
    Case(
        "Paramedics took Sanchez, 19, to Mercy Hospital.",
        {"Sanchez": "PERSON", "Mercy Hospital": "ORG|FAC"},
        not_names=["Paramedics"],
    ),
    Case("NATO allies met in Brussels on Thursday.", {"NATO": "ORG", "Brussels": "GPE"}),
    Case(
        "Dr. Priya Natarajan, an epidemiologist at Johns Hopkins, said cases were rising.",
        {"Priya Natarajan": "PERSON", "Johns Hopkins": "ORG"},
        apart=[("Priya Natarajan", "Johns Hopkins")],
    ),
    Case("Lopez, a Republican, won the seat by 300 votes.", {"Lopez": "PERSON", "Republican": "NORP"}),
    Case("Kim Jong Un oversaw a missile test, state media said.", {"Kim Jong Un": "PERSON"}),
    Case("Judge Carter sentenced Davis to 12 years.", {"Carter": "PERSON", "Davis": "PERSON"}),
    Case(
        "The Senate Judiciary Committee will hold hearings next week.", {"Senate Judiciary Committee": "ORG"}
    ),
    # --- sport ----------------------------------------------------------------------------------
    Case("Kerr, 58, coached the Warriors to four titles.", {"Kerr": "PERSON", "Warriors": "ORG"}),
    Case("Reed, the team's quarterback, threw for 300 yards.", {"Reed": "PERSON"}),
    Case(
        "Novak Djokovic beat Carlos Alcaraz in the final.",
        {"Novak Djokovic": "PERSON", "Carlos Alcaraz": "PERSON"},
    ),
    Case(
        "Liverpool manager Jurgen Klopp praised his players after the match.",
        {"Liverpool": "ORG", "Jurgen Klopp": "PERSON"},
        same=[("Jurgen Klopp", "his")],
    ),
    Case(
        "Brady threw three touchdown passes as the Buccaneers beat the Falcons.",
        {"Brady": "PERSON", "Buccaneers": "ORG", "Falcons": "ORG"},
    ),
    Case("The Eagles signed Johnson, 25, to a three-year contract.", {"Eagles": "ORG", "Johnson": "PERSON"}),
    Case(
        "Chelsea striker Nicolas Jackson scored in the first half.",
        {"Chelsea": "ORG", "Nicolas Jackson": "PERSON"},
    ),
    Case(
        "Manchester United beat Chelsea 2-1 at Old Trafford on Saturday.",
        {"Manchester United": "ORG", "Chelsea": "ORG", "Old Trafford": "FAC"},
    ),
    Case(
        "Fans booed as Arsenal lost to Tottenham Hotspur.",
        {"Arsenal": "ORG", "Tottenham Hotspur": "ORG"},
        not_names=["Fans"],
    ),
]


# Cases the extractor still gets wrong, each for a reason the rules cannot see (the model's type of a
# name that only knowledge of the world settles). Strict: a case that starts passing must be moved.
KNOWN_WRONG = {
    "Muller, the Bayern Munich striker, was injured in training.": "the model tags the club LOC",
    "The Eagles signed Johnson, 25, to a three-year contract.": "the model tags the team GPE",
    "Manchester United beat Chelsea 2-1 at Old Trafford on Saturday.": "the model tags the stadium ORG",
    "Fans booed as Arsenal lost to Tottenham Hotspur.": "the model tags the club PERSON",
    "The jury found Harper guilty on all counts.": "the model tags the name a common noun, no entity",
    "Lopez, a Republican, won the seat by 300 votes.": "the model tags the name an adjective, no entity",
    "Novak Djokovic beat Carlos Alcaraz in the final.": "the model tags only the first name, as ORG",
}


def _entity_with(entities: list[Entity], text: str, proper: bool) -> list[Entity]:
    want = text.rstrip(".")
    return [
        e
        for e in entities
        if any(m.text.rstrip(".") == want and (m.kind == "proper" or not proper) for m in e.mentions)
    ]


def failures(nlp, case: Case) -> list[str]:
    """What the extractor gets wrong on ``case`` (empty: all right)."""
    entities = extract_entities(
        nlp(case.text), Analysis(text=case.text, published=None, published_source="none")
    )
    out = []
    for name, types in case.names.items():
        found = _entity_with(entities, name, proper=True)
        if len(found) != 1 or found[0].type not in types.split("|"):
            out.append(f"{name}: {[(e.type, e.name) for e in found] or 'not found'}, wanted {types}")
    for a, b in case.same:
        ea, eb = _entity_with(entities, a, False), _entity_with(entities, b, False)
        if not ea or ea != eb:
            out.append(f"{a!r} and {b!r} should be one entity")
    for a, b in case.apart:
        if set(map(id, _entity_with(entities, a, False))) & set(map(id, _entity_with(entities, b, False))):
            out.append(f"{a!r} and {b!r} should be apart")
    for text in case.not_names:
        if _entity_with(entities, text, proper=True):
            out.append(f"{text!r} is not a name")
    for text, etype in case.nominals.items():
        found = _entity_with(entities, text, proper=False)
        if len(found) != 1 or found[0].type != etype:
            out.append(f"{text}: {[(e.type, e.name) for e in found] or 'not found'}, wanted {etype}")
    return out


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[c.text]))
        if c.text in KNOWN_WRONG
        else c
        for c in PROBE
    ],
    ids=[c.text[:40] for c in PROBE],
)
def test_everyday_news_shapes(nlp, case):
    assert failures(nlp, case) == []
