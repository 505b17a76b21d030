"""Pieces shared by several sections."""

from marshmallow import Schema, fields


class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The span's text: `text[start:end]`."})
    start = fields.Integer(
        required=True, metadata={"description": "Code-point offset of the first character."}
    )
    end = fields.Integer(
        required=True, metadata={"description": "Code-point offset just past the last character."}
    )
