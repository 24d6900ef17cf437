"""Benchmark: how long a person waits for ``kg`` to answer, against the floor of Python itself.

Run on demand (not part of the tests), from the project folder:

    python benchmarks/startup.py [--runs 10]

Every command runs as a whole process, the pairs alternately in one run so that
the machine's noise falls on both sides alike; each figure is the minimum and
the median of ``--runs`` runs. Targets (issue 18): ``kg --help`` within 3x of
``python -c "import click"``; ``kg query people-positions`` on the seed graph
(after ``kg build``) within 4x of ``python -c "import pyoxigraph, click"`` and
under 0.35 s; ``kg validate`` and ``kg stats`` on the seed graph under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]
PY = [sys.executable, "-c"]

#: (name, command, reference name or None, ratio target, seconds target)
CASES = [
    ("kg --help", [*KG, "--help"], "import click", 3.0, None),
    ("import click", [*PY, "import click"], None, None, None),
    (
        "kg query people-positions",
        [*KG, "query", "people-positions"],
        "import pyoxigraph, click",
        4.0,
        0.35,
    ),
    ("import pyoxigraph, click", [*PY, "import pyoxigraph, click"], None, None, None),
    ("kg validate", [*KG, "validate"], None, None, 1.0),
    ("kg stats", [*KG, "stats"], None, None, 1.0),
]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    subprocess.run([*KG, "build", "-q"], cwd=ROOT, check=True)
    times: dict[str, list[float]] = {name: [] for name, *_ in CASES}
    for case in CASES:  # one warm-up each: the first run reads files from disk
        timed(case[1])
    for _ in range(runs):
        for name, command, *_ in CASES:
            times[name].append(timed(command))
    print(f"{'command':<28} {'min':>8} {'median':>8}   target")
    for name, _command, reference, ratio, seconds in CASES:
        low, mid = min(times[name]), statistics.median(times[name])
        verdicts = []
        if reference:
            ref_low, ref_mid = min(times[reference]), statistics.median(times[reference])
            r_low, r_mid = low / ref_low, mid / ref_mid
            met = "met" if r_mid <= ratio else "NOT met"
            verdicts.append(f"{r_low:.2f}x / {r_mid:.2f}x of `{reference}` (<= {ratio}x: {met})")
        if seconds:
            met = "met" if mid <= seconds else "NOT met"
            verdicts.append(f"< {seconds} s: {met}")
        print(f"{name:<28} {low:>7.3f}s {mid:>7.3f}s   {'; '.join(verdicts)}")
    print(f"({runs} runs each, alternating; min / median)")


if __name__ == "__main__":
    main()
