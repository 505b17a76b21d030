"""The `dates` section."""

from marshmallow import Schema, fields, validate

from .common import DATE_ROLES, TIMEX3_MODS, TIMEX3_TYPES, SpanSchema


class EventSchema(SpanSchema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(["verb", "noun", "adjective"]),
        metadata={
            "description": "verb, noun (an event noun: 'a meeting on Tuesday') or adjective (the predicate "
            "of a copula: 'was weak during the quarter').",
            "example": "verb",
        },
    )
    quote = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Id of the quote whose cue is this event ('said Monday'). Quotes are always "
            "found (the dates stage reads them), so the id is the one that quote has in an answer "
            "with quotes, also when this request did not ask for them.",
            "example": "Q1",
        },
    )


class DateRangeSchema(Schema):
    begin = fields.String(
        required=True, metadata={"description": "id of the range's first point", "example": "T1"}
    )
    end = fields.String(
        required=True, metadata={"description": "id of the range's last point", "example": "T2"}
    )


class TimeExpressionSchema(Schema):
    id = fields.String(required=True, metadata={"example": "T1"})
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    type = fields.String(
        required=True,
        validate=validate.OneOf(TIMEX3_TYPES),
        metadata={"description": "TIMEX3 type: DATE, TIME, DURATION or SET."},
    )
    value = fields.String(
        required=True, allow_none=True, metadata={"description": "TIMEX3 value.", "example": "2023-05-01"}
    )
    mod = fields.String(required=True, allow_none=True, validate=validate.OneOf(TIMEX3_MODS))
    relative = fields.Boolean(required=True)
    resolved = fields.Boolean(required=True)
    role = fields.String(
        required=True,
        validate=validate.OneOf(DATE_ROLES),
        metadata={"description": "event, or publication for the dateline."},
    )
    event = fields.Nested(
        EventSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The event this date dates: the verb, predicate or event noun the date phrase "
            "modifies in the parse; null for the dateline, for captions and headings with no event, and "
            "where the learned ranker judges the date to date no event (TimeBank's annotators leave "
            "'from $90.5 million a year ago' unlinked)."
        },
    )
    range = fields.Nested(
        DateRangeSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": 'A range written as one phrase ("July 13-15", "from 13 to 15 August", '
            '"3-4pm"): each end is an expression of its own with its own value, and both carry this '
            "link to the two ids (TIMEX3 beginPoint/endPoint); null for a single point."
        },
    )
