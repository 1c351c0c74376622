"""Query parameters read strictly: a record id or a page number is ASCII digits and nothing else.

`str.isdigit()` accepts "²" and "١٢", which `int()` then refuses or reads as a number; a
database then refuses a number too large for its integers. Anything that is not an id or a page
number is a 400 with a message saying what was wrong (JSON for the API), never a 500.
"""

from __future__ import annotations

import re

ID_DIGITS = re.compile(r"[0-9]{1,15}")  # ASCII only; 15 digits fit every database's integers


class BadParameter(ValueError):
    """A query parameter that cannot be what it names."""

    def __init__(self, name: str, message: str):
        self.name = name
        super().__init__(message)


def is_id(value: str) -> bool:
    """A record id as written in a URL: 1 to 15 ASCII digits, not zero."""
    return bool(ID_DIGITS.fullmatch(value)) and int(value) > 0


def optional_id(params, name: str) -> int | None:
    """The id in `params[name]`, None when absent or empty; BadParameter otherwise."""
    value = params.get(name, "")
    if value == "":
        return None
    if not is_id(value):
        raise BadParameter(name, f"“{name}” must be the number of a record, like 12")
    return int(value)


def page_number(params, name: str = "page") -> int:
    """The page asked for (1 when absent); BadParameter unless it is a whole number from 1."""
    value = params.get(name, "")
    if value == "":
        return 1
    if not is_id(value):
        raise BadParameter(name, "The page number must be a whole number, like 2")
    return int(value)
