"""Read a YAML file so that every error names the file, the line and the field.

`yaml.safe_load` forgets where a value came from; here we compose the node tree and
walk it, so "minutes must be a positive number" can say "line 14, sections[1].items[0]".
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from agenda.errors import InputError


class Node:
    """A YAML node with its place in the file, read field by field."""

    def __init__(self, node: yaml.Node, source: str, path: str = "") -> None:
        self._node = node
        self.source = source
        self.path = path
        # Where each key of a mapping was written: an unknown field is reported on its
        # own line, not on the line where its (block) value begins.
        self.key_lines: dict[str, int] = {}

    @property
    def line(self) -> int:
        return int(self._node.start_mark.line) + 1

    def error(self, code: str, **params: Any) -> InputError:
        """An error at this node: its line, and its path said before what is wrong."""
        return InputError(
            code, source=self.source, line=self.line, field=self.path or None, **params
        )

    # --- shapes -------------------------------------------------------------------------
    def is_mapping(self) -> bool:
        return isinstance(self._node, yaml.MappingNode)

    def mapping(self) -> dict[str, Node]:
        if not isinstance(self._node, yaml.MappingNode):
            raise self.error("yaml.not_a_mapping")
        result: dict[str, Node] = {}
        for key_node, value_node in self._node.value:
            key = str(key_node.value)
            if key in result:
                raise Node(key_node, self.source, self._child(key)).error("yaml.key_twice")
            result[key] = Node(value_node, self.source, self._child(key))
            self.key_lines[key] = int(key_node.start_mark.line) + 1
        return result

    def sequence(self) -> list[Node]:
        if not isinstance(self._node, yaml.SequenceNode):
            raise self.error("yaml.not_a_list")
        return [
            Node(item, self.source, f"{self.path}[{index}]")
            for index, item in enumerate(self._node.value)
        ]

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    # --- scalars ------------------------------------------------------------------------
    def _scalar(self) -> Any:
        if not isinstance(self._node, yaml.ScalarNode):
            raise self.error("yaml.not_a_value")
        # Construct the value from the node itself: serializing an empty scalar (`key:`)
        # and loading it again does not round-trip and raised a bare ParserError.
        try:
            return yaml.constructor.SafeConstructor().construct_object(self._node)
        except yaml.YAMLError as error:  # a tag like `!foo` or `!!python/object`
            problem = getattr(error, "problem", None) or str(error)
            raise self.error("yaml.unreadable_value", problem=problem) from None

    def text(self) -> str:
        value = self._scalar()
        if value is None or str(value).strip() == "":
            raise self.error("yaml.empty")
        return str(value).strip()

    def number(self, *, positive: bool = False, minimum: float | None = None) -> float:
        value = self._scalar()
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error("yaml.not_a_number", value=_said(value))
        if not math.isfinite(value):
            raise self.error("yaml.not_a_number", value=_said(value))
        if positive and value <= 0:
            raise self.error("yaml.not_positive", value=_said(value))
        if minimum is not None and value < minimum:
            raise self.error("yaml.below_minimum", minimum=f"{minimum:g}", value=_said(value))
        return float(value)

    def whole(self) -> int:
        """A whole number, not negative (an order, a count)."""
        value = self._scalar()
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error("yaml.not_whole", value=_said(value))
        return value

    def boolean(self) -> bool:
        value = self._scalar()
        if not isinstance(value, bool):
            raise self.error("yaml.not_boolean", value=_said(value))
        return value

    def choice(self, choices: tuple[str, ...]) -> str:
        value = self.text()
        if value not in choices:
            raise self.error("yaml.not_a_choice", value=value, choices=", ".join(choices))
        return value


def _said(value: Any) -> str:
    """A value as the file wrote it, for a message: 'many', 1.5, null."""
    return "null" if value is None else repr(value) if isinstance(value, str) else str(value)


class Fields:
    """The fields of a mapping node: required, optional, and nothing unknown."""

    def __init__(self, node: Node, known: tuple[str, ...]) -> None:
        self.node = node
        self.fields = node.mapping()
        for key, value in self.fields.items():
            if key not in known:
                raise InputError(
                    "yaml.unknown_field",
                    source=value.source,
                    line=node.key_lines[key],
                    field=value.path,
                    known=", ".join(known),
                )

    def required(self, key: str) -> Node:
        if key not in self.fields:
            raise self.node.error("yaml.missing_field", name=key)
        return self.fields[key]

    def optional(self, key: str) -> Node | None:
        return self.fields.get(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)


def load(path: Path | str, text: str | None = None) -> Node:
    """Parse a YAML file (or its text) into a Node; syntax errors name the line."""
    source = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("import.no_such_file", source=source) from None
        except UnicodeDecodeError:
            raise InputError("yaml.not_utf8", source=source) from None
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise InputError("import.unreadable", source=source, reason=reason) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or ""
        raise InputError("yaml.not_yaml", source=source, line=line, problem=problem) from None
    if node is None:
        raise InputError("import.empty_file", source=source)
    return Node(node, source)


def labels(node: Node) -> dict[str, str]:
    """A label in Chinese and English: `{zh: 签约项目, en: Projects signed}` or one string."""
    if not node.is_mapping():
        text = node.text()
        return {"zh": text, "en": text}
    fields = Fields(node, ("zh", "en"))
    zh = fields.required("zh").text()
    en_node = fields.optional("en")
    return {"zh": zh, "en": en_node.text() if en_node else zh}
