"""Saved queries' lists (GROUP_CONCAT) come sorted, the same text on every engine
(issue 28, item 13)."""

from __future__ import annotations

import pytest

from kg.data.memory import MemoryDataset
from kg.query.catalogue import load_catalogue
from kg.query.request import rows

CATALOGUE = load_catalogue()
WITH_LISTS = sorted(name for name, saved in CATALOGUE.items() if saved.lists)


def test_the_catalogue_has_lists_to_sort() -> None:
    assert WITH_LISTS == ["agreements", "initiatives", "organisations", "shared-entities"]
    assert CATALOGUE["agreements"].lists == dict.fromkeys(
        ["signed_by", "exchanged_by", "witnessed_by", "parties", "topics"], ", "
    )


@pytest.mark.parametrize("name", WITH_LISTS)
def test_every_list_is_sorted_and_keeps_labels_with_commas_whole(seed, name) -> None:
    saved = CATALOGUE[name]
    found = rows(seed, name)
    cells = [row[column] for row in found for column in saved.lists if column in row]
    assert cells, f"{name} lists nothing on the seed graph"
    labels = {
        row["l"] for row in _labels(seed) if ", " in row["l"]
    }  # "Ministry of Economy, Trade and Industry (Japan)"
    for cell in cells:
        items = _split(cell, labels)
        assert items == sorted(items, key=lambda i: (i.casefold(), i)), cell
        assert "\x1f" not in cell


@pytest.mark.parametrize("name", WITH_LISTS)
def test_rdflib_gives_the_same_text_as_oxigraph(seed, name) -> None:
    memory = MemoryDataset.copy_of(seed)
    assert rows(memory, name) == rows(seed, name)


def _labels(seed) -> list[dict[str, str]]:
    from tests.content.conftest import select

    return select(seed, "SELECT DISTINCT ?l WHERE { ?e skos:prefLabel ?l }")


def _split(cell: str, whole: set[str]) -> list[str]:
    """The items of a list cell, labels that hold ", " kept whole."""
    marked = cell
    for i, label in enumerate(sorted(whole, key=len, reverse=True)):
        marked = marked.replace(label, f"\x00{i}\x00")
    back = {f"\x00{i}\x00": label for i, label in enumerate(sorted(whole, key=len, reverse=True))}
    items = marked.split(", ")
    for key, label in back.items():
        items = [item.replace(key, label) for item in items]
    return items
