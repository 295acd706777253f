"""Read a decision matrix from a spreadsheet (CSV or XLSX) for ``decisionroom rank``.

Layout: the header row names the factors (its first cell is free), the first
column names the options, and optional rows whose first cell is ``direction``
(``max``/``min``) or ``weight`` set directions and weights. Every problem is
reported with its row and column, as a spreadsheet user sees them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from decisionroom.errors import ErrorDetail, InvalidParameter, InvalidSpreadsheet, UnreadableFile

#: The limits of a decision matrix and why they were chosen: docs/limits.md.
MAX_BYTES = 10 * 1024 * 1024
#: Bytes an .xlsx archive may unpack to (its sheet XML, styles and strings).
MAX_UNPACKED = 100_000_000
#: Parts (files) in an .xlsx archive; a workbook has a few dozen.
MAX_PARTS = 1_000
#: Characters of an id made from a name (ids are at most 100 characters).
_SLUG_LENGTH = 60
_DIRECTIONS = {"max": "max", "benefit": "max", "+": "max", "min": "min", "cost": "min", "-": "min"}


def column_letter(index: int) -> str:
    """0-based column index to a spreadsheet letter: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def slug(name: str) -> str:
    """A readable id from a name: lower case, words joined by underscores."""
    text = re.sub(r"[^A-Za-z0-9]+", "_", name.strip().lower()).strip("_")
    return text[:_SLUG_LENGTH].rstrip("_") or "item"


def unique_ids(names: Sequence[str]) -> list[str]:
    """Ids for names: each name's slug, numbered when two names share one."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = slug(name)
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(base if count == 0 else f"{base}_{count + 1}")
    return out


def _read_rows(path: Path) -> list[list[Any]]:
    from decisionroom.files import read_input

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".tsv", ".txt"):
        raise UnreadableFile.at(
            str(path),
            "A decision matrix must be a .csv or .xlsx file.",
            code="file_type",
            input=path.suffix,
        )
    raw = read_input(path, limit=MAX_BYTES, what="a decision matrix")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(raw, str(path))
    return _read_csv(raw, str(path))


def _read_csv(raw: bytes, source: str) -> list[list[Any]]:
    if b"\x00" in raw:
        raise UnreadableFile.at(source, "This is not a text (CSV) file.", code="binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile.at(
            source, f"The file is not UTF-8 text (byte {exc.start}).", code="encoding"
        ) from None
    if not text.strip():
        raise InvalidSpreadsheet.at(source, "The file is empty.", code="empty")
    # old Mac files end lines with a bare carriage return; the csv module wants \n
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return [list(row) for row in reader]
    except csv.Error as exc:
        raise InvalidSpreadsheet.at(
            f"{source}: row {reader.line_num}", f"This row is not valid CSV: {exc}.", code="csv"
        ) from None


def _read_xlsx(raw: bytes, source: str) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            _check_unpacked(archive, source)
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _not_xlsx(source, exc) from None
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise InvalidSpreadsheet.at(source, "The workbook has no worksheet.", code="empty")
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except InvalidSpreadsheet:
        raise
    # A damaged archive or sheet fails deep inside zlib, the XML parser or openpyxl
    # with many exception types; each means the same to the user (found by the fuzz
    # tests, tests/hostile/test_fuzz.py).
    except Exception as exc:  # noqa: BLE001
        raise _not_xlsx(source, exc) from None


def _not_xlsx(source: str, exc: Exception) -> UnreadableFile:
    reason = str(exc).strip().rstrip(".")[:200] or type(exc).__name__
    return UnreadableFile.at(
        source, f"This is not a readable Excel .xlsx file ({reason}).", code="xlsx"
    )


def _check_unpacked(archive: Any, source: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_UNPACKED` bytes.

    An .xlsx file is a zip archive; XML compresses a hundredfold or more, so a
    small file can hold gigabytes of sheet XML. The sizes are read from the
    archive's directory before anything is unpacked (docs/limits.md).
    """
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise UnreadableFile.at(
            source,
            f"The workbook has {len(entries):,} parts; at most {MAX_PARTS:,} are allowed.",
            code="too_large",
        )
    total = sum(max(0, e.file_size) for e in entries)
    if total > MAX_UNPACKED:
        raise UnreadableFile.at(
            source,
            f"The workbook unpacks to {total / 1e6:,.0f} MB; a decision matrix may unpack to "
            f"at most {MAX_UNPACKED / 1e6:.0f} MB.",
            code="too_large",
        )


def _short(name: str, where: str, problems: list[ErrorDetail]) -> str:
    """The name, or a problem when it is longer than a decision file allows."""
    from decisionroom.model.decision import MAX_NAME

    if len(name) <= MAX_NAME:
        return name
    problems.append(
        ErrorDetail(
            where,
            "too_long",
            f"A name may be at most {MAX_NAME} characters; this one has {len(name):,}.",
        )
    )
    return name[:MAX_NAME]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            x = float(value.strip())
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def read_matrix(
    path: Path | str, *, weights: str | None = None, directions: str | None = None
) -> tuple[Any, list[ErrorDetail]]:
    """Read a spreadsheet into a :class:`~decisionroom.model.decision.Decision` and warnings.

    Raises:
        UnreadableFile: the file is missing, too large or not CSV/XLSX.
        InvalidSpreadsheet: cells are missing or not numbers (row and column named).
        InvalidParameter: ``weights`` or ``directions`` do not fit the factors.
    """
    from decisionroom.model.decision import Decision

    path = Path(path)
    rows = _read_rows(path)
    warnings: list[ErrorDetail] = []
    data = parse_rows(rows, path.name, weights=weights, directions=directions, warnings=warnings)
    try:
        return Decision.model_validate(data), warnings
    except ValidationError as exc:  # parse_rows checks every cell; this is a safety net
        from decisionroom.model._plain_errors import from_pydantic

        raise InvalidSpreadsheet(from_pydantic(exc, (), Decision)) from None


def parse_rows(
    rows: list[list[Any]],
    title: str,
    *,
    weights: str | None = None,
    directions: str | None = None,
    warnings: list[ErrorDetail] | None = None,
) -> dict[str, Any]:
    """Turn spreadsheet rows into decision-file data; collect every problem."""
    numbered = [(i + 1, row) for i, row in enumerate(rows) if any(not _blank(c) for c in row)]
    if not numbered:
        raise InvalidSpreadsheet.at("row 1", "The spreadsheet is empty.", code="empty")
    header_no, header = numbered[0]
    while header and _blank(header[-1]):
        header = header[:-1]
    problems: list[ErrorDetail] = []
    factor_names: list[str] = []
    for j, cell in enumerate(header[1:], start=1):
        where = f"row {header_no}, column {column_letter(j)}"
        if _blank(cell):
            problems.append(ErrorDetail(where, "empty_header", "The factor name is empty."))
            factor_names.append(f"factor {column_letter(j)}")
        else:
            name = _short(str(cell).strip(), where, problems)
            if name in factor_names:
                problems.append(
                    ErrorDetail(
                        where, "duplicate_factor", "This factor name appears twice.", input=name
                    )
                )
            factor_names.append(name)
    if not factor_names:
        raise InvalidSpreadsheet.at(
            f"row {header_no}",
            "The header row must name at least one factor after the first column.",
            code="no_factors",
        )
    m = len(factor_names)
    row_directions: list[str] | None = None
    row_weights: list[float] | None = None
    option_names: list[str] = []
    seen_options: set[str] = set()
    values: list[list[float]] = []
    for row_no, row in numbered[1:]:
        label = "" if _blank(row[0]) else str(row[0]).strip()
        cells = list(row[1 : m + 1]) + [None] * max(0, m - len(row) + 1)
        extra = [c for c in row[m + 1 :] if not _blank(c)]
        if extra:
            problems.append(
                ErrorDetail(
                    f"row {row_no}, column {column_letter(m + 1)}",
                    "extra_cell",
                    "This cell is outside the factor columns of the header row.",
                    input=extra[0],
                )
            )
        key = label.lower()
        if key in ("direction", "directions"):
            row_directions = []
            for j, cell in enumerate(cells, start=1):
                d = _DIRECTIONS.get(str(cell).strip().lower()) if not _blank(cell) else None
                if d is None:
                    problems.append(
                        ErrorDetail(
                            f"row {row_no}, column {column_letter(j)} ({factor_names[j - 1]})",
                            "direction",
                            "A direction must be 'max' or 'min'.",
                            input=cell,
                        )
                    )
                    d = "max"
                row_directions.append(d)
            continue
        if key in ("weight", "weights"):
            row_weights = []
            for j, cell in enumerate(cells, start=1):
                x = _number(cell)
                if x is None or x <= 0:
                    problems.append(
                        ErrorDetail(
                            f"row {row_no}, column {column_letter(j)} ({factor_names[j - 1]})",
                            "weight",
                            "A weight must be a positive number.",
                            input=cell,
                        )
                    )
                    x = 1.0
                row_weights.append(x)
            continue
        where = f"row {row_no}, column A"
        label = _short(label, where, problems)
        if not label:
            problems.append(ErrorDetail(where, "empty_option", "The option name is empty."))
            label = f"option in row {row_no}"
        elif label in seen_options:
            problems.append(
                ErrorDetail(
                    where, "duplicate_option", "This option name appears twice.", input=label
                )
            )
        option_names.append(label)
        seen_options.add(label)
        numbers = []
        for j, cell in enumerate(cells, start=1):
            x = _number(cell)
            if x is None:
                at = f"row {row_no}, column {column_letter(j)} ({factor_names[j - 1]})"
                msg = "The value is missing." if _blank(cell) else "The value is not a number."
                problems.append(
                    ErrorDetail(at, "number", msg, **({} if _blank(cell) else {"input": cell}))
                )
                x = 0.0
            numbers.append(x)
        values.append(numbers)
    if len(option_names) < 2:
        problems.append(
            ErrorDetail(
                "column A",
                "too_few_options",
                f"A ranking needs at least 2 options; found {len(option_names)}.",
            )
        )
    if problems:
        raise InvalidSpreadsheet(problems)

    factor_ids = unique_ids(factor_names)
    option_ids = unique_ids(option_names)
    final_directions = _override(directions, factor_names, factor_ids, "--directions", _direction)
    if final_directions is None:
        final_directions = row_directions
    if final_directions is None:
        final_directions = ["max"] * m
        if warnings is not None:
            warnings.append(
                ErrorDetail(
                    "direction",
                    "warn_no_directions",
                    "No direction row or --directions given: every factor is treated "
                    "as more-is-better (max).",
                )
            )
    final_weights = _override(weights, factor_names, factor_ids, "--weights", _weight)
    if final_weights is None:
        final_weights = row_weights
    data: dict[str, Any] = {
        "decisionroom": 1,
        "title": title,
        "factors": [
            {"id": fid, "name": name, "direction": d, "why": ""}
            for fid, name, d in zip(factor_ids, factor_names, final_directions, strict=True)
        ],
        "options": [
            {"id": oid, "name": name, "kind": "external"}
            for oid, name in zip(option_ids, option_names, strict=True)
        ],
        "performance": {
            oid: dict(zip(factor_ids, row, strict=True))
            for oid, row in zip(option_ids, values, strict=True)
        },
    }
    if final_weights is not None:
        data["weights"] = dict(zip(factor_ids, final_weights, strict=True))
    return data


def _direction(text: str) -> str | None:
    return _DIRECTIONS.get(text.strip().lower())


def _weight(text: str) -> float | None:
    x = _number(text)
    return x if x is not None and x > 0 else None


def _override(
    spec: str | None,
    names: list[str],
    ids: list[str],
    loc: str,
    parse: Any,
) -> list[Any] | None:
    """Parse ``--weights``/``--directions``: a list in factor order, or name=value pairs."""
    if spec is None:
        return None
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    what = "a positive number" if loc == "--weights" else "'max' or 'min'"
    problems: list[ErrorDetail] = []
    if parts and all("=" in p for p in parts):
        lookup = {n.lower(): i for i, n in enumerate(names)} | {x: i for i, x in enumerate(ids)}
        out: list[Any] = [None] * len(names)
        for p in parts:
            key, _, raw = p.partition("=")
            idx = lookup.get(key.strip().lower(), lookup.get(key.strip()))
            if idx is None:
                problems.append(
                    ErrorDetail(
                        loc,
                        "unknown_factor",
                        f"There is no factor {key.strip()!r}; the factors are {', '.join(names)}.",
                        input=p,
                    )
                )
                continue
            value = parse(raw)
            if value is None:
                problems.append(
                    ErrorDetail(
                        f"{loc} {key.strip()}", "value", f"The value must be {what}.", input=raw
                    )
                )
            out[idx] = value
        missing = [names[i] for i, v in enumerate(out) if v is None]
        if missing and not problems:
            problems.append(
                ErrorDetail(
                    loc,
                    "missing_factor",
                    f"Give a value for every factor; missing: {', '.join(missing)}.",
                )
            )
    else:
        if len(parts) != len(names):
            raise InvalidParameter.at(
                loc,
                f"Give {len(names)} values, one per factor in column order "
                f"({', '.join(names)}), or name=value pairs.",
                code="count",
                input=spec,
            )
        out = []
        for name, p in zip(names, parts, strict=True):
            value = parse(p)
            if value is None:
                problems.append(
                    ErrorDetail(f"{loc} {name}", "value", f"The value must be {what}.", input=p)
                )
            out.append(value)
    if problems:
        raise InvalidParameter(problems)
    return out
