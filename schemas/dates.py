"""The `dates` section."""

from marshmallow import Schema, fields, validate

from .common import DATE_ROLES, TIMEX3_MODS, TIMEX3_TYPES, SpanSchema


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
    event = fields.Nested(SpanSchema, required=True, allow_none=True)
