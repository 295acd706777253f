"""The file-system boundary: every file decisionroom reads or writes goes through here.

Reading (:func:`read_input`) takes a regular file or standard input (``-``)
and nothing else, so a link to ``/dev/zero`` or a named pipe with no writer
gets a clear error instead of a hang. At most ``limit`` bytes are read,
whatever the file claims its size is.

Writing (:func:`write_output`) never destroys what was there: the bytes go
to a temporary file in the target's folder, which is flushed to disk and
only then renamed over the target. A command killed part-way, or a full
disk, leaves the previous file untouched. The rules for where a command may
write are the same for every command (docs/architecture.md, "Files"):

- ``-`` writes to standard output;
- the target must not be one of the command's input files;
- an existing file is replaced only with ``overwrite`` (the CLI's ``--force``);
- a folder, a missing folder, a read-only place or a full disk is a located
  error (exit code 2), never a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from decisionroom.errors import UnreadableFile, UnwritableFile

__all__ = ["STDIO", "check_output", "is_stdio", "read_input", "same_file", "write_output"]

#: The path that names standard input (reading) or standard output (writing).
STDIO = "-"


def is_stdio(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``-``, standard input or output."""
    return os.fspath(path) == STDIO


def _too_large(where: str, what: str, limit: int, size: int | None = None) -> UnreadableFile:
    got = (
        f"The file is {size / 1e6:.1f} MB; "
        if size is not None
        else f"The input is larger than {limit / 1e6:.0f} MB; "
    )
    return UnreadableFile.at(
        where, f"{got}{what} may be at most {limit / 1e6:.0f} MB.", code="too_large"
    )


def read_input(path: str | os.PathLike[str], *, limit: int, what: str = "a file") -> bytes:
    """The bytes of a regular file, or of standard input for ``-``, at most ``limit`` of them.

    Args:
        path: the file, or ``-`` for standard input.
        limit: the largest input accepted, in bytes.
        what: how the error names the input, e.g. ``"a decision file"``.

    Raises:
        UnreadableFile: missing, a folder, not a regular file, unreadable or too large.
    """
    where = os.fspath(path)
    if is_stdio(path):
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("<stdin>", what, limit)
        return data
    try:
        info = os.stat(where)
    except FileNotFoundError:
        raise UnreadableFile.at(where, "There is no such file.", code="not_found") from None
    except OSError as exc:
        raise UnreadableFile.at(
            where, f"The file cannot be read: {_reason(exc)}.", code="os"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile.at(where, "This is a folder, not a file.", code="not_a_file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile.at(
            where,
            "This is not a regular file (it is a device, a pipe or a socket); give a file, "
            "or '-' to read standard input.",
            code="not_a_file",
        )
    if info.st_size > limit:
        raise _too_large(where, what, limit, info.st_size)
    try:
        with open(where, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile.at(
            where, f"The file cannot be read: {_reason(exc)}.", code="os"
        ) from None
    if len(data) > limit:  # the file grew, or a special file lies about its size
        raise _too_large(where, what, limit)
    return data


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (through links too)."""
    if is_stdio(a) or is_stdio(b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_output(
    path: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    overwrite: bool = False,
    loc: str = "--output",
) -> Path:
    """Check that ``path`` may be written, before any work is done for it.

    The rules of :func:`write_output`, without writing: a command checks its
    output first, so a long analysis never ends in "the file already exists".

    Raises:
        UnwritableFile: the target is an input, exists without ``overwrite``,
            is a folder, or its folder does not exist.
    """
    target = Path(path)
    if is_stdio(path):
        return target
    where = f"{loc} {target}" if loc else str(target)
    for source in inputs:
        if not is_stdio(source) and same_file(source, target):
            raise UnwritableFile.at(
                where,
                "This is the input file; writing here would replace it. Choose another name.",
                code="is_input",
            )
    if target.is_dir():
        raise UnwritableFile.at(
            where, "This is a folder; name the file to write inside it.", code="is_folder"
        )
    folder = target.parent
    if not folder.is_dir():
        raise UnwritableFile.at(
            where,
            f"The folder {str(folder)!r} does not exist; create it first.",
            code="no_folder",
        )
    if target.exists() and not overwrite:
        raise UnwritableFile.at(
            where,
            "The file already exists; choose another name or pass --force to replace it.",
            code="exists",
        )
    return target


def write_output(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    overwrite: bool = False,
    loc: str = "--output",
) -> Path:
    """Write ``data`` to ``path`` atomically (or to standard output for ``-``).

    Args:
        path: the target file, or ``-``.
        data: the complete content.
        inputs: the command's input files, which must never be written over.
        overwrite: replace an existing file (the CLI's ``--force``).
        loc: how errors name the target, e.g. ``--output``.

    Raises:
        UnwritableFile: the target is an input, exists without ``overwrite``,
            is a folder, or cannot be written (the reason is named).
    """
    if is_stdio(path):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDIO)
    target = check_output(path, inputs=inputs, overwrite=overwrite, loc=loc)
    where = f"{loc} {target}" if loc else str(target)
    _atomic_write(target, data, where)
    return target


def _atomic_write(target: Path, data: bytes, where: str) -> None:
    mode = _mode_for(target)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UnwritableFile.at(
            where, f"The file cannot be written: {_reason(exc)}.", code="os"
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(target: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ``0o666 & ~umask``."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _reason(exc: OSError) -> str:
    """A plain reason for an OS error."""
    plain = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    if exc.errno in plain:
        return plain[exc.errno]
    return (exc.strerror or str(exc)).rstrip(".").lower()
