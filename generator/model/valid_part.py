"""The part of a YAML file's data that its schema accepts, so that one check run reports everything.

A file with a schema error is never built. The checks that the schema cannot
make (known slugs, real dates, quotes found in the seed) still run on what the
schema accepts, so that fixing an unknown key does not reveal a bad quote in the
next run. What the schema rejects is left out of those checks, so that no value
is reported twice: an unknown key is dropped, a rejected optional value is
dropped, and a rejected list item is replaced by a Rejected marker so that the
items after it keep their index, and with it their line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import jsonschema

from generator.inputs.schema import validator


class Rejected:
    """Stands in for a list item the schema rejected; every marker differs from every other value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<rejected>"


def present(items: Iterable) -> Iterator[tuple[int, Any]]:
    """(index, item) for each item of a list that the schema accepted."""
    return ((index, item) for index, item in enumerate(items) if not isinstance(item, Rejected))


def valid_part(data: Any, schema_name: str) -> Any | None:
    """A copy of data without what the schema rejects; None when the file as a whole is rejected.

    A rejected required key rejects the mapping that holds it, and so on upwards:
    a list item becomes a marker, and a required top-level key rejects the file.
    """
    pruned = _copy(data)
    rejected: set[tuple] = set()
    while True:
        errors = [
            e for e in validator(schema_name).iter_errors(pruned) if not _inside(tuple(e.absolute_path), rejected)
        ]
        if not errors:
            return pruned
        paths = [path for error in errors for path in _rejected_paths(error)]
        if () in paths:
            return None
        changed = [_drop(pruned, path, rejected) for path in paths]
        if not any(changed):
            return None  # never loop: if nothing could be dropped, give up on this file's checks


def _rejected_paths(error: jsonschema.ValidationError) -> list[tuple]:
    """Where the values that an error rejects are: the value itself, or only the offending keys or items."""
    path = tuple(error.absolute_path)
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        assert isinstance(error.schema, Mapping)  # the schema object that says additionalProperties:
        allowed = error.schema.get("properties", {})
        return [(*path, key) for key in instance if key not in allowed] or [path]
    if "propertyNames" in error.relative_schema_path and isinstance(instance, str):
        return [(*path, instance)]  # the error is about one key name of the mapping at path
    if error.validator == "uniqueItems" and isinstance(instance, list):
        return [(*path, index) for index in _repeats(instance)] or [path]
    return [path]


def _repeats(items: list) -> list[int]:
    """Indexes of items equal to an earlier item."""
    seen: set[str] = set()
    repeats = []
    for index, item in present(items):
        key = json.dumps(item, sort_keys=True, default=id)
        if key in seen:
            repeats.append(index)
        seen.add(key)
    return repeats


def _drop(data: Any, path: tuple, rejected: set[tuple]) -> bool:
    """Remove the value at path (a list item becomes a marker); False when it is already gone."""
    container = _find(data, path[:-1])
    last = path[-1]
    if isinstance(container, dict) and last in container:
        del container[last]
        return True
    if isinstance(container, list) and isinstance(last, int) and 0 <= last < len(container):
        if isinstance(container[last], Rejected):
            return False
        container[last] = Rejected()
        rejected.add(path)
        return True
    return False


def _find(data: Any, path: tuple) -> Any:
    for part in path:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _inside(path: tuple, rejected: set[tuple]) -> bool:
    return any(path[:length] in rejected for length in range(1, len(path) + 1))


def _copy(data: Any) -> Any:
    """A copy of plain YAML data (nested no deeper than generator.inputs.yamlfile allows)."""
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(item) for item in data]
    return data
