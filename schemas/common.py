"""Pieces shared by several sections."""

from marshmallow import Schema, fields, validate

from service.extract.offsets import DEFAULT_UNIT, OFFSET_UNITS

# Closed sets of values, each named in the OpenAPI document (service/openapi.py: NAMED_ENUMS), so that
# generated clients get one enum type for each.
ENTITY_TYPES = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)  # fmt: skip
QUOTE_KINDS = ("direct", "partial", "scare", "indirect")
SPEAKER_RESOLUTIONS = ("explicit", "pronoun", "nominal", "inferred")
TIMEX3_TYPES = ("DATE", "TIME", "DURATION", "SET")
# TIMEX3's mod attribute (TimeML 1.2.1), every value
TIMEX3_MODS = (
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
    "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
)  # fmt: skip
DATE_ROLES = ("event", "publication")
PUBLISHED_SOURCES = ("request", "page", "dateline", "none")
WARNING_CODES = ("stage_failed", "unsupported_language")

OFFSETS_DESCRIPTION = (
    "The unit of every `start` and `end` in the response: `codepoint` (Unicode code points: "
    "Python's `text[start:end]`), `utf16` (UTF-16 code units: JavaScript's `text.slice(start, end)`, "
    "Java, C#) or `utf8` (bytes of the UTF-8 text: Go, Rust, C). They differ only for text "
    "outside ASCII (`utf8`) or outside the Basic Multilingual Plane, such as emoji (`utf16`)."
)


def offsets_field(**kwargs: object) -> fields.String:
    """The ``offsets`` option (request) or the unit the response is in."""
    return fields.String(
        validate=validate.OneOf(OFFSET_UNITS),
        metadata={"description": OFFSETS_DESCRIPTION, "example": DEFAULT_UNIT},
        **kwargs,  # type: ignore[arg-type]
    )


class LanguageSchema(Schema):
    code = fields.String(
        required=True,
        metadata={
            "description": "ISO 639-1 code of the text's language (`en`, `de`), or `und` when the text "
            "has too few letters to tell.",
            "example": "en",
        },
    )
    confidence = fields.Float(
        required=True,
        validate=validate.Range(0, 1),
        metadata={"description": "The detector's confidence, in [0, 1].", "example": 0.9999},
    )


class SpanSchema(Schema):
    text = fields.String(
        required=True,
        metadata={"description": "The span's text: `text[start:end]` (in the unit of `offsets`)."},
    )
    start = fields.Integer(
        required=True, metadata={"description": "Offset of the first character, in the unit of `offsets`."}
    )
    end = fields.Integer(
        required=True,
        metadata={"description": "Offset just past the last character, in the unit of `offsets`."},
    )
