"""The shipped graph (ontology/ and triples/ of this repository), loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.data.dataset import KGDataset, load_dataset

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed() -> KGDataset:
    dataset = load_dataset(REPO / "ontology", REPO / "triples")
    assert not dataset.problems, dataset.problems
    return dataset


def select(dataset: KGDataset, sparql: str) -> list[dict[str, str]]:
    """Rows of a SELECT as {variable: value} dicts (values as plain strings)."""
    solutions = dataset.query(sparql)
    names = [v.value for v in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]


def values(dataset: KGDataset, sparql: str, var: str) -> set[str]:
    """The set of one variable's values."""
    return {row[var] for row in select(dataset, sparql) if var in row}
