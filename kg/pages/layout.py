"""Where a page puts its nodes: communities together, nothing overlapping, strays aside.

The layout is computed once, seeded, in Python, so the page is still when it
opens and the same graph always gives the same file:

- the largest component is drawn by a force-directed layout whose edges pull
  harder inside a community (Louvain, seed 0) than across, starting from the
  communities placed around a circle, so communities show as clusters;
- nodes are then pushed apart until no two overlap;
- the largest nodes' labels, as the page first shows them (13 px beneath each
  node, the view fitted to a laptop's graph area), are kept clear of one another
  and of other nodes, so the names that matter most are all readable at once;
- the other components (small groups and isolated nodes) stand in tidy
  columns to the right of the main one, largest first, so fitting the view
  does not shrink the main component.

Example:
    >>> import networkx as nx
    >>> g = nx.path_graph(4)
    >>> g.add_node(9)
    >>> pos = layout(g, {n: 10.0 for n in g})
    >>> pos[9][0] > max(pos[n][0] for n in range(4))
    True
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np

#: Components above this many nodes are laid out by igraph (C) rather than networkx (Python):
#: the seed graph's (179 nodes) by networkx; the 344-node core of ``kg viz --top 500`` at
#: 1 M triples by igraph in 0.2 s instead of 0.8 s.
LARGE_COMPONENT = 250
#: Canvas units between two nodes' rims, at least.
GAP = 12.0
#: Width over height of the main component, near a screen's.
ASPECT = 1.6
#: How many of the largest nodes have their labels kept clear (the page draws these first).
TOP_LABELLED = 10
#: The graph area a page is laid out for, in CSS px: a 1280x800 window less header and panel.
SCREEN = (960.0, 740.0)
#: The labels' font size on screen (px), as the page draws them, and their box's padding.
LABEL_PX = 13.0


def communities_of(graph: nx.Graph) -> list[list]:
    """Louvain communities of an undirected graph (seed 0), largest first, members sorted."""
    if graph.number_of_nodes() > LARGE_COMPONENT:
        import igraph as ig

        order = sorted(graph, key=str)
        index = {n: i for i, n in enumerate(order)}
        small = ig.Graph(n=len(order), edges=[(index[a], index[b]) for a, b in graph.edges])
        ig.set_random_number_generator(random.Random(0))
        try:
            membership = small.community_multilevel().membership
        finally:
            ig.set_random_number_generator(random)
        found: dict[int, list] = {}
        for node, community in zip(order, membership, strict=True):
            found.setdefault(community, []).append(node)
        parts = list(found.values())
    else:
        # on integers: Louvain's inner sets of strings would follow the process's hash seed
        order = sorted(graph, key=str)
        index = {n: i for i, n in enumerate(order)}
        numbered = nx.Graph()
        numbered.add_nodes_from(range(len(order)))
        numbered.add_edges_from(sorted((index[a], index[b]) for a, b in graph.edges))
        parts = [
            sorted((order[i] for i in c), key=str)
            for c in nx.community.louvain_communities(numbered, seed=0)
        ]
    return sorted(parts, key=lambda c: (-len(c), str(c[0])))


def _community_layout(sub: nx.Graph, radius: float) -> dict:
    parts = communities_of(sub)
    community = {n: i for i, part in enumerate(parts) for n in part}
    rng = random.Random(0)
    start = {}
    for i, part in enumerate(parts):
        angle = 2 * math.pi * i / len(parts)
        cx, cy = (math.cos(angle) * 0.6, math.sin(angle) * 0.6) if len(parts) > 1 else (0, 0)
        for n in part:
            start[n] = (cx + rng.uniform(-0.15, 0.15), cy + rng.uniform(-0.15, 0.15))
    nodes = sorted(sub, key=str)
    if len(nodes) > LARGE_COMPONENT:
        import igraph as ig

        index = {n: i for i, n in enumerate(nodes)}
        edges = sorted(sub.edges, key=str)
        graph = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges])
        weights = [1.0 if community[a] == community[b] else 0.1 for a, b in edges]
        spread = len(nodes) ** 0.5
        ig.set_random_number_generator(random.Random(0))
        try:
            coords = graph.layout_fruchterman_reingold(
                # spread out: igraph's grid is slow when the seed is packed in a unit square
                seed=[[x * spread, y * spread] for x, y in (start[n] for n in nodes)],
                weights=weights,
                niter=150,
                grid="grid",
            ).coords
        finally:
            ig.set_random_number_generator(random)
        local = dict(zip(nodes, coords, strict=True))
    else:
        weighted = nx.Graph()
        weighted.add_nodes_from(nodes)
        weighted.add_edges_from(
            (a, b, {"w": 1.0 if community[a] == community[b] else 0.15})
            for a, b in sorted(sub.edges, key=str)
        )
        local = nx.spring_layout(
            weighted, pos=start, weight="w", seed=0, iterations=200, k=2.2 / len(nodes) ** 0.5
        )
    xs = [p[0] for p in local.values()]
    ys = [p[1] for p in local.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    # landscape, like the screen: width about ASPECT times the height
    sx = (max(xs) - min(xs)) / 2 or 1.0
    sy = (max(ys) - min(ys)) / 2 or 1.0
    rx, ry = radius * ASPECT**0.5, radius / ASPECT**0.5
    return {n: ((p[0] - cx) / sx * rx, (p[1] - cy) / sy * ry) for n, p in local.items()}


def _separate(positions: dict, radii: dict, rounds: int = 60) -> dict:
    """Push apart every pair of nodes closer than their radii plus :data:`GAP`."""
    from scipy.spatial import cKDTree

    nodes = sorted(positions, key=str)
    if len(nodes) < 2:
        return positions
    xy = np.array([positions[n] for n in nodes], dtype=float)
    r = np.array([radii[n] for n in nodes], dtype=float)
    reach = 2 * r.max() + GAP
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = xy[j] - xy[i]
        dist = np.hypot(d[:, 0], d[:, 1])
        need = r[i] + r[j] + GAP
        close = dist < need
        if not close.any():
            break
        i, j, d, dist, need = i[close], j[close], d[close], dist[close], need[close]
        same = dist < 1e-6  # the same spot: part them along a fixed direction
        d[same] = np.column_stack([1.0 + (i[same] % 7), (j[same] % 5) - 2.0])
        dist[same] = np.hypot(d[same, 0], d[same, 1])
        step = ((need - dist) / 2 / dist)[:, None] * d
        push = np.zeros_like(xy)
        np.add.at(push, i, -step)
        np.add.at(push, j, step)
        xy += push
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def label_width(text: str) -> float:
    """A label's box width on screen (px) at :data:`LABEL_PX`, as the page shortens it.

    An estimate (system-ui averages about 7.5 px a character at 13 px), a little generous.

    Example:
        >>> label_width("Vietnam")
        58.5
    """
    return 7.5 * min(len(text), 41) + 6.0


def _units_per_px(positions: dict, radii: dict) -> float:
    """Canvas units per screen px once the page fits every node into :data:`SCREEN`."""
    xy = np.array(list(positions.values()), dtype=float)
    r = np.array([radii[n] for n in positions], dtype=float)
    width = (xy[:, 0] + r).max() - (xy[:, 0] - r).min()
    height = (xy[:, 1] + r).max() - (xy[:, 1] - r).min()
    # vis-network fits with a tenth to spare and zooms in at most 1.2 times
    return max(1.1 * width / SCREEN[0], 1.1 * height / SCREEN[1], 1 / 1.2)


def _clear_labels(positions: dict, radii: dict, widths: dict, unit: float) -> dict:
    """Move the labelled nodes so each one's label beneath it is clear of the others.

    Each labelled node stands for a box: its own disc and, beneath it, its label
    (``widths`` in px, :data:`LABEL_PX` high) at ``unit`` canvas units per px. Two
    boxes that overlap are parted along the axis where they overlap less; any
    other node inside a box steps out of it upwards or downwards.
    """
    mine = sorted((n for n in widths if n in positions), key=str)
    if not mine:
        return positions
    xy = {n: list(positions[n]) for n in positions}
    pad = 3.0 * unit

    def box(n: str) -> tuple[float, float, float, float]:
        x, y = xy[n]
        r = radii[n]
        half = max(widths[n] * unit / 2, r) + pad
        return x - half, y - r - pad, x + half, y + r + (2.0 + LABEL_PX + 4.0) * unit + pad

    for _ in range(200):
        moved = False
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                al, at, ar, ab = box(a)
                bl, bt, br, bb = box(b)
                over_x, over_y = min(ar, br) - max(al, bl), min(ab, bb) - max(at, bt)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                if over_y <= over_x:
                    step = over_y / 2 + 0.5
                    sign = 1.0 if (xy[b][1], b) > (xy[a][1], a) else -1.0
                    xy[a][1] -= sign * step
                    xy[b][1] += sign * step
                else:
                    step = over_x / 2 + 0.5
                    sign = 1.0 if (xy[b][0], b) > (xy[a][0], a) else -1.0
                    xy[a][0] -= sign * step
                    xy[b][0] += sign * step
        if not moved:
            break
    labelled = set(mine)
    for n in mine:
        left, top, right, bottom = box(n)
        for other in sorted(positions, key=str):
            if other in labelled:
                continue
            x, y = xy[other]
            r = radii[other]
            if x + r <= left or x - r >= right or y + r <= top or y - r >= bottom:
                continue
            up, down = y + r - top, bottom - (y - r)
            xy[other][1] += -(up + 0.5) if up < down else down + 0.5
    return {n: (float(p[0]), float(p[1])) for n, p in xy.items()}


def layout(
    graph: nx.Graph, radii: dict, labels: dict | None = None
) -> dict[object, tuple[float, float]]:
    """Positions (canvas units, rounded to 0.1) of every node; ``radii`` are the drawn sizes.

    ``labels`` (node to label text) names the nodes whose labels must be readable
    at the first view, the largest first; by default the :data:`TOP_LABELLED`
    largest nodes by radius with a ``label`` attribute.
    """
    view = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(view)),
        key=lambda c: (-len(c), str(c[0])),
    )
    if not parts:
        return {}
    if labels is None:
        named = [n for n in graph if "label" in graph.nodes[n]]
        named.sort(key=lambda n: (-radii[n], str(n)))
        labels = {n: str(graph.nodes[n]["label"]) for n in named[:TOP_LABELLED]}
    main = parts[0]
    sub = nx.Graph()
    sub.add_nodes_from(main)
    sub.add_edges_from(view.subgraph(main).edges)
    if len(main) == 1:
        local = {main[0]: (0.0, 0.0)}
    else:
        radius = 75 * len(main) ** 0.5
        local = _separate(_community_layout(sub, radius), radii)
    blocks = []
    for part in parts[1:]:
        if len(part) == 1:
            blocks.append({part[0]: (0.0, 0.0)})
        else:
            small = nx.Graph()
            small.add_nodes_from(part)
            small.add_edges_from(view.subgraph(part).edges)
            blocks.append(_separate(_community_layout(small, 45 * len(part) ** 0.5), radii))
    positions = _beside(local, blocks)
    widths = {n: label_width(text) for n, text in labels.items() if n in local}
    if widths and len(local) > 1:
        for _ in range(3):
            unit = _units_per_px(positions, radii)
            local = _separate(_clear_labels(local, radii, widths, unit), radii)
            positions = _beside(local, blocks)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in positions.items()}


def _beside(local: dict, blocks: list[dict]) -> dict:
    """The main component's positions and, in columns to its right, the other blocks'."""
    positions = dict(local)
    xs = [p[0] for p in local.values()]
    ys = [p[1] for p in local.values()]
    top, bottom = min(ys), max(ys)
    height = max(bottom - top, 400.0)
    column_x = max(xs) + 260.0
    cursor_y = top
    column_width = 0.0
    for block in blocks:
        bx = [p[0] for p in block.values()]
        by = [p[1] for p in block.values()]
        w, h = max(bx) - min(bx), max(by) - min(by)
        if cursor_y > top and cursor_y + h > top + height:
            column_x += column_width + 280.0
            cursor_y, column_width = top, 0.0
        for node, (x, y) in block.items():
            positions[node] = (x - min(bx) + column_x, y - min(by) + cursor_y)
        cursor_y += h + 70.0
        column_width = max(column_width, w)
    return positions
