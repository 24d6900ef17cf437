"""Writing outputs so that a failure never leaves them lost or half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import UsageError

Writer = Callable[[BinaryIO], object]


def check_output_dir(out: Path) -> None:
    """Raise :class:`UsageError` when ``out`` exists and is not a folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder, but {out} is a file")


def replace_files(out: Path, writers: dict[str, Writer]) -> list[Path]:
    """Write each named file into ``out``, all or nothing as far as the OS allows.

    Every file is first written in full into a temporary folder beside ``out``;
    only when all are written are they moved into place with :func:`os.replace`
    (atomic per file). If anything fails before that, ``out`` is untouched.
    Other files already in ``out`` are left alone.
    """
    check_output_dir(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for name, write in writers.items():
            with open(staging / name, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
        out.mkdir(exist_ok=True)
        written = []
        for name in writers:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
