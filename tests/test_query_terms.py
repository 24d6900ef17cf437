"""kg query warns of terms nothing defines, with did-you-mean from the ontology
(issue 28, item 12)."""

from __future__ import annotations

import pytest

from kg.commands import main
from kg.query.catalogue import load_catalogue


def query(runner, project, *args):
    return runner.invoke(main, ["query", *args, *project.args()])


def test_an_undefined_kg_term_is_a_warning_leading_to_the_real_term(synthetic, runner) -> None:
    result = query(runner, synthetic, "SELECT ?e ?x WHERE { ?e kg:participant ?x }")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "0 rows"
    assert result.stderr == (
        "kg: warning: kg:participant (line 1, column 25) is not a term of the ontology; "
        'did you mean schema:attendee (labelled "participant")?\n'
    )


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "kg:signatry",
            "kg:signatry (line 1, column 21) is not a term of the ontology; did you mean kg:signatory",
        ),
        (
            "skos:prefLable",
            "skos:prefLable (line 1, column 21) is no term of the skos vocabulary ('prefLable'); did you mean skos:prefLabel",
        ),
        (
            "<https://schema.org/atendee>",
            "<https://schema.org/atendee> (line 1, column 21) is no term of the schema vocabulary ('atendee'); did you mean schema:attendee",
        ),
    ],
)
def test_misspelt_terms_are_warnings_with_did_you_mean(synthetic, runner, written, says) -> None:
    result = query(runner, synthetic, f"SELECT * WHERE {{ ?e {written} ?x }}")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"kg: warning: {says}")


def test_terms_in_strings_comments_and_prefix_lines_are_not_checked(synthetic, runner) -> None:
    text = (
        "PREFIX my: <https://kg.example.org/ontology#nothing>\n"
        'SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(?l != "kg:participant") } # kg:nobody'
    )
    result = query(runner, synthetic, text, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_real_term_the_data_does_not_use_is_no_mistake(synthetic, runner) -> None:
    result = query(runner, synthetic, "SELECT ?e WHERE { ?e skos:hiddenLabel ?l }")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_no_saved_query_uses_an_undefined_term(synthetic, runner, name) -> None:
    saved = load_catalogue()[name]
    binds = [arg for p in saved.required for arg in ("--bind", f"{p}=kgr:vietnam")]
    result = query(runner, synthetic, name, *binds)
    assert result.exit_code == 0, result.output
    assert "kg: warning:" not in result.stderr, result.stderr


def test_the_vocabularies_checked_are_the_well_known_ones() -> None:
    # kg.query.terms names them without importing rdflib (kg query starts faster)
    from kg.query.terms import _VOCABULARIES
    from kg.validation.vocabulary import WELL_KNOWN

    assert set(_VOCABULARIES) == set(WELL_KNOWN)
