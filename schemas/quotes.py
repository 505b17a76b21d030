"""The `quotes` section."""

from marshmallow import Schema, fields, validate

from .common import ENTITY_TYPES, QUOTE_KINDS, SPEAKER_RESOLUTIONS, SpanSchema


class SpeakerSchema(SpanSchema):
    entity = fields.String(
        required=True, allow_none=True, metadata={"description": "Id of the speaker's entity, if any."}
    )
    resolution = fields.String(
        required=True,
        validate=validate.OneOf(SPEAKER_RESOLUTIONS),
        metadata={"description": "How the speaker was found: explicit, pronoun, nominal or inferred."},
    )
    antecedent = fields.Nested(
        SpanSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "For a pronoun speaker ('it said', 'who said'): the earlier phrase it refers "
            "to (e.g. 'The UK defense ministry'), named entity or not; null otherwise."
        },
    )


class QuoteSchema(Schema):
    id = fields.String(required=True, metadata={"example": "Q1"})
    text = fields.String(
        required=True,
        metadata={"description": "The quoted words, without quotation marks; for indirect, the content."},
    )
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(QUOTE_KINDS),
        metadata={
            "description": "direct (a quote in quotation marks), partial (a quoted fragment inside the "
            "reporter's sentence), scare (scare quotes, titles: no speaker) or indirect (reported speech "
            "without quotation marks: the complement clause of 'said that …', the clause an 'according "
            "to' phrase modifies, the that-clause of a noun cue such as 'the claim that …')."
        },
    )
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True)
    confidence = fields.Float(required=True)
    said_on = fields.String(
        required=True, allow_none=True, metadata={"description": "TIMEX3 value of the date of the cue."}
    )


class SourceSchema(Schema):
    entity = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Id of the speaker's entity; null for a speaker no entity names.",
            "example": "E1",
        },
    )
    name = fields.String(
        required=True,
        metadata={
            "description": "The entity's name, else the speaker's own words ('officials', 'the minister').",
            "example": "Oleksii Reznikov",
        },
    )
    type = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(ENTITY_TYPES),
        metadata={"description": "The entity's type; null without an entity.", "example": "PERSON"},
    )
    quotes = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Ids of the quotes attributed to this speaker, in text order.",
            "example": ["Q1"],
        },
    )
    direct = fields.Integer(required=True, metadata={"description": "How many are direct quotes."})
    # not a class attribute named `partial`: marshmallow's Schema has one (partial loading)
    partial_quotes = fields.Integer(
        required=True,
        data_key="partial",
        attribute="partial",
        metadata={"description": "How many are partial quotes."},
    )
    indirect = fields.Integer(required=True, metadata={"description": "How many are reported speech."})
