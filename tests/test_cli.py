import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app, parse_params
from decisionroom.engine.methods import all_methods
from decisionroom.errors import InvalidParameter

ROOT = Path(__file__).resolve().parents[1]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"
HIRING = ROOT / "examples" / "head-of-marketing-hire.yaml"

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_analyze_table_shows_weights_scores_and_ranks():
    result = invoke("analyze", STARTUP)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Marketing capability for growth" in out
    assert "Weights" in out and "Ranking" in out
    assert "Northwind Growth Partners (ours)" in out
    assert "%" in out
    assert "likely values" in out  # ranges present: the output says which value was used


@pytest.mark.parametrize("spec", all_methods(), ids=lambda s: s.id)
def test_analyze_json_matches_contract_2_for_every_method(spec):
    result = invoke("analyze", STARTUP, "--method", spec.id, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["decisionroom"] == 1
    assert data["method"]["name"] == spec.id
    assert set(data["method"]["params"]) == {p.name for p in spec.params}
    assert data["higher_is_better"] is spec.higher_is_better
    assert abs(sum(data["weights"].values()) - 1) < 1e-5
    ranking = data["ranking"]
    assert [set(row) for row in ranking] == [{"option", "name", "score", "rank"}] * 5
    scores = [row["score"] for row in ranking]
    assert scores == sorted(scores, reverse=spec.higher_is_better)
    assert ranking[0]["rank"] == 1
    assert isinstance(data["warnings"], list)


def test_vikor_is_lower_is_better():
    data = json.loads(invoke("analyze", STARTUP, "-m", "vikor", "-f", "json").output)
    assert data["higher_is_better"] is False


def test_param_override_and_bad_param():
    ok = invoke("analyze", STARTUP, "-m", "vikor", "-p", "v=0.2", "-f", "json")
    assert json.loads(ok.output)["method"]["params"]["v"] == 0.2
    bad = invoke("analyze", STARTUP, "-m", "vikor", "-p", "v=2")
    assert bad.exit_code == 2
    assert "error: method.params.v: v must be between 0 and 1. Got 2 instead." in bad.output


def test_unknown_method_names_the_choices():
    result = invoke("analyze", STARTUP, "-m", "electre")
    assert result.exit_code == 2
    assert "error: --method: There is no method with this id; choose one of" in result.output
    assert "topsis" in result.output


def test_parse_params_json_values():
    assert parse_params(
        ["v=0.3", "normalization=minmax", 'preference={"a": {"function": "usual"}}']
    ) == {
        "v": 0.3,
        "normalization": "minmax",
        "preference": {"a": {"function": "usual"}},
    }
    with pytest.raises(InvalidParameter, match="KEY=VALUE"):
        parse_params(["novalue"])


def test_validate_valid_file_exit_0():
    result = invoke("validate", HIRING)
    assert result.exit_code == 0
    assert "valid (5 options, 5 factors" in result.output


BROKEN = {
    "syntax.yaml": (b"title: [unclosed\nfactors: x\n", "line"),
    "types.yaml": (
        b"decisionroom: 1\ntitle: T\nfactors: 3\noptions: nope\nperformance: {}\n",
        "factors",
    ),
    "empty.yaml": (b"", "empty"),
    "junk.yaml": (bytes(range(256)) * 4, "not a text file"),
    "list.json": (b"[1, 2]", "mapping"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_exit_2_with_located_message(tmp_path, name):
    content, needle = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("validate", "analyze"):
        result = invoke(command, path)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ")
        assert needle in result.output.lower()
        assert "Traceback" not in result.output


def test_huge_file_is_refused_fast(tmp_path):
    import time

    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b"title: x\n" + b"#" * (50 * 1024 * 1024))
    start = time.perf_counter()
    result = invoke("validate", path)
    assert time.perf_counter() - start < 1.0
    assert result.exit_code == 2
    assert "MB" in result.output


def test_missing_file():
    result = invoke("analyze", "does-not-exist.yaml")
    assert result.exit_code == 2
    assert result.output.startswith("error: does-not-exist.yaml")


def test_init_writes_a_valid_starter(tmp_path):
    path = tmp_path / "decision.yaml"
    assert invoke("init", path).exit_code == 0
    assert invoke("validate", path).exit_code == 0
    assert invoke("analyze", path).exit_code == 0
    again = invoke("init", path)
    assert again.exit_code == 2 and "already exists" in again.output
    assert invoke("init", path, "--force").exit_code == 0


def test_schema_prints_json_schema():
    data = json.loads(invoke("schema").output)
    assert "properties" in data and "factors" in data["properties"]


def test_rank_csv(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("vendor,Price,Quality\ndirection,min,max\nweight,1,1\nA,10,5\nB,20,9\nC,30,4\n")
    result = invoke("rank", path, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["option"] for r in data["ranking"]] == ["b", "a", "c"]
    assert data["weights"] == {"price": 0.5, "quality": 0.5}


def test_rank_bad_cell_names_row_and_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("vendor,Price\nA,cheap\nB,20\n")
    result = invoke("rank", path)
    assert result.exit_code == 2
    assert (
        "error: row 2, column B (Price): The value is not a number. Got 'cheap' instead."
        in result.output
    )


def test_methods_lists_every_method():
    out = invoke("methods").output
    for spec in all_methods():
        assert spec.id in out


def test_version():
    assert invoke("--version").output.startswith("decisionroom ")


def test_console_script_never_prints_a_traceback(tmp_path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    exe = Path(sys.executable).with_name("decisionroom")
    proc = subprocess.run([str(exe), "analyze", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ")
