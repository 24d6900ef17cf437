"""Progress of kg stats and kg viz: drawn on stderr when it is a terminal, never in a pipe or with --json.

The terminal is a real pseudo-terminal (``pty``): kg runs in a subprocess whose
stderr is its slave end, as when run by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

#: What rich's bar is drawn with.
BAR = "━"


def run(args: list[str], cwd: Path, terminal: bool) -> tuple[int, str, str]:
    """Run ``kg ARGS`` in ``cwd``; stderr on a pseudo-terminal or a pipe. Return (code, stdout, stderr)."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("TTY_COMPATIBLE", None)
    env.pop("FORCE_COLOR", None)
    command = [sys.executable, "-m", "kg", *args]
    if not terminal:
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    ) as process:
        os.close(slave)
        seen = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen.append(chunk)
        stdout = process.stdout.read()
        code = process.wait(timeout=120)
    os.close(master)
    return code, stdout.decode(), b"".join(seen).decode(errors="replace")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["stats"], "done"),
        (["viz", "-o", "page.html"], "writing page.html"),
    ],
)
def test_progress_is_drawn_on_a_terminal(project, args, shown):
    code, stdout, terminal = run(args, project.root, terminal=True)
    assert code == 0, terminal
    assert BAR in terminal and shown in terminal
    # the bar is drawn on stderr only: stdout stays the report
    assert BAR not in stdout


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["viz", "-o", "page.html"],
    ],
)
def test_progress_stays_out_of_pipes(project, args):
    code, stdout, stderr = run(args, project.root, terminal=False)
    assert code == 0, stderr
    assert BAR not in stderr and "\x1b[" not in stderr
    assert BAR not in stdout


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--json"],
        ["viz", "--json", "-o", "page.html"],
        ["stats", "-q"],
        ["viz", "-q", "-o", "page.html"],
    ],
)
def test_json_and_quiet_stay_quiet_on_a_terminal(project, args):
    code, stdout, terminal = run(args, project.root, terminal=True)
    assert code == 0, terminal
    assert BAR not in terminal and "\x1b[" not in terminal
    if "--json" in args:
        assert stdout.lstrip().startswith("{")
