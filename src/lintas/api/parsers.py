"""The API's JSON parser: a body is one JSON object of modest depth, or a clear 400.

DRF's parser turns malformed JSON into a 400 but lets two things through: a body that is valid
JSON yet not an object (a list, a number), which every view then reads with ``.get`` and fails
on with a 500, and JSON nested deeper than the interpreter's recursion limit, which raises
``RecursionError`` (also a 500). Every endpoint takes named fields, so both are refused here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def _too_deep(value, limit: int) -> bool:
    """Iterative walk (a recursive one would hit the limit it is checking for)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return False


class JSONObjectParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(
                _("JSON parse error: nested more than %(max)d levels deep.") % {"max": MAX_DEPTH}
            ) from error
        if not isinstance(data, dict):
            raise ParseError(_('The request body must be a JSON object, like {"title": "..."}.'))
        if _too_deep(data, MAX_DEPTH):
            raise ParseError(
                _("JSON parse error: nested more than %(max)d levels deep.") % {"max": MAX_DEPTH}
            )
        return data
