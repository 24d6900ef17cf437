"""Writing outputs so that a failure never leaves them lost or half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import UsageError

Writer = Callable[[BinaryIO], object]


def check_output_dir(out: Path) -> None:
    """Raise :class:`UsageError` when ``out`` exists and is not a folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder, but {out} is a file")


class Staging:
    """A temporary folder whose files :func:`staged` moves into place at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []

    def open(self, name: str) -> BinaryIO:
        """A new file of that name in the staging folder, open for binary writing."""
        return open(self.folder / name, "wb")


@contextmanager
def staged(out: Path) -> Iterator[Staging]:
    """Write files into a staging folder beside ``out``; move them in when the block succeeds.

    Every file is written in full first; only when the block ends without an
    error are they synced and moved into ``out`` with :func:`os.replace`
    (atomic per file), in name order, and listed in ``Staging.written``. If
    anything fails before that, ``out`` is untouched. Other files already in
    ``out`` are left alone.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "build"
        >>> with staged(out) as staging:
        ...     with staging.open("a.txt") as handle:
        ...         _ = handle.write(b"A")
        >>> [p.name for p in staging.written], (out / "a.txt").read_text()
        (['a.txt'], 'A')
    """
    check_output_dir(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Staging(Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent)))
    try:
        yield staging
        names = sorted(p.name for p in staging.folder.iterdir())
        for name in names:
            fd = os.open(staging.folder / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        out.mkdir(exist_ok=True)
        for name in names:
            os.replace(staging.folder / name, out / name)
            staging.written.append(out / name)
    finally:
        shutil.rmtree(staging.folder, ignore_errors=True)


def replace_files(out: Path, writers: dict[str, Writer]) -> list[Path]:
    """Write each named file into ``out``, all or nothing as far as the OS allows (see :func:`staged`)."""
    with staged(out) as staging:
        for name, write in writers.items():
            with staging.open(name) as handle:
                write(handle)
    return [out / name for name in writers]


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back).

    Example:
        >>> old = os.umask(0o027)
        >>> oct(current_umask())
        '0o27'
        >>> _ = os.umask(old)
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write a UTF-8 text file via a temporary file and a rename; never half-written."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write a file via a temporary file beside it and a rename; never half-written."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode open() would give.
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
