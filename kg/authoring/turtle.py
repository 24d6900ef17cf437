"""Writing a ``kg draft``: Turtle literals and IRIs, the prefixes, and the blocks
of proposed facts, each under a ``# REVIEW:`` comment.

Example:
    >>> from kg.authoring.figures import Target
    >>> fact = target_fact(KGR + "article-005-target-1", Target("by 2030", "2030"), "Done by 2030.")
    >>> print(render_fact(fact))
    # REVIEW: a target year: 'by 2030'; say what is to be reached
    kgr:article-005-target-1 a kg:Target ;
        skos:prefLabel "Done by 2030. (by 2030)" ;
        kg:measure "Done by 2030." ;
        kg:targetYear "2030"^^xsd:gYear ;
        kg:evidence "Done by 2030." .
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.authoring.lookup import fold
from kg.data.namespaces import PREFIXES

if TYPE_CHECKING:
    from kg.authoring.figures import Amount, Date, Figure, Since, Target
    from kg.authoring.lookup import Entity
    from kg.authoring.names import Link, NewEntity

KGR = PREFIXES["kgr"]
SCHEMA = PREFIXES["schema"]
ORG = PREFIXES["org"]
KG = PREFIXES["kg"]

HEADER = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@dataclass
class Fact:
    """A proposed node: its Turtle lines, the review note above them."""

    review: str
    lines: list[str]


def slug(text: str) -> str:
    """An IRI-safe lower-case name.

    Example:
        >>> slug("Nguyễn Thị Bích Ngọc, Deputy Minister")
        'nguyen-thi-bich-ngoc-deputy-minister'
    """
    return "-".join(fold(text).split())[:60].strip("-") or "x"


def literal(text: str) -> str:
    """A Turtle string literal.

    Example:
        >>> literal('He said "yes"')
        '"He said \\\\"yes\\\\""'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _decimal(value: Decimal) -> str:
    """The canonical ``xsd:decimal`` lexical form of a value.

    Example:
        >>> _decimal(Decimal("61000000000.0")), _decimal(Decimal("21.60"))
        ('61000000000', '21.6')
    """
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 3].rstrip() + "..."


def _short_iri(iri: str) -> str:
    local = iri[len(KGR) :] if iri.startswith(KGR) else ""
    if local and re.fullmatch(r"[\w][\w.-]*[\w-]|\w", local):
        return f"kgr:{local}"
    return f"<{iri}>"


def _short_iris(line: str) -> str:
    return re.sub(r"<(" + re.escape(KGR) + r"[^>]*)>", lambda m: _short_iri(m.group(1)), line)


def _turtle_number(value: Decimal) -> str:
    """A number as Turtle: an integer as written, else a canonical ``xsd:decimal``.

    Example:
        >>> _turtle_number(Decimal("2000000")), _turtle_number(Decimal("67.5"))
        ('2000000', '"67.5"^^xsd:decimal')
    """
    number = _decimal(value)
    return f'"{number}"^^xsd:decimal' if "." in number else number


def render_fact(fact: Fact) -> str:
    """A proposed fact as written in the draft: its review note, then its lines
    (IRIs of ``kgr:`` shortened)."""
    return "\n".join([f"# REVIEW: {fact.review}", *(_short_iris(line) for line in fact.lines)])


def amount_fact(iri: str, amount: Amount, text: str) -> Fact:
    """A ``schema:MonetaryAmount`` of the sentence ``text``."""
    lines = [
        f"<{iri}> a schema:MonetaryAmount ;",
        f"    skos:prefLabel {literal(amount.written)} ;",
        f'    schema:value "{_decimal(amount.value)}"^^xsd:decimal ; '
        f'schema:currency "{amount.currency}" ;',
    ]
    if amount.approximate:
        lines.append("    kg:approximate true ;")
    lines.append(f"    kg:evidence {literal(text)} .")
    return Fact(f"an amount of money: {amount.written!r}", lines)


def equivalence_fact(a: str, b: str) -> Fact:
    """Two amounts (IRIs) that are the same amount in two currencies."""
    return Fact(
        "the same amount in two currencies",
        [
            f"<{a}> kg:equivalentAmount <{b}> .",
            f"<{b}> kg:equivalentAmount <{a}> .",
        ],
    )


def statistic_fact(iri: str, figure: Figure, text: str) -> Fact:
    """A ``kg:Statistic`` (percentage, rank or count) of the sentence ``text``."""
    lines = [
        f"<{iri}> a kg:Statistic ;",
        f"    skos:prefLabel {literal(_short(text) + ': ' + figure.written)} ;",
        f"    kg:measure {literal(_short(text, 120))} ;",
        f"    kg:value {_turtle_number(figure.value)} ;"
        + (f" kg:upperValue {_turtle_number(figure.upper)} ;" if figure.upper is not None else "")
        + f" kg:unit {literal(figure.unit)} ;",
    ]
    if figure.qualifier:
        lines.append(f"    kg:qualifier {literal(figure.qualifier.lower())} ;")
    lines.append(f"    kg:evidence {literal(text)} .")
    return Fact(f"a figure ({figure.unit}): {figure.written!r}; name what it measures", lines)


def target_fact(iri: str, target: Target, text: str) -> Fact:
    """A ``kg:Target`` of the sentence ``text``."""
    return Fact(
        f"a target year: {target.written!r}; say what is to be reached",
        [
            f"<{iri}> a kg:Target ;",
            f"    skos:prefLabel {literal(_short(text) + ' (by ' + target.year + ')')} ;",
            f"    kg:measure {literal(_short(text, 120))} ;",
            f'    kg:targetYear "{target.year}"^^xsd:gYear ;',
            f"    kg:evidence {literal(text)} .",
        ],
    )


def event_fact(iri: str, date: Date, text: str) -> Fact:
    """A dated ``schema:Event`` of the sentence ``text``."""
    return Fact(
        f"a date ({date.datatype}): {date.written!r}; make it the date of the event or "
        "agreement it dates, or delete",
        [
            f"<{iri}> a schema:Event ;",
            f"    skos:prefLabel {literal(_short(text) + ' (' + date.written + ')')} ;",
            f'    schema:startDate "{date.value}"^^xsd:{date.datatype} ;',
            f"    kg:dateText {literal(date.written)} ;",
            f"    kg:evidence {literal(text)} .",
        ],
    )


def month_comment(date: Date, text: str) -> str:
    """The review comment of a month without a year (no event: it has no date)."""
    return (
        f'# REVIEW: a month without a year, {date.written!r} ("{date.value}"^^xsd:gMonth), in: '
        f"{_short(text, 150)}"
    )


def reference_year_comment(since: Since, text: str) -> str:
    """The review comment of a reference year that is not the first year of a figure."""
    return (
        f'# REVIEW: a reference year, {since.written!r} ("{since.year}"^^xsd:gYear), '
        f"not an event, in: {_short(text, 150)}"
    )


def since_line(since: Since) -> str:
    """The ``kg:sinceYear`` line added to a statistic."""
    return f'    kg:sinceYear "{since.year}"^^xsd:gYear ;'


def cumulative_fact(iri: str, since: Since, amounts: list[str], text: str) -> Fact:
    """A ``kg:Statistic`` whose amounts (IRIs) are counted since a year."""
    return Fact(
        f"a cumulative figure {since.written!r}: name what it measures",
        [
            f"<{iri}> a kg:Statistic ;",
            f"    skos:prefLabel {literal(_short(text) + ' (' + since.written + ')')} ;",
            f"    kg:measure {literal(_short(text, 120))} ;",
            "    kg:amount " + ", ".join(f"<{a}>" for a in amounts) + " ;",
            since_line(since),
            f"    kg:evidence {literal(text)} .",
        ],
    )


def render_draft(
    text: str,
    corpus_file: str,
    article: str,
    entities: Mapping[str, Entity],
    links: list[Link],
    new_entities: list[NewEntity],
    facts: list[Fact],
    comments: list[str],
) -> str:
    """The draft's Turtle: a note, the prefixes, the article node, the known
    entities found (``links``, with close spellings as aliases to review), the
    ``new_entities``, then ``comments`` and ``facts`` (dates and figures).
    ``entities`` are the index's known entities by IRI."""
    out = [
        f"# DRAFT written by `kg draft` from {corpus_file}: every fact below is a",
        "# proposal. Review each one (# REVIEW: comments), complete or delete it, then",
        "# run `kg validate`.",
        "",
        HEADER,
    ]
    headline = next((s.strip() for s in text.splitlines() if s.strip()), article)
    mentioned = sorted({link.iri for link in links} | {n.iri for n in new_entities})
    number = re.sub(r"\D", "", article) or article
    out.append("# ------------------------------------------------------------------ the article")
    out.append("")
    out.append("# REVIEW: the article; schema:mentions lists the entities found in the text.")
    out.append(f"{_short_iri(KGR + article)} a schema:NewsArticle ;")
    out.append(
        f"    skos:prefLabel {literal('Article ' + number + ': ' + _short(headline, 100))} ;"
    )
    out.append(f"    schema:headline {literal(headline)} ;")
    out.append(f"    kg:corpusFile {literal(corpus_file)}" + (" ;" if mentioned else " ."))
    if mentioned:
        shown = ", ".join(_short_iri(i) for i in mentioned)
        out.append(f"    schema:mentions {shown} .")
    out.append("")
    out.append(
        "# ------------------------------------------------------------------ known entities"
    )
    out.append("")
    by_iri: dict[str, list[Link]] = {}
    for link in links:
        by_iri.setdefault(link.iri, []).append(link)
    for iri in sorted(by_iri):
        links = by_iri[iri]
        entity = entities[iri]
        first = links[0]
        out.append(
            f"# REVIEW: {_short_iri(iri)} ({entity.label}) as {first.written!r} in: "
            f"{_short(first.sentence.text, 150)}"
        )
        if all(link.how == "sides" for link in links):
            out.append("# REVIEW: read as one of the governments of the article's two countries")
        titled = next((link.role for link in links if link.role), None)
        if titled:
            out.append(
                f"# REVIEW: titled {titled[0]!r}, a known position at "
                f"{_short_iri(titled[1])}; the title alone mentions no organisation"
            )
        variants = sorted(
            {
                link.written
                for link in links
                if link.how == "variant" and fold(link.written) not in map(fold, entity.names)
            }
        )
        for variant in variants:
            out.append(
                f"# REVIEW: {variant!r} is not yet a name of {_short_iri(iri)}: "
                "a spelling of the same entity? (else delete the line below)"
            )
            out.append(f"{_short_iri(iri)} skos:altLabel {literal(variant)} .")
    out.append("")
    if new_entities:
        out.append(
            "# ------------------------------------------------------------------ new entities"
        )
        out.append("")
    for new in new_entities:
        kind = {
            SCHEMA + "Person": "schema:Person",
            ORG + "Organization": "org:Organization",
            SCHEMA + "Place": "schema:Place",
        }[new.kind]
        out.append(
            f"# REVIEW: a new {kind.split(':')[1].lower()}? {new.label!r}; check the IRI, "
            "class and label, or delete."
        )
        if new.weak:
            out.append(
                "# REVIEW: or is it a known entity? "
                + ", ".join(f"{_short_iri(i)} ({entities[i].label})" for i in new.weak)
            )
        out.append(f"{_short_iri(new.iri)} a {kind} ;")
        out.append(f"    skos:prefLabel {literal(new.label)} ;")
        out.append(f"    kg:evidence {literal(new.sentence.text)} .")
        out.append("")
    if facts or comments:
        out.append(
            "# ------------------------------------------------------------------ dates and figures"
        )
        out.append("")
    out.extend(comments)
    if comments:
        out.append("")
    for fact in facts:
        out.append(render_fact(fact))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
