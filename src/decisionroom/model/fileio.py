"""Read and write decision files (YAML or JSON; DESIGN contract 1).

Reading never shows a traceback: a file that cannot be read or parsed raises
:class:`~decisionroom.errors.UnreadableFile`, one that parses but breaks the
rules raises :class:`~decisionroom.errors.InvalidDecision` with every problem.
Writing keeps the keys in the contract's order and only what the file holds,
so ``load -> dump -> load`` gives an equal decision and dumping twice gives the
same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from decisionroom.errors import UnreadableFile
from decisionroom.model.decision import Decision

__all__ = ["MAX_BYTES", "dump", "dumps", "load", "loads", "parse", "read", "to_data"]

#: The limits of a decision file and why they were chosen: docs/limits.md.
MAX_BYTES = 10 * 1024 * 1024
#: Values after YAML aliases are expanded; stops "billion laughs" files.
MAX_NODES = 2_000_000
#: Characters of text after YAML aliases are expanded: what every view and brief
#: lays out is bounded by what the file could hold written out in full.
MAX_EXPANDED_CHARS = 20_000_000
#: Levels of nesting; a decision file needs six.
MAX_DEPTH = 50
Format = Literal["yaml", "json"]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_Base):  # type: ignore[misc]
    """Safe YAML loader that refuses duplicate keys and keeps dates as text."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key_node.value!r} appears twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


# A horizon such as 2027-06-30 stays the text the user wrote, not a date object.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, lists of plain values as flow lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: Any, data: list[Any]) -> Any:
    flat = all(not isinstance(x, list | dict) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


def _represent_dict(dumper: Any, data: dict[str, Any]) -> Any:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)


def _represent_str(dumper: Any, data: str) -> Any:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(str, _represent_str)


def read(path: str | os.PathLike[str]) -> Any:
    """Read a file (or standard input for ``-``) and parse it as YAML or JSON.

    The format follows the suffix (``.json``; YAML otherwise); standard input
    is JSON when it starts with ``{``, YAML otherwise.

    Raises:
        UnreadableFile: missing, not a regular file, too large, binary, empty,
            or a syntax error.
    """
    from decisionroom.files import is_stdio, read_input

    raw = read_input(path, limit=MAX_BYTES, what="a decision file")
    if is_stdio(path):
        fmt: Format = "json" if raw.lstrip()[:1] == b"{" else "yaml"
        return parse(raw, fmt, source="<stdin>")
    fmt = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    return parse(raw, fmt, source=os.fspath(path))


def parse(text: str | bytes, fmt: Format = "yaml", *, source: str = "") -> Any:
    """Parse decision-file text into plain data (dicts, lists, numbers, text).

    Raises:
        UnreadableFile: too large, binary, empty, or a syntax error (line, column).
    """
    if isinstance(text, bytes):
        _check_size(len(text), source)
        text = _decode(text, source)
    else:
        _check_size(len(text), source)
    if "\x00" in text:
        raise UnreadableFile.at(source, _NOT_TEXT + " (it contains NUL bytes).", code="binary")
    if not text.strip():
        raise UnreadableFile.at(source, "The file is empty.", code="empty")
    try:
        data = _parse_json(text, source) if fmt == "json" else _parse_yaml(text, source)
        _check_nodes(data, source)
    except RecursionError:
        raise UnreadableFile.at(source, "The file is nested too deeply.", code="nesting") from None
    if data is None:
        raise UnreadableFile.at(source, "The file is empty: it holds only comments.", code="empty")
    return data


_NOT_TEXT = "This is not a text file; a decision file is YAML or JSON text"


def _check_size(size: int, source: str) -> None:
    if size > MAX_BYTES:
        raise UnreadableFile.at(
            source,
            f"The file is {size / 1e6:.1f} MB; a decision file may be at most "
            f"{MAX_BYTES / 1e6:.0f} MB.",
            code="too_large",
        )


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw:
        raise UnreadableFile.at(source, _NOT_TEXT + " (it contains NUL bytes).", code="binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile.at(
            source,
            f"{_NOT_TEXT} in UTF-8 (byte {exc.start} is not UTF-8).",
            code="encoding",
        ) from None


def _parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise UnreadableFile.at(
            source, f"The YAML is not valid{where}: {problem}.", code="yaml_syntax"
        ) from None
    except yaml.YAMLError as exc:
        raise UnreadableFile.at(
            source, f"The YAML is not valid: {exc}.", code="yaml_syntax"
        ) from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    pass


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        before = text[: exc.pos].rstrip()
        at = text[exc.pos : exc.pos + 1]
        if before.endswith(",") and at in ("}", "]"):
            problem = f"a comma before '{at}' is not allowed in JSON (remove the trailing comma)"
        else:
            problem = exc.msg[:1].lower() + exc.msg[1:]
        raise UnreadableFile.at(
            source,
            f"The JSON is not valid at line {exc.lineno}, column {exc.colno}: {problem}.",
            code="json_syntax",
        ) from None
    except _DuplicateKey as exc:
        raise UnreadableFile.at(
            source,
            f"The JSON is not valid: the key {exc.args[0]!r} appears twice in one object.",
            code="json_syntax",
        ) from None


def _check_nodes(data: Any, source: str) -> None:
    """Refuse data that expands too far: too many values, too much text, too deep.

    YAML aliases let a small file name the same list or text many times; the
    parsed data shares them, but every view and brief writes each copy out.
    So each shared part is counted once per place it appears.
    """
    sizes: dict[int, tuple[int, int]] = {}

    def count(x: Any, depth: int) -> tuple[int, int]:
        if isinstance(x, str):
            return 1, len(x)
        if not isinstance(x, list | dict):
            return 1, 8  # a number, a bool or null is at most a few characters
        if depth > MAX_DEPTH:
            raise UnreadableFile.at(
                source,
                f"The file is nested more than {MAX_DEPTH} levels deep; a decision file needs "
                "about six.",
                code="nesting",
            )
        known = sizes.get(id(x))
        if known is not None:
            return known
        items = x.values() if isinstance(x, dict) else x
        nodes = 1
        chars = sum(len(str(k)) for k in x) if isinstance(x, dict) else 0
        for item in items:
            n, c = count(item, depth + 1)
            nodes, chars = nodes + n, chars + c
        sizes[id(x)] = (nodes, chars)
        return nodes, chars

    nodes, chars = count(data, 0)
    if nodes > MAX_NODES:
        raise UnreadableFile.at(
            source,
            f"The file expands to more than {MAX_NODES:,} values (through YAML aliases); "
            "a decision file is much smaller.",
            code="too_large",
        )
    if chars > MAX_EXPANDED_CHARS:
        raise UnreadableFile.at(
            source,
            f"The file expands to {chars / 1e6:,.0f} million characters of text through YAML "
            f"aliases; at most {MAX_EXPANDED_CHARS / 1e6:.0f} million are allowed, about twice "
            "the largest file written out in full.",
            code="too_large",
        )


def loads(text: str | bytes, fmt: Format = "yaml", *, source: str = "") -> Decision:
    """Parse and validate decision-file text.

    Raises:
        UnreadableFile: the text cannot be parsed.
        InvalidDecision: the data breaks the schema or its rules (every problem).
    """
    from decisionroom.model.validate import validate

    return validate(parse(text, fmt, source=source))


def load(path: str | os.PathLike[str]) -> Decision:
    """Read, parse and validate a decision file.

    Raises:
        UnreadableFile: the file cannot be read or parsed.
        InvalidDecision: the data breaks the schema or its rules (every problem).
    """
    from decisionroom.model.validate import validate

    return validate(read(path))


def to_data(decision: Decision) -> dict[str, Any]:
    """The decision as plain data holding exactly the keys it was given."""
    return decision.model_dump(mode="json", exclude_unset=True)


def dumps(decision: Decision | Mapping[str, Any], fmt: Format = "yaml") -> str:
    """The decision as YAML (block style, flow lists for ranges) or JSON text."""
    data = to_data(decision) if isinstance(decision, Decision) else dict(decision)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}; use 'yaml' or 'json'")
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2
    )
    return text


def dump(
    decision: Decision | Mapping[str, Any],
    path: str | os.PathLike[str],
    fmt: Format | None = None,
    *,
    overwrite: bool = True,
) -> None:
    """Write a decision file; the format follows the suffix (``.json`` or YAML).

    The file is written next to its target and renamed into place only when
    complete, so a crash never leaves half a file behind
    (:func:`decisionroom.files.write_output`).
    """
    from decisionroom.files import write_output

    p = Path(path)
    chosen: Format = fmt or ("json" if p.suffix.lower() == ".json" else "yaml")
    write_output(p, dumps(decision, chosen).encode("utf-8"), overwrite=overwrite, loc="")
