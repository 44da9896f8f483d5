"""Frozen dataclasses to plain JSON data and back, for the generator's state kept between runs.

The state is plain data (never pickle: reading it cannot run anything). A value is
encoded by its type: a dataclass becomes a list of its fields in declaration order,
tuples and lists become lists, mappings become lists of key-value pairs (keys need
not be strings), dates become ISO strings. Decoding follows the type hints of the
target class, so only classes reachable from the one asked for can be made.

Example: ``from_plain(PartialDate, to_plain(PartialDate(2024, 3)))`` gives the date back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

SCALARS = (str, int, float, bool, type(None))


def to_plain(value: Any) -> Any:
    """JSON-able data for a value made of dataclasses, tuples, lists, mappings, sets, dates and scalars."""
    if isinstance(value, SCALARS):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [to_plain(getattr(value, name)) for name in _field_names(type(value))]
    if isinstance(value, (tuple, list, Sequence)):  # Sequence: paragraphs read from disk (inputs/seed_text.py)
        return [to_plain(item) for item in value]
    if isinstance(value, Mapping):
        return [[to_plain(key), to_plain(item)] for key, item in value.items()]
    if isinstance(value, (set, frozenset)):
        return sorted((to_plain(item) for item in value), key=repr)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"a value of type {type(value).__name__} has no plain form")


def from_plain(kind: Any, data: Any) -> Any:
    """The value of type kind (a class or a type hint such as tuple[Source, ...]) that to_plain encoded as data."""
    return _decoder(kind)(data)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


@cache
def _decoder(kind: Any) -> Any:
    """A function from plain data to a value of the hinted type; built once per hint."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind in SCALARS or kind is Any:
        return _scalar(kind)
    if kind is tuple:  # a path into YAML, of keys and indexes
        return tuple
    if origin is typing.Literal:
        return _scalar(type(args[0]))
    if origin in (typing.Union, types.UnionType):
        return _union([_decoder(arg) for arg in args if arg is not type(None)], type(None) in args)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if kind is dt.date:
        return dt.date.fromisoformat
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(item(value) for value in data)
        items = [_decoder(arg) for arg in args]
        return lambda data: tuple(decode(value) for decode, value in zip(items, data, strict=True))
    if origin in (list, frozenset, set):
        item, build = _decoder(args[0]), origin
        return lambda data: build(item(value) for value in data)
    if origin in (dict, Mapping, typing.Mapping) or kind in (dict, Mapping):
        key, value = (_decoder(args[0]), _decoder(args[1])) if args else (_scalar(Any), _scalar(Any))
        return lambda data: {key(k): value(v) for k, v in data}
    raise TypeError(f"no plain form is known for {kind!r}")


def _as_is(data: Any) -> Any:
    return data


def _scalar(kind: Any) -> Any:
    return _as_is


def _union(decoders: list[Any], optional: bool) -> Any:
    if len(decoders) != 1:
        raise TypeError("a union other than X | None has no plain form")
    (decode,) = decoders
    if decode is _as_is:
        return _as_is
    return (lambda data: None if data is None else decode(data)) if optional else decode


def _dataclass(cls: type) -> Any:
    hints = _hints(cls)
    decoders = [_decoder(hints[name]) for name in _field_names(cls)]
    # Most fields are text or numbers, taken as they are without a call: a big briefing decodes millions
    steps = [None if decode is _as_is else decode for decode in decoders]
    as_they_are = all(step is None for step in steps)  # a date, a citation

    def decode(data: list[Any]) -> Any:
        if len(data) != len(steps):
            raise ValueError(f"{cls.__name__} has {len(steps)} fields, not {len(data)}")
        if as_they_are:
            return cls(*data)
        return cls(*[value if step is None else step(value) for step, value in zip(steps, data, strict=True)])

    return decode
