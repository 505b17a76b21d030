"""The country an article is about: the one its place names point to most often.

Holidays whose name means another day elsewhere ("Independence Day", "Labor Day",
"Thanksgiving Day") are read from that country's calendar when it has a holiday of that name.
Place names are matched to ISO 3166 codes through Babel's English territory names, plus the
short forms news writes (``country_aliases`` in dates.yaml: "U.S.", "Britain").
"""

from __future__ import annotations

import functools
from collections import Counter

from spacy.tokens import Doc

from .lexicon import lexicon


@functools.cache
def _codes() -> dict[str, str]:
    from babel import Locale

    names = {name.lower(): code for code, name in Locale.parse("en").territories.items() if code.isalpha()}
    names.update({str(k).lower(): str(v) for k, v in lexicon().table("country_aliases").items()})
    return names


def article_country(doc: Doc) -> str | None:
    """ISO code of the country the article's GPE entities name most (ties: the first named)."""
    codes = _codes()
    counts = Counter(
        code for ent in doc.ents if ent.label_ == "GPE" and (code := codes.get(ent.text.lower())) is not None
    )
    return counts.most_common(1)[0][0] if counts else None
