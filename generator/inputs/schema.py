"""Check YAML data against the JSON Schemas in generator/schemas/ and explain what is wrong.

The same schemas drive editor completion (through the yaml-language-server line
at the top of each file) and this check, so the two never disagree.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from generator.common.problems import Problem, unplaced
from generator.inputs.yamlfile import YamlDocument

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

YAML_MISREADS = {
    bool: "YAML reads {raw} as {value}",
    int: "YAML reads {raw} as the number {value}",
    float: "YAML reads {raw} as the number {value}",
    type(None): "YAML reads {raw} as empty (null)",
}
TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "integer": "a whole number",
}


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """The validator of a shipped schema. Not checked against the meta-schema here (0.1 s of every run that parses
    a metadata file, an edit's every run): tests/test_check_messages.py checks each schema so."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_problems(document: YamlDocument, schema_name: str) -> list[Problem]:
    """Every schema violation, unplaced (see common/problems.py)."""
    found = []
    errors = validator(schema_name).iter_errors(document.data)
    for error in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        found.extend(_explain(error, document))
    return found


def _explain(error: jsonschema.ValidationError, document: YamlDocument) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = f" in {_describe(path)}" if path else ""
    kind = error.validator
    if kind == "additionalProperties":
        return _unknown_keys(error, document, path)
    if kind == "propertyNames":
        return []  # reported through the nested error below
    line, column = document.where(path)
    if kind == "required":
        missing = error.message.split("'")[1]
        return [unplaced(line, column, f"missing required key '{missing}'{where}", f"add {missing}: to this mapping")]
    if kind == "oneOf":
        relevant = [e for e in error.context if e.validator not in ("type", "oneOf")]
        if relevant:
            return _explain(relevant[0], document)
    if kind in ("type", "oneOf"):
        return [unplaced(line, column, *_wrong_type(error, document, path))]
    if kind == "enum":
        assert isinstance(error.validator_value, list)  # the meta-schema lets an enum be nothing but a list
        allowed = ", ".join(map(str, error.validator_value))
        return [
            unplaced(
                line, column, f"{_describe(path)} is {error.instance!r}, which is not allowed", f"use one of: {allowed}"
            )
        ]
    if kind == "pattern":
        return [unplaced(line, column, *_bad_pattern(error, path))]
    if kind == "maxLength":
        return [
            unplaced(
                line,
                column,
                f"{_describe(path)} is longer than {error.validator_value:,} characters",
                "shorten it; long text belongs in the seed, not the metadata",
            )
        ]
    if kind in ("minLength", "minItems"):
        return [unplaced(line, column, f"{_describe(path)} is empty", "fill it in, or remove the key")]
    if kind == "uniqueItems":
        return [unplaced(line, column, f"{_describe(path)} lists the same value twice", "remove the repeated value")]
    return [unplaced(line, column, f"{_describe(path)}: {error.message}", "see the schema in generator/schemas/")]


def _unknown_keys(
    error: jsonschema.ValidationError, document: YamlDocument, path: tuple[str | int, ...]
) -> list[Problem]:
    assert isinstance(error.schema, Mapping) and isinstance(error.instance, dict)  # additionalProperties: of an object
    allowed = sorted(error.schema.get("properties", {}))
    found = []
    for key in sorted(set(error.instance) - set(allowed)):
        line, column = document.where_key((*path, key))
        close = difflib.get_close_matches(key, allowed, n=1)
        suggestion = f"did you mean '{close[0]}'? " if close else ""
        where = f" in {_describe(path)}" if path else ""
        found.append(
            unplaced(line, column, f"unknown key '{key}'{where}", f"{suggestion}allowed keys: {', '.join(allowed)}")
        )
    return found


def _wrong_type(
    error: jsonschema.ValidationError, document: YamlDocument, path: tuple[str | int, ...]
) -> tuple[str, str]:
    assert isinstance(error.schema, Mapping)  # the schema that holds the "type" or "oneOf"
    expected = _expected_types(error.schema)
    raw = document.plain_scalars.get(path)
    value = error.instance
    if value is None and not raw:
        return f"{_describe(path)} has no value", "write a value after the colon, or remove the key"
    if raw is not None and "text" in expected and type(value) in YAML_MISREADS:
        shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else value
        message = YAML_MISREADS[type(value)].format(raw=raw, value=shown)
        return f"{_describe(path)}: {message}, not text", f'put it in quotes: "{raw}"'
    got = TYPE_NAMES.get(_json_type(value), _json_type(value))
    return f"{_describe(path)} should be {' or '.join(expected)}, not {got}", "fix the value's type"


def _expected_types(schema: Mapping[str, Any]) -> list[str]:
    options = schema.get("oneOf") or [schema]
    names = []
    for option in options:
        kind = option.get("type")
        if kind is None and "$ref" in option:
            kind = "string" if option["$ref"].endswith(("date", "text", "slug", "source_id")) else "object"
        if kind is None and "enum" in option:
            kind = "string"
        names.append(TYPE_NAMES.get(kind, str(kind)))
    return list(dict.fromkeys(names))


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _bad_pattern(error: jsonschema.ValidationError, path: tuple[str | int, ...]) -> tuple[str, str]:
    pattern = error.validator_value
    assert isinstance(pattern, str)  # the meta-schema lets a pattern be nothing but a string
    value = error.instance
    if "\\d{4}" in pattern or "[0-9]{4}" in pattern:
        return f"{_describe(path)} '{value}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD, in quotes"
    if "@" in pattern and "https?" in pattern:  # briefing.yml's contact: either way of reaching the editors
        return (
            f"{_describe(path)} '{value}' is neither an email address nor a web address",
            "write an email address such as desk@example.org, or a full https:// address",
        )
    if "https?" in pattern:
        return f"{_describe(path)} '{value}' is not a web address", "write a full http:// or https:// address, or null"
    if pattern.startswith("^[\\w]"):
        return (
            f"{_describe(path)} '{value}' has characters a display name cannot have",
            "use letters, digits, spaces and , . ' ’ ( ) / – - only",
        )
    if pattern == "^[a-z]{2}$":
        return f"{_describe(path)} '{value}' is not a language code", "write its ISO 639-1 code, e.g. ru or en"
    if "[0-9]{2}$" in pattern:
        return f"{_describe(path)} '{value}' is not a two-digit number", 'write it as "01" to "99", in quotes'
    return (
        f"{_describe(path)} '{value}' is not a valid name",
        "use lower-case letters, digits and hyphens, e.g. kazakhstan",
    )


def _describe(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the file"
    parts: list[str] = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else ("." if parts else "") + str(part))
    return "".join(parts)
