"""Conversions between camelCase and snake_case identifiers."""
import re

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def camel_to_snake(name: str) -> str:
    """Split a camelCase name into lowercase words joined by underscores.

    >>> camel_to_snake("parseHttpResponse")
    'parse_http_response'
    """
    return _BOUNDARY.sub("_", name).lower()


def snake_to_camel(name: str) -> str:
    """Join snake_case words into camelCase.

    >>> snake_to_camel("parse_http_response")
    'parseHttpResponse'
    """
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)
