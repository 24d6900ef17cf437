"""Groups of classes for graph pages: a few colours a reader can tell apart.

A page colours its nodes by *group*, not by class: about ten groups that a
reader takes in at once (people, organisations, places, events ...). A class
joins the group of its nearest **anchor**, an ancestor class in the
ontology's ``rdfs:subClassOf`` hierarchy (``kg:Ministry`` is a
``schema:GovernmentOrganization``, so it is among the governments). The
anchors are the top of each branch, not a list of the classes in use, so a
new subclass in the ontology finds its group by itself; a class under no
anchor is "other".

Each group has one colour on every page and for every graph: the palette is
keyed by group (Paul Tol's "muted" scheme, made to stay distinct for
colour-blind readers, then dark and pale grey). Within a group, the class is
told by the node's shape, given in the order of the ontology's classes of that
group (the anchor first), so a shape, too, means the same on every page of an
ontology.

Example:
    >>> style_of("kg:Ministry", {"kg:Ministry": ["schema:GovernmentOrganization"]}).group
    'governments'
    >>> style_of("ex:Unknown", {}).group
    'other'
"""

from __future__ import annotations

from dataclasses import dataclass

#: (key, name on the page, colour, anchor classes), in the order a class is matched.
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("people", "People and positions", "#332288", ("schema:Person", "org:Membership")),
    (
        "governments",
        "Governments and ministries",
        "#44AA99",
        ("schema:GovernmentOrganization",),
    ),
    ("organisations", "Organisations", "#88CCEE", ("org:Organization", "schema:Organization")),
    ("places", "Places", "#117733", ("schema:Place",)),
    ("events", "Events", "#DDCC77", ("schema:Event",)),
    ("agreements", "Agreements and documents", "#CC6677", ("schema:CreativeWork",)),
    (
        "initiatives",
        "Initiatives, projects and partnerships",
        "#AA4499",
        ("schema:Project", "kg:Partnership", "kg:PartnershipLevel"),
    ),
    ("topics", "Topics and roles", "#999933", ("skos:Concept",)),
    (
        "figures",
        "Figures: amounts, statistics, targets",
        "#882255",
        ("schema:MonetaryAmount", "schema:Observation", "kg:Target"),
    ),
    (
        "statements",
        "Statements: proposals, requests, commitments",
        "#555555",
        ("kg:Statement",),
    ),
    ("other", "Other", "#BBBBBB", ()),
)

#: Shapes that vis-network draws with the label beneath, in the order classes of a group take them.
SHAPES = ("dot", "square", "diamond", "triangle", "triangleDown", "hexagon", "star")


@dataclass(frozen=True)
class Style:
    """How a class is drawn: its group, the group's colour, and the class's shape."""

    group: str
    colour: str
    shape: str


def group_of(cls: str, ancestors: dict[str, list[str]]) -> str:
    """The key of the group of ``cls``, given each class's ancestors (nearest first).

    Example:
        >>> group_of("kg:Visit", {"kg:Visit": ["schema:Event"]})
        'events'
        >>> group_of("schema:Person", {})
        'people'
    """
    lineage = [cls, *ancestors.get(cls, [])]
    for key, _name, _colour, anchors in GROUPS:
        if any(c in anchors for c in lineage):
            return key
    return "other"


def style_of(cls: str, ancestors: dict[str, list[str]], shape_index: int = 0) -> Style:
    """The style of ``cls``; ``shape_index`` is its place among its group's classes."""
    key = group_of(cls, ancestors)
    colour = next(c for k, _n, c, _a in GROUPS if k == key)
    return Style(key, colour, SHAPES[shape_index % len(SHAPES)])


def class_styles(ancestors: dict[str, list[str]], used: set[str]) -> dict[str, Style]:
    """The style of every class in ``used``; shapes follow the order of all known classes.

    ``ancestors`` holds every class of the ontology (with its ancestors), so a
    class keeps its shape whatever the page shows.

    Example:
        >>> known = {"ex:A": ["schema:Event"], "ex:B": ["schema:Event"]}
        >>> class_styles(known, {"ex:B"})["ex:B"].shape
        'square'
    """
    members: dict[str, list[str]] = {}
    for cls in sorted(set(ancestors) | used):
        members.setdefault(group_of(cls, ancestors), []).append(cls)
    anchors = [a for *_rest, group_anchors in GROUPS for a in group_anchors]
    styles = {}
    for classes in members.values():
        # anchors first (in GROUPS order), then the other classes by name
        ordered = sorted(
            classes, key=lambda c: (anchors.index(c) if c in anchors else len(anchors), c)
        )
        for index, cls in enumerate(ordered):
            if cls in used:
                styles[cls] = style_of(cls, ancestors, index)
    return styles


def group_table() -> list[dict[str, str]]:
    """The groups as the page's legend lists them: key, name and colour."""
    return [{"key": k, "name": n, "colour": c} for k, n, c, _a in GROUPS]
