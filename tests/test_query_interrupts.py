"""Stopping queries: --timeout on a build still loading, Ctrl-C on a runaway query
(issue 28, items 8 and 9)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.commands import main
from kg.data.background import Background
from kg.data.dataset import KGDataset
from kg.query.request import answer_within
from tests.conftest import Project

PEOPLE = "SELECT ?p ?name WHERE { ?p a ex:Person ; skos:prefLabel ?name } ORDER BY ?name"
#: A cross join of eight patterns: billions of rows on the smallest project.
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?q ?r ?s . ?t ?u ?v . ?w ?x ?y }"
)


def _slow_store(seconds: float) -> Background[ox.Store]:
    def load() -> ox.Store:
        time.sleep(seconds)
        store = ox.Store()
        store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
        return store

    return Background(load, "slow-load")


def test_timeout_waits_for_a_store_still_loading_before_it_forks() -> None:
    dataset = KGDataset.loading(_slow_store(0.5))
    started = time.monotonic()
    output = answer_within(5, dataset, "SELECT ?o WHERE { ?s ?p ?o }", "csv")
    assert output.decode().splitlines() == ["o", "1"]
    assert time.monotonic() - started < 4  # the child got the store, no timeout


def test_kg_query_timeout_on_a_build_loading_in_the_background(
    project: Project, runner, monkeypatch
) -> None:
    built = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert built.exit_code == 0, built.output
    import kg.data.current as current

    real = current.load_nquads

    def slow(store: ox.Store, path: Path) -> None:
        time.sleep(0.5)  # a large build: the query forks while the load goes on
        real(store, path)

    monkeypatch.setattr(current, "load_nquads", slow)
    args = ["query", PEOPLE, "--timeout", "5", "--build-dir", str(project.out), *project.args()]
    started = time.monotonic()
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 rows"
    assert time.monotonic() - started < 4.5


def test_ctrl_c_stops_a_runaway_query_within_a_second(project: Project) -> None:
    command = [sys.executable, "-m", "kg", "query", RUNAWAY, *project.args()]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(3)  # started, and deep in the query
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _out, err = process.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, err
    assert err.decode().endswith("kg: interrupted\n")
    assert took < 1.5


def test_ctrl_c_in_python_code_exits_130() -> None:
    code = (
        "from kg.commands import main\n"
        "import kg.commands.find as find\n"
        "def stop(*a, **k):\n"
        "    raise KeyboardInterrupt\n"
        "find.find_command.callback = stop\n"
        "main(['find', 'Alice'], prog_name='kg')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "kg: interrupted\n"
