"""Each reproduction of issue 11 that reaches the user through the CLI."""

from __future__ import annotations

import json
import re

import pytest

from tests.hostile.conftest import decision, run, write

#: Characters that act on a terminal or reorder the text around them.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x1b]8;;https://evil.example\x1b\\Northwind\x1b]8;;\x1b\\\x9b2J\u202e"
SHOWN = "\\x1b]0;owned\\x07\\x1b[2J\\x1b[31m"


@pytest.fixture
def hostile(tmp_path):
    data = decision(title="Plan " + ESCAPES)
    data["options"][0]["name"] = "Alpha " + ESCAPES
    data["factors"][0]["unit"] = "kEUR\x1b[2J"
    return write(tmp_path, data)


def test_analyze_shows_escape_sequences_as_visible_escapes(hostile):
    result = run("analyze", hostile, "--smaa", 200)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    assert SHOWN in result.output.replace("\n", "")
    assert "kEUR\\x1b[2J" in result.output


def test_explain_shows_escape_sequences_as_visible_escapes(hostile):
    result = run("explain", hostile, "--smaa", 200)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    assert "Alpha \\x1b]0;owned" in result.output


def test_rank_and_json_keep_the_text_but_never_raw_controls(hostile, tmp_path):
    result = run("analyze", hostile, "--smaa", 200, "--format", "json")
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout)
    names = {row["option"]: row["name"] for row in json.loads(result.stdout)["ranking"]}
    assert names["a"] == "Alpha " + ESCAPES  # JSON escapes, the string is unchanged


def test_validate_error_locations_show_escapes(tmp_path):
    data = decision(weights={"cost": 1, "speed": 2, "sp\x1b[2Jeed": 3})
    data["performance"]["x\x1b]0;owned\x07"] = {"cost": 1, "speed": 2}
    result = run("validate", write(tmp_path, data))
    assert result.exit_code == 2
    assert not RAW.search(result.output)
    assert "error: performance.x\\x1b]0;owned\\x07: This key must be an id" in result.output
    assert "error: weights.sp\\x1b[2Jeed: sp\\x1b[2Jeed must be an id" in result.output


def test_validate_names_the_file_with_escapes(tmp_path):
    path = write(tmp_path, decision(), name="d\x1b[2J.json")
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert "d\\x1b[2J.json: valid" in result.output


def test_markdown_brief_cannot_be_restructured_by_names(tmp_path):
    data = decision(title="# Injected title")
    data["options"][0]["name"] = "# Injected heading"
    data["options"][1]["name"] = "- [click](https://evil.example) ![x](https://evil.example/p.png)"
    data["factors"][0]["why"] = "<script>alert(1)</script>\n\n# Second"
    data["performance"]["a"] = {"cost": 10, "speed": 10}  # Injected heading wins
    result = run("brief", write(tmp_path, data), "-o", "-", "--smaa", 200)
    assert result.exit_code == 0, result.output
    md = result.stdout
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert all(not h.lstrip("#").strip().startswith("Injected") for h in headings[1:])
    assert headings[0] == "# \\# Injected title"
    assert not any(line.startswith(("- [", "# Second", "<script")) for line in md.splitlines())
    assert "](https" not in md.replace("\\](https", "")
    assert "<script>" not in md
    assert "\\# Injected heading leads" in md  # the paragraph that starts with the name


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_c1_csi_never_reaches_a_brief(tmp_path, fmt):
    data = decision(title="Plan \x9b2J\x9b31m")
    data["options"][0]["name"] = "Alpha\x9b2J\x85"
    out = tmp_path / f"brief.{fmt}"
    result = run("brief", write(tmp_path, data), "-o", out, "--smaa", 200)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\x9b" not in text and "\x85" not in text
    assert "Alpha2J" in text


def test_identical_options_are_reported_as_indistinguishable_not_safe(tmp_path):
    data = decision()
    same = {"cost": 100, "speed": 7}
    data["performance"] = {"a": same, "b": same, "c": same}
    path = write(tmp_path, data)
    result = run("explain", path, "--smaa", 3000)
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "Alpha, Beta and Gamma cannot be told apart: they perform the same on every factor, "
        "so every weighting gives them the same score (1.000). Add a factor on which they "
        "differ before choosing among them."
    ) in out
    assert "Together they come first in 100% of 3,000 simulated weightings" in out
    assert "safe choice" not in out and "uncertain choice" not in out
    data_json = json.loads(run("analyze", path, "--smaa", 3000, "-f", "json").stdout)
    shares = [data_json["smaa"]["rank_acceptability"][o][0] for o in "abc"]
    assert shares == pytest.approx([1 / 3] * 3, abs=1e-6)
    brief = run("brief", path, "-o", "-", "--smaa", 3000).stdout
    assert "safe choice" not in brief
    assert "100% of 3,000 simulations, shared by 3 options that cannot be told apart" in brief


def test_two_of_three_identical_below_a_clear_winner_change_nothing(tmp_path):
    data = decision()
    data["performance"]["b"] = dict(data["performance"]["c"])
    result = run("explain", write(tmp_path, data), "--smaa", 500)
    assert "cannot be told apart" not in result.output


def test_weights_of_1e308_rank_like_their_ratio(tmp_path):
    huge = decision(weights={"cost": 1.0e308, "speed": 1.5e308})
    small = decision(weights={"cost": 2, "speed": 3})
    a = json.loads(
        run("analyze", write(tmp_path, huge, "h.json"), "--smaa", 0, "-f", "json").stdout
    )
    b = json.loads(
        run("analyze", write(tmp_path, small, "s.json"), "--smaa", 0, "-f", "json").stdout
    )
    assert a["weights"] == pytest.approx({"cost": 0.4, "speed": 0.6})
    assert a["ranking"] == b["ranking"]
    assert len({row["score"] for row in a["ranking"]}) == 3  # no tie at 0.000


def test_influences_of_1e308_with_pairwise_judgments(tmp_path):
    data = decision()
    del data["weights"]
    data["stakeholders"] = [
        {
            "id": f"s{k}",
            "influence": 1.0e308,
            "weights": {"pairwise": {"order": ["cost", "speed"], "matrix": m}},
        }
        for k, m in enumerate([[[1, 3], [1 / 3, 1]], [[1, 1 / 2], [2, 1]]])
    ]
    result = run("analyze", write(tmp_path, data), "--smaa", 200, "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    w = json.loads(result.stdout)["weights"]
    g = 1.5**0.5  # the geometric mean of 3 and 1/2
    assert w["cost"] == pytest.approx(g / (1 + g), rel=1e-5)


def test_names_longer_than_the_limit_are_located_errors(tmp_path):
    data = decision()
    data["options"][0]["name"] = "N" * 10_000
    data["factors"][1]["why"] = "W " * 3_000
    result = run("validate", write(tmp_path, data))
    assert result.exit_code == 2
    assert (
        "error: options[0].name: name must be at most 200 characters (this one has 10,000)."
        in result.output
    )
    assert "error: factors[1].why: why must be at most 5,000 characters (this one has 6,000)." in (
        result.output
    )
    assert "NNNN" not in result.output


def test_validate_checks_what_analyze_checks(tmp_path):
    data = decision(
        method={
            "name": "promethee-ii",
            "params": {"preference": {"nope": {"function": "linear", "p": 1}}},
        }
    )
    path = write(tmp_path, data)
    validated, analysed = run("validate", path), run("analyze", path, "--smaa", 0)
    assert validated.exit_code == analysed.exit_code == 2
    message = "error: method.params.preference.nope: is not a factor; the factors are: cost, speed"
    assert message in validated.output and message in analysed.output
    assert "valid (" not in validated.output


def test_every_stakeholder_tying_every_option_is_not_called_too_few_stakeholders(tmp_path):
    data = decision()
    del data["weights"]
    same = {"cost": 100, "speed": 7}
    data["performance"] = {"a": same, "b": same, "c": same}
    data["stakeholders"] = [
        {"id": f"s{k}", "weights": {"cost": k, "speed": 5 - k}} for k in range(1, 5)
    ]
    out = json.loads(run("analyze", write(tmp_path, data), "--smaa", 100, "-f", "json").stdout)
    assert out["consensus"]["kendall_w"] is None
    assert out["consensus"]["verdict"] == (
        "agreement undefined: every stakeholder scores all the options the same"
    )
    explained = run("explain", write(tmp_path, data, "e.json"), "--smaa", 100).output
    assert "s1, s2, s3 and s4 would choose one of Alpha, Beta and Gamma." in explained


@pytest.mark.parametrize("fmt", ["html", "pptx"])
def test_emoji_and_cjk_names_draw_charts_without_warnings(tmp_path, fmt):
    data = decision(title="速度 🚀")
    data["options"][0]["name"] = "🚀 Rocket 東京"
    data["factors"][0]["name"] = "速度 ⏱️ " + "long label " * 15
    out = tmp_path / f"b.{fmt}"
    result = run("brief", write(tmp_path, data), "-o", out, "--smaa", 200)
    assert result.exit_code == 0, result.output  # a warning is an error under pytest
    assert result.stderr == ""


def test_rank_shows_spreadsheet_names_with_escapes(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "option,cost\x1b[2J,speed\nAlpha\x1b]0;owned\x07,100,7\nBeta\x9b2J,120,9\n",
        encoding="utf-8",
    )
    result = run("rank", path, "--directions", "min,max")
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    assert "Alpha\\x1b]0;owned\\x07" in result.output and "Beta\\x9b2J" in result.output


def test_the_console_script_keeps_library_warnings_off_the_terminal(monkeypatch, capsys):
    import warnings

    from decisionroom import cli

    monkeypatch.delenv("DECISIONROOM_DEBUG", raising=False)

    def app() -> None:
        warnings.warn("overflow encountered in multiply", RuntimeWarning, stacklevel=2)

    monkeypatch.setattr(cli, "app", app)
    with warnings.catch_warnings():  # main() sets the filters; they are restored after
        cli.main()
    assert capsys.readouterr().err == ""
