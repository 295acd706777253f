import time
from pathlib import Path

import pytest

from decisionroom.errors import InvalidDecision, UnreadableFile
from decisionroom.model import Decision, dump, dumps, load, loads
from decisionroom.model.fileio import parse, read

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = sorted(DATA.glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip_loses_nothing(path, fmt, tmp_path):
    decision = load(path)
    target = tmp_path / f"out.{fmt}"
    dump(decision, target)
    again = load(target)
    assert again == decision
    assert dumps(again, fmt) == target.read_text(encoding="utf-8")
    assert again.model_dump(exclude_unset=True) == decision.model_dump(exclude_unset=True)


def test_round_trip_keeps_the_data_as_written():
    import yaml

    path = DATA / "full.yaml"
    assert yaml.safe_load(dumps(load(path))) == yaml.safe_load(path.read_text())


def test_yaml_dump_style():
    text = dumps(load(DATA / "full.yaml"))
    assert text.startswith("decisionroom: 1\ntitle: CRM platform selection\nclient:")
    assert "    cost: [300, 350, 420]\n" in text  # ranges are flow lists
    assert "    needs: [one_view]\n" in text
    assert "factors:\n  - id: cost\n" in text  # block style, lists indented
    assert "    why: |-\n      Every missing feature becomes\n      a workaround.\n" in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line[0].isspace()]
    assert keys == [k for k in Decision.model_fields if k != "weights"]  # the contract's order


def test_dump_json_and_load_json(tmp_path):
    decision = load(DATA / "minimal.yaml")
    path = tmp_path / "d.json"
    dump(decision, path)
    assert path.read_text().startswith('{\n  "decisionroom": 1,\n  "title": "Pick a supplier"')
    assert load(path) == decision
    assert not list(tmp_path.glob("*.tmp"))


def test_loads_text_and_bytes():
    text = (DATA / "minimal.yaml").read_text()
    assert loads(text) == loads(text.encode()) == load(DATA / "minimal.yaml")


def test_dates_stay_text():
    text = (DATA / "minimal.yaml").read_text() + "goal: {statement: Grow, horizon: 2027-06-30}\n"
    assert loads(text).goal.horizon == "2027-06-30"


def _error(exc_info) -> tuple[str, str, str]:
    (detail,) = exc_info.value.errors
    return detail.loc, detail.code, detail.msg


def test_missing_file():
    with pytest.raises(UnreadableFile) as exc:
        load("no/such/file.yaml")
    assert _error(exc) == ("no/such/file.yaml", "not_found", "There is no such file.")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(UnreadableFile, match="folder"):
        read(tmp_path)


def test_yaml_syntax_error_has_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("decisionroom: 1\ntitle: [unclosed\nfactors: x\n")
    with pytest.raises(UnreadableFile) as exc:
        load(path)
    loc, code, msg = _error(exc)
    assert (loc, code) == (str(path), "yaml_syntax")
    assert msg.startswith("The YAML is not valid at line 3, column ")


def test_yaml_duplicate_key(tmp_path):
    with pytest.raises(UnreadableFile) as exc:
        parse("title: a\ntitle: b\n")
    assert (
        _error(exc)[2]
        == "The YAML is not valid at line 2, column 1: the key 'title' appears twice."
    )


def test_json_trailing_comma():
    with pytest.raises(UnreadableFile) as exc:
        parse('{\n  "title": "x",\n  "factors": [1, 2,]\n}', "json")
    assert _error(exc)[2] == (
        "The JSON is not valid at line 3, column 20: a comma before ']' is not allowed in JSON "
        "(remove the trailing comma)."
    )


def test_json_trailing_comma_in_object():
    with pytest.raises(UnreadableFile, match=r"line 1, column 15: a comma before '\}'"):
        parse('{"title": "x",}', "json")


def test_json_other_syntax_error():
    with pytest.raises(UnreadableFile) as exc:
        parse('{"title" "x"}', "json")
    assert _error(exc)[2] == "The JSON is not valid at line 1, column 10: expecting ':' delimiter."


def test_json_duplicate_key():
    with pytest.raises(UnreadableFile, match="the key 'a' appears twice"):
        parse('{"a": 1, "a": 2}', "json")


@pytest.mark.parametrize("text", ["", "   \n\n", b""])
def test_empty_file(text):
    with pytest.raises(UnreadableFile) as exc:
        parse(text)
    assert _error(exc)[1:] == ("empty", "The file is empty.")


def test_only_comments_is_empty():
    with pytest.raises(UnreadableFile, match="The file is empty: it holds only comments."):
        parse("# nothing here\n")


def test_binary_junk(tmp_path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnreadableFile) as exc:
        load(path)
    assert _error(exc)[1:] == (
        "binary",
        "This is not a text file; a decision file is YAML or JSON text (it contains NUL bytes).",
    )


def test_not_utf8():
    with pytest.raises(UnreadableFile) as exc:
        parse(b"title: caf\xe9\n")
    assert _error(exc)[1:] == (
        "encoding",
        "This is not a text file; a decision file is YAML or JSON text in UTF-8 "
        "(byte 10 is not UTF-8).",
    )


def test_huge_file_fails_fast(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b"title: x\n")
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(UnreadableFile) as exc:
        load(path)
    assert time.perf_counter() - start < 1.0
    assert _error(exc)[1:] == (
        "too_large",
        "The file is 52.4 MB; a decision file may be at most 10 MB.",
    )


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(UnreadableFile, match="expands to more than"):
        parse("\n".join(lines) + "\n")


def test_deep_nesting_is_refused():
    with pytest.raises(UnreadableFile, match="nested too deeply"):
        parse("[" * 5000 + "]" * 5000, "json")


@pytest.mark.parametrize(
    ("text", "what"),
    [("[1, 2]", "a list"), ("just text", "a single text"), ("3", "a single number")],
)
def test_top_level_must_be_a_mapping(text, what):
    with pytest.raises(InvalidDecision) as exc:
        loads(text)
    assert _error(exc) == (
        "",
        "not_a_mapping",
        "The top level of a decision file must be a mapping of keys such as decisionroom, "
        f"title, factors, options and performance; this file holds {what}.",
    )


def test_wrong_types_raise_invalid_decision_never_a_traceback():
    with pytest.raises(InvalidDecision) as exc:
        loads("decisionroom: 1\ntitle: T\nfactors: 3\noptions: nope\nperformance: {}\n")
    assert [(e.loc, e.msg) for e in exc.value.errors] == [
        ("factors", "factors must be a list."),
        ("options", "options must be a list."),
    ]
