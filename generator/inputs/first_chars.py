"""Which characters can open a match of a regular expression, and how short one can be, read from Python's own
parse of it.

A line can match a pattern only if its first character is one the pattern can start with, so a reader that
holds a hundred furniture patterns tries only the few that can match a given line. Keys are case-folded the
way re.IGNORECASE folds them; a character whose folding is not plain (a non-ASCII digit, 'ſ', the Kelvin
sign) has no key, and a line opening with one is tried against every pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # typeshed describes re's private modules under their old public names, the same code
    import sre_compile as _compiler
    import sre_constants as sre
    import sre_parse as _parser
else:
    from re import _compiler, _parser
    from re import _constants as sre  # re's parser has no public API; its shape is stable since Python 3.11

_IGNORECASE = re.IGNORECASE.value  # an int, as re.compile passes it on: flag arithmetic on the enum is slow
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_WIDEST_RANGE = 256  # a wider character range counts as "any character"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def char_key(char: str) -> str | None:
    """The key of a character under case-insensitive matching, or None when its folding is not plain."""
    if char.isdigit():
        return "0" if char.isascii() else None
    if char.lower() == char.upper():
        return char  # punctuation and symbols have no case
    lower = char.lower()
    return lower if len(lower) == 1 and (char.isascii() or lower in _CYRILLIC) else None


@dataclass(frozen=True)
class Opening:
    keys: frozenset[str] | None  # the keys of the characters a case-insensitive match can start with; None: any
    shortest: int  # the fewest characters a match can span


@dataclass(frozen=True)
class Parsed:
    """A case-insensitive pattern parsed once: how it opens, and re's parse of it to compile without parsing
    again (parsing is most of the cost of compiling)."""

    opening: Opening
    tree: _parser.SubPattern

    def compile(self) -> re.Pattern[str]:
        return _compiler.compile(self.tree, _IGNORECASE)


def parse(pattern: str) -> Parsed:
    tree = _parser.parse(pattern, _IGNORECASE)
    keys, may_be_empty = _first(tree.data)
    return Parsed(Opening(None if keys is None or may_be_empty else frozenset(keys), tree.getwidth()[0]), tree)


def opening(pattern: str) -> Opening:
    return parse(pattern).opening


def _first(items: Iterable[tuple[object, Any]]) -> tuple[set[str] | None, bool]:
    """(keys that can open a match of the sequence, whether it can match the empty string)."""
    found: set[str] = set()
    for op, argument in items:
        keys, may_be_empty = _first_of(op, argument)
        if keys is None:
            return None, False
        found |= keys
        if not may_be_empty:
            return found, False
    return found, True


def _first_of(op: object, argument: Any) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return _keys([chr(argument)]), False
    if op is sre.IN:
        return _set_keys(argument), False
    if op is sre.BRANCH:
        results = [_first(branch) for branch in argument[1]]
        if any(keys is None for keys, _ in results):
            return None, False
        return set().union(*(keys for keys, _ in results if keys is not None)), any(empty for _, empty in results)
    if op is sre.SUBPATTERN:
        return _first(argument[3])
    if op is sre.ATOMIC_GROUP:
        return _first(argument)
    if op in _REPEATS:
        low, _, body = argument
        keys, may_be_empty = _first(body)
        return keys, may_be_empty or low == 0
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False  # any character, a negated literal, a back-reference


def _set_keys(items: Iterable[tuple[object, Any]]) -> set[str] | None:
    chars: list[str] = []
    for op, argument in items:
        if op is sre.LITERAL:
            chars.append(chr(argument))
        elif op is sre.RANGE and argument[1] - argument[0] < _WIDEST_RANGE:
            chars.extend(chr(code) for code in range(argument[0], argument[1] + 1))
        elif op is sre.CATEGORY and argument is sre.CATEGORY_DIGIT:
            chars.append("0")
        else:
            return None  # a negated set, a wide range, \w or \s
    return _keys(chars)


def _keys(chars: list[str]) -> set[str] | None:
    keys = {char_key(char) for char in chars}
    return None if None in keys else cast(set[str], keys)  # no None in it
