"""Reading a CRM's CSV export: header recognition, line numbers, size cap."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from decisionroom.errors import ErrorDetail, InvalidInput, UnreadableFile

__all__ = ["Row", "Table", "read_table"]

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Row:
    """One data row: its line number in the file and its cells by known column."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The trimmed cell of a known column ('' when absent)."""
        return self.cells.get(column, "").strip()


@dataclass
class Table:
    """A CSV file with its recognised columns."""

    source: str
    rows: list[Row]
    ignored: list[str] = field(default_factory=list)

    def where(self, row: Row, column: str) -> str:
        """The location of a cell, ``file: line 7: Stage``."""
        return f"{self.source}: line {row.line}: {column}"


def read_table(
    path: str | os.PathLike[str],
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    what: str,
) -> Table:
    """Read a CSV export; ``columns`` maps a column key to the header names it may have.

    Raises:
        UnreadableFile: not readable as CSV text.
        InvalidInput: a required column is missing.
    """
    from decisionroom.files import read_input

    source = os.fspath(path)
    raw = read_input(path, limit=MAX_BYTES, what=what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile.at(
            source, f"The file is not UTF-8 text (byte {exc.start}); export it as UTF-8 CSV."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise UnreadableFile.at(source, "The file is empty.", code="empty") from None
    names = {alias.lower(): key for key, aliases in columns.items() for alias in aliases}
    index: dict[str, int] = {}
    ignored = []
    for i, name in enumerate(header):
        key = names.get(name.strip().lower())
        if key is None:
            ignored.append(name.strip())
        elif key not in index:
            index[key] = i
    missing = [k for k in required if k not in index]
    if missing:
        raise InvalidInput(
            ErrorDetail(
                f"{source}: line 1",
                "missing_column",
                f"The {what} needs the column {columns[k][0]!r}.",
            )
            for k in missing
        )
    rows = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row = {k: cells[i] if i < len(cells) else "" for k, i in index.items()}
            rows.append(Row(reader.line_num, row))
    except csv.Error as exc:
        raise UnreadableFile.at(
            f"{source}: line {reader.line_num}", f"The CSV is broken: {exc}.", code="csv"
        ) from None
    return Table(source, rows, [n for n in ignored if n])
