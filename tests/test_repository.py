"""The repository itself: a bare ``pytest`` collects the tests, and nothing tracked is ignored."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_bare_pytest_collects_the_tests_that_import_tests_conftest() -> None:
    # ``python -m pytest`` puts the working folder on sys.path, a bare ``pytest``
    # does not: run pytest the bare way (-I: no working folder on sys.path).
    bare = "import sys, pytest; sys.exit(pytest.main(sys.argv[1:]))"
    files = ["tests/test_bench.py", "tests/content/test_catalogue.py"]
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            bare,
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            *files,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "No module named 'tests'" not in done.stdout
    assert "tests/content/test_catalogue.py::" in done.stdout


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs a git checkout")
def test_no_tracked_file_is_ignored() -> None:
    git = shutil.which("git")
    assert git, "git is needed to check the repository"
    tracked_and_ignored = subprocess.run(
        [git, "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked_and_ignored == []
    assert (
        "triples/entities.ttl"
        in subprocess.run(
            [git, "ls-files", "triples"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.split()
    )
