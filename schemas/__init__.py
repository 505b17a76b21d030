"""marshmallow schemas for every request and response body.

``openapi.yaml`` is generated from these (``python -m service openapi``).
"""

from .errors import ProblemSchema, ValidationProblemSchema
from .extract import AnalysisSchema, ExtractRequestSchema

__all__ = [
    "AnalysisSchema",
    "ExtractRequestSchema",
    "ProblemSchema",
    "ValidationProblemSchema",
]
