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
    """A decoder written for the class, as dataclasses writes __init__: a big briefing decodes millions of
    objects, and a call per field or per item of a tuple (a generic decoder's) costs twice the time of the
    objects themselves. Only the class's own field names go into the code, never data."""
    hints, names = _hints(cls), _field_names(cls)
    scope: dict[str, Any] = {"cls": cls}
    fields = [f"f{number}" for number in range(len(names))]
    made = [_expression(hints[name], field, scope) for name, field in zip(names, fields, strict=True)]
    code = (
        "def decode(data):\n"
        f"    if len(data) != {len(names)}:\n"
        f"        raise ValueError(f'{cls.__name__} has {len(names)} fields, not {{len(data)}}')\n"
        + (f"    {''.join(field + ', ' for field in fields)}= data\n" if fields else "")
        + f"    return cls({', '.join(made)})\n"
    )
    exec(code, scope)  # the code above: field names and numbers, never data
    return scope["decode"]


def _expression(kind: Any, field: str, scope: dict[str, Any]) -> str:
    """Python that decodes the variable named field as kind; the decoders it calls are put in scope."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        (present,) = (arg for arg in args if arg is not type(None))
        inner = _expression(present, field, scope)
        return field if inner == field else f"(None if {field} is None else {inner})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _as_is:
            return f"tuple({field})"
        scope[f"decode_{field}"] = item
        return f"tuple([decode_{field}(item) for item in {field}])"
    decode = _decoder(kind)
    if decode is _as_is:
        return field
    scope[f"decode_{field}"] = decode
    return f"decode_{field}({field})"
