"""Load YAML safely, keeping the line and column of every value.

Only plain data is accepted: mappings, sequences and scalars with standard tags.
Aliases (*name) are rejected: they are never needed in metadata and are the
vehicle of "billion laughs" bombs; an anchor (&name) that nothing reuses is
harmless and ignored. Duplicate keys are rejected too, which PyYAML would
otherwise resolve silently by keeping the last one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import yaml

from generator.common.problems import Problem, unplaced

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
TIMESTAMP = "tag:yaml.org,2002:timestamp"
STR = "tag:yaml.org,2002:str"
# Metadata needs a handful of levels; far deeper nesting is hostile and would exhaust the stack: Python's in
# our walker, the C stack in libyaml's recursive composer (a segmentation fault near 50,000 levels).
MAX_DEPTH = 100
TOO_DEEP = f"the value is nested more than {MAX_DEPTH} levels deep"
FLATTEN = "flatten it: metadata needs only a few levels"

Path_: TypeAlias = tuple[str | int, ...]  # a path into the data: keys and list indexes


class PlacesText(Mapping[Path_, Any]):
    """Places by path, as the parse cache stores them ([[path, value], ...], places_to_json), read and decoded only
    when asked, which is when a problem is placed: decoded for every file, the places of 1,000 metadata files took
    15 MB while the model was built, more than their data, and reading them took a tenth of every run's reading."""

    def __init__(self, stored: Callable[[], list[Any]]) -> None:
        self._stored = stored
        self._decoded: dict[Path_, Any] | None = None

    def _places(self) -> dict[Path_, Any]:
        if self._decoded is None:
            self._decoded = {
                tuple(path): tuple(value) if isinstance(value, list) else value for path, value in self._stored()
            }
        return self._decoded

    def __getitem__(self, path: Path_) -> Any:
        return self._places()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._places())

    def __len__(self) -> int:
        return len(self._places())


@dataclass
class YamlDocument:
    """Plain data plus where each value was written."""

    data: Any
    positions: Mapping[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: Mapping[Path_, tuple[int, int]] = field(default_factory=dict)
    plain_scalars: Mapping[Path_, str] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at path, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.where(path)


def places_to_json(places: Mapping[Path_, Any]) -> list[Any]:
    """Places as plain data for the parse cache (PlacesText reads them back): a value that is a tuple (line and
    column) becomes a list."""
    return [[list(path), list(value) if isinstance(value, tuple) else value] for path, value in places.items()]


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse_yaml(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; return it with every problem found."""
    too_deep = _too_deep(text)
    if too_deep is not None:
        return None, [too_deep]
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text)]
    except yaml.YAMLError as error:
        return None, [unplaced(1, 1, f"YAML error: {error}")]
    if root is None:
        return None, [unplaced(1, 1, "the file has no content", "write a mapping of keys to values")]
    walker = _Walker(loader)
    data = walker.walk(root, ())
    loader.dispose()
    return walker.document(data), walker.problems


def _too_deep(text: str) -> Problem | None:
    """Nesting beyond MAX_DEPTH, found on the event stream before anything is composed.

    libyaml's parser keeps its nesting on the heap, so this scan is safe at any depth; its composer recurses
    on the C stack, and it alone would crash. A syntax error met first is left for the composer to report.
    """
    depth = 0  # collections open around the next event; the root collection is level 0, as in _Walker
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    mark = event.start_mark
                    assert mark is not None  # the parser marks every event it emits
                    return unplaced(mark.line + 1, mark.column + 1, TOO_DEEP, FLATTEN)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error before any excess depth: the composer reports it, as it always has
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = error.context_mark
    if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return unplaced(
            line,
            column,
            "YAML syntax error: a tab character, where YAML allows only spaces",
            "replace the tab with spaces",
        )
    # Where PyYAML gives up can be far below the mistake, so name where the construct began.
    if opened and error.context == "while scanning a quoted scalar" and "end of stream" in (error.problem or ""):
        return unplaced(
            line,
            column,
            f"YAML syntax error: a quoted value opened at {_place(opened)} is never closed",
            "end the value with the same quote mark that opens it",
        )
    message = " ".join(filter(None, [error.context, error.problem]))
    if opened and mark and opened.line != mark.line and (error.context or "").startswith("while "):
        message = f"{error.problem} ({error.context} that starts at {_place(opened)})"
    return unplaced(
        line,
        column,
        f"YAML syntax error: {message}",
        "check indentation, and quote values containing ': ' or starting with a special character",
    )


def _place(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


class _Walker:
    """Turns a node tree into plain data, recording positions and problems."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.seen: set[int] = set()
        self.reported: set[int] = set()
        self.too_deep = False  # reported once, however many values are too deep
        self.problems: list[Problem] = []
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.plain_scalars: dict[Path_, str] = {}

    def document(self, data: Any) -> YamlDocument:
        return YamlDocument(data, self.positions, self.key_positions, self.plain_scalars)

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(unplaced(*_position(node), message, hint))

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            if id(node) in self.reported:
                return None  # one message per reused value, however often it is reused
            self.reported.add(id(node))
            self.problem(
                node,
                "aliases (*name) are not allowed: this value is reused by an alias",
                "write the value out in full where it is needed",
            )
            return None
        self.seen.add(id(node))
        self.positions[path] = _position(node)
        if len(path) > MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.problem(node, TOO_DEEP, FLATTEN)
            return None
        if node.tag not in STANDARD_TAGS:
            self.problem(node, f"the tag {node.tag} is not allowed", "remove the tag; only plain YAML data is accepted")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.walk_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes no other kind of node
        return self.walk_scalar(node, path)

    def walk_mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "keys must be plain words", "write the key as a plain word such as title")
                continue
            if key_node.tag not in STANDARD_TAGS:
                self.problem(key_node, f"the tag {key_node.tag} is not allowed on a key", "remove the tag")
                continue
            key = key_node.value
            line, column = _position(key_node)
            if key in result:
                self.problems.append(
                    unplaced(
                        line,
                        column,
                        f"duplicate key '{key}' (first written on line {first_line[key]})",
                        "keep one of the two; YAML would silently drop the first",
                    )
                )
                continue
            first_line[key] = line
            self.key_positions[(*path, key)] = (line, column)
            result[key] = self.walk(value_node, (*path, key))
        return result

    def walk_scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if not node.style and node.tag != STR:  # plain (unquoted) and not read as text
            self.plain_scalars[path] = node.value
        if node.tag == TIMESTAMP:
            return node.value  # dates stay text; the model parses and checks them
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            self.problem(node, f"cannot read the value {node.value!r}: {error}", "put the value in quotes")
            return None
