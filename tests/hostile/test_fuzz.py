"""Fuzzing the readers (issue 11): a decision file, a CSV or an XLSX file either loads
or fails with a located error; never a traceback, a hang or runaway memory.

`make test` runs a bounded number of inputs per target; `make fuzz` runs many
more (``DECISIONROOM_FUZZ_EXAMPLES``, see the Makefile).
"""

from __future__ import annotations

import functools
import io
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionroom.analysis import analyze
from decisionroom.errors import InvalidInput
from decisionroom.model import fileio
from decisionroom.model.spreadsheet import read_matrix
from tests.hostile.conftest import BASE

EXAMPLES = int(os.environ.get("DECISIONROOM_FUZZ_EXAMPLES", "150"))
#: Longest time one input may take to load or be refused (a hang fails the run).
DEADLINE_MS = 2_000
#: Most memory the readers may hold for one input (the files are at most a few kB).
MEMORY_BOUND = 64 * 1024 * 1024
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE_MS,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("DECISIONROOM_FUZZ_RANDOM") is None,
)

VALID_YAML = yaml.safe_dump(BASE, sort_keys=False)
VALID_JSON = json.dumps(BASE)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinity too
    st.text(max_size=40),
    st.sampled_from(["max", "min", "a", "b", "cost", "speed", "-1e309", "1e308", "=1+1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def mutated(draw: Any, text: str) -> bytes:
    """The valid text with random edits: bytes inserted, deleted or replaced."""
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=6))
        if kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at : at + len(chunk)]
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@st.composite
def restructured(draw: Any) -> dict[str, Any]:
    """The valid decision with one key set to random data, at the top or one level down."""
    data = json.loads(VALID_JSON)
    key = draw(st.sampled_from(sorted(data) + ["extra"]))
    if isinstance(data.get(key), list) and data[key] and draw(st.booleans()):
        item = data[key][draw(st.integers(0, len(data[key]) - 1))]
        if isinstance(item, dict):
            item[draw(st.sampled_from(sorted(item) + ["extra"]))] = draw(values)
            return data
    data[key] = draw(values)
    return data


decision_files = st.one_of(
    st.tuples(st.just("yaml"), mutated(VALID_YAML)),
    st.tuples(st.just("json"), mutated(VALID_JSON)),
    st.tuples(st.just("yaml"), restructured().map(lambda d: yaml.safe_dump(d).encode())),
    st.tuples(st.just("json"), restructured().map(lambda d: json.dumps(d).encode())),
    st.tuples(st.sampled_from(["yaml", "json"]), st.binary(max_size=300)),
    st.tuples(st.sampled_from(["yaml", "json"]), st.text(max_size=300).map(str.encode)),
)


def _check(action: Any) -> None:
    """Run a reader: it returns, or raises a located InvalidInput; memory stays bounded."""
    tracemalloc.start()
    try:
        action()
    except InvalidInput as exc:
        assert exc.errors, exc
        for detail in exc.errors:
            assert detail.render()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"{peak / 1e6:.0f} MB"


@FUZZ
@given(case=decision_files)
def test_decision_file_reader(tmp_path: Path, case: tuple[str, bytes]) -> None:
    fmt, data = case
    path = tmp_path / f"fuzz.{fmt}"
    path.write_bytes(data)

    def load_and_rank() -> None:
        # what loads must also rank, or fail with a located error: never "a bug"
        analyze(fileio.load(path), robustness=False)

    _check(load_and_rank)


VALID_CSV = "option,cost,speed\ndirection,min,max\nweight,2,3\nAlpha,100,7\nBeta,120,9\n"
cells = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(["max", "min", "direction", "weight", "", "=1+1", "1e400", "NaN"]),
)
grids = st.lists(st.lists(cells, max_size=6), max_size=8)


def _csv(rows: list[list[Any]]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(["" if c is None else c for c in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


csv_files = st.one_of(
    mutated(VALID_CSV),
    grids.map(_csv),
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
)


@FUZZ
@given(data=csv_files)
def test_csv_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    _check(lambda: read_matrix(path))


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([c if not isinstance(c, str) else c.replace("\x00", "") for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@functools.cache
def _valid_xlsx() -> bytes:
    """One valid workbook, built once (openpyxl stamps the time, so bytes differ per call)."""
    return _xlsx([["option", "cost", "speed"], ["Alpha", 100, 7], ["Beta", 120, 9]])


@st.composite
def xlsx_files(draw: Any) -> bytes:
    choice = draw(st.integers(0, 2))
    if choice == 0:
        rows = draw(grids)
        try:
            return _xlsx(rows)
        except Exception:  # noqa: BLE001 - openpyxl refuses some characters and types
            return _valid_xlsx()
    if choice == 1:  # the archive itself damaged
        data = bytearray(_valid_xlsx())
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        return bytes(data)
    return draw(st.binary(max_size=300))


@FUZZ
@given(data=xlsx_files())
def test_xlsx_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    _check(lambda: read_matrix(path))


@pytest.mark.parametrize("text", [VALID_YAML])
def test_the_seed_file_is_valid(text: str) -> None:
    assert fileio.loads(text).title
