"""The `quotes` section."""

from marshmallow import Schema, fields, validate

from .common import QUOTE_KINDS, SPEAKER_RESOLUTIONS, SpanSchema


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
        required=True, metadata={"description": "The quoted words, without quotation marks."}
    )
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(QUOTE_KINDS),
        metadata={"description": "direct, partial or scare."},
    )
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True)
    confidence = fields.Float(required=True)
    said_on = fields.String(
        required=True, allow_none=True, metadata={"description": "TIMEX3 value of the date of the cue."}
    )
