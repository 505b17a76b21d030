"""newsfacts: entities, quotes, money and dates from news articles, over HTTP.

The Flask app: :func:`service.app.create_app`; the NLP core, as a library: :mod:`service.extract`.
"""

__version__ = "0.1.0"
