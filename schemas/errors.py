"""RFC 9457 problem details, the body of every error response."""

from marshmallow import Schema, fields

from .common import LanguageSchema


class ProblemSchema(Schema):
    type = fields.String(
        required=True,
        metadata={"description": "URI reference naming the problem type.", "example": "about:blank"},
    )
    title = fields.String(required=True, metadata={"example": "Unprocessable Content"})
    status = fields.Integer(required=True, metadata={"example": 422})
    detail = fields.String(required=True, metadata={"description": "What went wrong, for a person."})
    instance = fields.String(metadata={"description": "The request path."})


class ValidationProblemSchema(ProblemSchema):
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "Field name to its error messages (nested for nested fields)."},
    )
    language = fields.Nested(
        LanguageSchema,
        metadata={"description": "For a text in a language newsfacts does not read: that language."},
    )
