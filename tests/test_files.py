"""Writes never destroy what was there: killed mid-write, the old file stays (issue #9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"


def _wait_for(pattern: str, folder: Path, proc: subprocess.Popen[bytes], timeout: float = 30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = list(folder.glob(pattern))
        if found:
            return found
        if proc.poll() is not None:
            pytest.fail(f"the writer exited before writing: {proc.stderr.read().decode()}")
        time.sleep(0.01)
    pytest.fail(f"no {pattern} appeared in {timeout} s")


def test_write_output_killed_mid_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "brief.pdf"
    old = b"%PDF-1.7 the brief the decision maker already has\n" * 100
    target.write_bytes(old)
    # The writer stops for good between writing its temporary file and renaming it:
    # the moment a crash or a kill does the most harm.
    script = textwrap.dedent(
        f"""
        import os, time
        from decisionroom import files
        os.fsync = lambda fd: time.sleep(600)
        files.write_output({str(target)!r}, b"new" * 1_000_000, overwrite=True)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    try:
        (part,) = _wait_for(".brief.pdf.*.part", tmp_path, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    assert part.stat().st_size > 0  # the new content was going to a file of its own


@pytest.mark.slow
def test_brief_killed_at_any_moment_leaves_a_complete_file(tmp_path):
    exe = Path(sys.executable).with_name("decisionroom")
    target = tmp_path / "brief.xlsx"
    done = subprocess.run(
        [str(exe), "brief", str(STARTUP), "-o", str(target), "--smaa", "200"],
        capture_output=True,
        check=True,
    )
    assert done.returncode == 0
    old = target.read_bytes()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
        proc = subprocess.Popen(
            [str(exe), "brief", str(STARTUP), "-o", str(target), "--force", "--smaa", "200"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.kill()
        proc.wait(timeout=30)
        data = target.read_bytes()
        # either the previous brief, untouched, or a complete new one: never a torn file
        assert data == old or zipfile.is_zipfile(target), f"torn file after {delay} s"
        assert len(data) > 1000
