"""Reading requests, for every view: the body (bytes, charset, JSON), the query, the settings.

Each failure is a :class:`~service.problems.Problem` (problem+json): 400 for a body that cannot be
read or parsed, 415 for a media type or charset the service does not take.

A byte order mark (U+FEFF) at the start of a body is part of the text the client sent: a
``text/plain`` body keeps it as its first character, so offsets index the text as sent (in every
charset). Before a JSON body is parsed, its leading BOM is dropped (it is outside every string).
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from importlib import resources
from typing import Any, NoReturn

from flask import current_app, request
from marshmallow import Schema
from werkzeug.exceptions import HTTPException

from .config import Settings
from .problems import Problem

JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain",)
HTML_TYPES = ("text/html",)
BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 64 * 1024


def settings() -> Settings:
    """The running app's settings."""
    return current_app.config["SETTINGS"]  # type: ignore[no-any-return]


def is_json(mimetype: str) -> bool:
    return mimetype in JSON_TYPES or mimetype.endswith("+json")


def request_fields(schema: Schema) -> Any:
    """The request's fields: the JSON body, or ``text`` from a text/plain body (and ``format: html``
    from a text/html one); then the query's
    ``published`` and ``include``, which take precedence over the JSON body's (a query parameter
    given twice is a 400, and so is ``text`` in the query). ``schema`` validates a JSON body on its
    own when the query overrides some of its fields."""
    mimetype = request.mimetype
    fields: Any
    if is_json(mimetype):
        fields = parse_json(body_text())
    elif mimetype in TEXT_TYPES:
        fields = {"text": body_text()}
    elif mimetype in HTML_TYPES:
        fields = {"text": body_text(), "format": "html"}
    else:
        raise Problem(
            415,
            f'Send application/json ({{"text": ...}}), text/plain or text/html (the article itself); '
            f"got {_given()}.",
        )
    if isinstance(fields, dict):  # anything else is refused by the schema
        if request.args and mimetype not in (*TEXT_TYPES, *HTML_TYPES):
            # The body must be valid on its own, even where the query overrides it.
            schema.load(fields)
        seen: set[str] = set()
        for key, value in request.args.items(multi=True):
            if key in seen or key == "text":
                bad(
                    400,
                    f"Query parameter {key!r} given more than once."
                    if key in seen
                    else "The text goes in the body, not in the query.",
                )
            seen.add(key)
            fields[key] = [v for v in value.split(",") if v] if key == "include" else value
    return fields


def json_body(example: str) -> Any:
    """The parsed JSON body; 415 (naming ``example``, the body expected) for any other media type."""
    if not is_json(request.mimetype):
        raise Problem(415, f"Send application/json ({example}); got {_given()}.")
    return parse_json(body_text())


def form_fields() -> dict[str, str]:
    """An HTML form's fields (url-encoded or multipart); 400 when the body cannot be read."""
    try:
        return dict(request.form.items())
    except HTTPException:  # 413 and the like: already an answer
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the server's body reader raises
        _unreadable(exc)


def _given() -> str:
    return f"'{request.mimetype}'" if request.mimetype else "no Content-Type"


def body_text() -> str:
    """The body decoded by its declared charset (default UTF-8; a UTF-16 BOM overrides it)."""
    raw = read_body()
    if raw.startswith(codecs.BOM_UTF16_LE):
        encoding = "utf-16-le"  # the BOM is kept, as U+FEFF
    elif raw.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16-be"
    else:
        encoding = request.mimetype_params.get("charset", "utf-8").lower()
    name = _charset(encoding)
    try:
        text = raw.decode(name)
    except UnicodeError as exc:  # UnicodeDecodeError, or UnicodeError from other codecs
        where = f": byte {exc.start} cannot be decoded" if isinstance(exc, UnicodeDecodeError) else ""
        bad(400, f"The body is not valid {name.upper()}{where}.")
    if _SURROGATE.search(text):  # utf-7 can decode to a lone surrogate, which is not text
        bad(400, f"The body is not valid {name.upper()}: it decodes to an unpaired surrogate.")
    return text


def _charset(encoding: str) -> str:
    """The codec of a declared charset: 415 unless it is one of :func:`accepted_charsets`."""
    try:
        codec = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise Problem(415, f"Unknown charset {encoding!r}; send UTF-8.") from None
    if codec.name not in accepted_charsets():
        raise Problem(415, f"The charset {encoding!r} is not accepted; send UTF-8.")
    return codec.name


@functools.cache
def accepted_charsets() -> frozenset[str]:
    """The codec names of ``data/charsets.txt``: text charsets that decode in linear time."""
    lines = resources.files(__package__).joinpath("data", "charsets.txt").read_text(encoding="utf-8")
    return frozenset(s for s in (line.split("#", 1)[0].strip() for line in lines.splitlines()) if s)


def read_body() -> bytes:
    """The whole body. Reading to the end makes a streamed (chunked) body over the size limit raise
    413 instead of being silently cut at the limit; a body the server cannot read (a malformed chunk
    header, a connection cut short) is a 400, whatever the server's reader raises (werkzeug's an
    OSError, gunicorn's its own ParseException)."""
    chunks = []
    try:
        while chunk := request.stream.read(_CHUNK):
            chunks.append(chunk)
    except HTTPException:  # 413 and the like: already an answer
        raise
    except Exception as exc:  # noqa: BLE001
        _unreadable(exc)
    return b"".join(chunks)


def _unreadable(exc: Exception) -> NoReturn:
    raise Problem(
        400, "The body could not be read: its transfer encoding is malformed or it was cut short."
    ) from exc


def parse_json(text: str) -> Any:
    """The JSON document of ``text`` (a leading BOM dropped); 400 for invalid JSON, duplicate keys,
    nesting too deep, or a string holding an unpaired surrogate escape."""
    try:
        value = json.loads(text.removeprefix(BOM), object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        bad(400, "The JSON body is nested too deeply.")
    except ValueError as exc:
        bad(400, f"The body is not valid JSON: {exc}.")
    _reject_lone_surrogates(value)
    return value


def _reject_lone_surrogates(value: Any) -> None:
    """400 when a JSON string holds an unpaired surrogate escape (``"\\ud800"``): not Unicode text,
    it cannot be parsed or written back as UTF-8. (A valid pair is already one code point.)"""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                bad(400, "The JSON body is not valid Unicode: a string holds an unpaired surrogate escape.")
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def bad(status: int, detail: str) -> NoReturn:
    raise Problem(status, detail)
