"""Where files are read and written (issue 11): every problem is a located error, exit 2."""

from __future__ import annotations

import errno
import os
import tempfile
import threading

import pytest

from decisionroom import files
from tests.hostile.conftest import decision, run, write

CSV = "option,cost,speed\nAlpha,100,7\nBeta,120,9\n"


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and "This is a bug" not in result.output


@pytest.mark.parametrize("command", ["validate", "analyze", "brief", "rank"])
def test_a_link_to_dev_zero_is_refused_at_once(tmp_path, command):
    link = tmp_path / ("big.csv" if command == "rank" else "big.yaml")
    link.symlink_to("/dev/zero")
    args = [command, link] + (["-o", tmp_path / "x.md"] if command == "brief" else [])
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "This is not a regular file (it is a device, a pipe or a socket)" in result.output
    _no_traceback(result)


@pytest.mark.parametrize("command", ["validate", "rank"])
def test_a_named_pipe_without_a_writer_does_not_hang(tmp_path, command):
    pipe = tmp_path / ("p.csv" if command == "rank" else "p.yaml")
    os.mkfifo(pipe)
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(run(command, pipe)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert outcome, "the command hung on a named pipe"
    assert outcome[0].exit_code == 2
    assert "not a regular file" in outcome[0].output


def test_standard_input_is_read_with_the_same_cap(monkeypatch):
    import io

    class Stdin:
        buffer = io.BytesIO(b"#" * 50)

    monkeypatch.setattr("sys.stdin", Stdin)
    with pytest.raises(files.UnreadableFile, match="larger than 0 MB"):
        files.read_input("-", limit=10)


@pytest.fixture
def source(tmp_path):
    return write(tmp_path, decision())


def test_brief_refuses_to_write_over_its_input(source):
    before = source.read_bytes()
    result = run("brief", source, "-o", source, "--format", "html", "--smaa", 0, "--force")
    assert result.exit_code == 2
    assert "This is the input file; writing here would replace it." in result.output
    assert source.read_bytes() == before


def test_existing_outputs_need_force_for_brief_and_init(tmp_path, source):
    out = tmp_path / "b.md"
    out.write_text("keep me")
    for args in (["brief", source, "-o", out, "--smaa", 0], ["init", out]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "The file already exists; choose another name or pass --force" in result.output
        assert out.read_text() == "keep me"
    assert run("brief", source, "-o", out, "--smaa", 0, "--force").exit_code == 0
    assert out.read_text().startswith("# Choosing a partner")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("folder", "This is a folder; name the file to write inside it."),
        ("missing/b.md", "does not exist; create it first."),
    ],
)
def test_folders_are_located_errors(tmp_path, source, target, message):
    (tmp_path / "folder").mkdir()
    result = run("brief", source, "-o", tmp_path / target, "-f", "md", "--smaa", 0)
    assert result.exit_code == 2
    assert message in result.output
    _no_traceback(result)


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the file system is read-only")],
)
@pytest.mark.parametrize("fmt", ["md", "pdf", "xlsx"])
def test_a_full_disk_or_read_only_place_keeps_the_old_file(
    tmp_path, source, monkeypatch, code, reason, fmt
):
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
    out = tmp_path / f"b.{fmt}"
    out.write_bytes(b"the good old brief")

    def fail(_fd):  # the disk fills up while the brief is flushed
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", fail)
    result = run("brief", source, "-o", out, "--smaa", 0, "--force")
    assert result.exit_code == 2, result.output
    assert f"error: --output {out}: The file cannot be written: {reason}." in result.output
    assert out.read_bytes() == b"the good old brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d.json", f"b.{fmt}"])


def test_a_place_that_refuses_the_temporary_file(tmp_path, source, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("init", tmp_path / "new.yaml")
    assert result.exit_code == 2
    assert "The file cannot be written: permission denied." in result.output


def test_brief_checks_where_it_writes_before_the_analysis(tmp_path, source, monkeypatch):
    ran: list = []
    monkeypatch.setattr(
        "decisionroom.cli.analysis_commands.run_analysis", lambda *a, **k: ran.append(a)
    )
    out = tmp_path / "b.md"
    out.write_text("keep me")
    result = run("brief", source, "-o", out)
    assert result.exit_code == 2
    assert "The file already exists" in result.output
    assert ran == []
