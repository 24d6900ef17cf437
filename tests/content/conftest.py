"""The shipped graph (ontology/ and triples/ of this repository), loaded once.

Two views of it:

- ``shipped``: everything under ``triples/``, for checks every article must pass
  (validation, verbatim evidence, labels) however many articles there are;
- ``seed``: the ontology, ``triples/entities.ttl`` and the graphs of the five seed
  articles only (:data:`SEED_ARTICLES`), for tests of what those articles state, so
  that adding a sixth article (the README's own workflow) cannot change their answers.

``KG_CONTENT_ROOT`` points both at another copy of the project (the test that adds a
sixth article runs this suite on such a copy); by default they read this repository.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.data.dataset import KGDataset, load_dataset

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("KG_CONTENT_ROOT", REPO)).resolve()

#: The five seed articles: corpus/<stem>.txt and triples/articles/<stem>.ttl.
SEED_ARTICLES = (
    "000_e4240bd75544951f",
    "001_523961c42d518bb6",
    "002_3709b80351ac6254",
    "003_6caecfd17386d8b0",
    "004_7eb4971d76d362a2",
)
SEED_FILES = tuple(f"corpus/{stem}.txt" for stem in SEED_ARTICLES)


@pytest.fixture(scope="session")
def shipped() -> KGDataset:
    """Every file of the project: the seed articles and any article added since."""
    dataset = load_dataset(ROOT / "ontology", ROOT / "triples")
    assert not dataset.problems, dataset.problems
    return dataset


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> KGDataset:
    """The ontology, the shared entities and the five seed articles' graphs, nothing else.

    The files are loaded from a copy that keeps their paths, so graph names are the
    same as in the whole project.
    """
    copy = tmp_path_factory.mktemp("seed")
    shutil.copytree(ROOT / "ontology", copy / "ontology")
    (copy / "triples" / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "triples" / "entities.ttl", copy / "triples" / "entities.ttl")
    for stem in SEED_ARTICLES:
        name = f"{stem}.ttl"
        shutil.copy(ROOT / "triples" / "articles" / name, copy / "triples" / "articles" / name)
    dataset = load_dataset(copy / "ontology", copy / "triples")
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
