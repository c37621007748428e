"""Seeded node positions for views: the same graph and seed give the same positions.

networkx's ``spring_layout`` is O(n^2) per iteration and, without SciPy, builds dense
n-by-n arrays: fine for a few hundred nodes, minutes and gigabytes for 20,000. So:

* each connected component is laid out on its own and the components are packed in
  rows, largest first (isolated nodes last, on a grid);
* a component of up to :data:`SPRING_LIMIT` nodes gets ``spring_layout``;
* a larger one gets an *anchored* layout in O(nodes + edges): its
  :data:`ANCHORS` best-connected nodes (the countries, materials and applications of
  a landscape) are laid out with ``spring_layout`` on a graph that links two anchors
  by the nodes they share; every other node goes, level by level outwards from the
  anchors, near the centre of its already placed neighbours, and the nodes that share
  exactly the same placed neighbours are spread on a sunflower (Vogel) spiral around
  that point, so they neither pile up nor need a force simulation.

Positions are in vis-network pixels (roughly :data:`SPACING` between neighbours);
both the HTML and the static renderers use them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import networkx as nx
import numpy as np

__all__ = ["SPRING_LIMIT", "ANCHORS", "SPACING", "layout"]

#: Components up to this many nodes get networkx's spring layout.
SPRING_LIMIT = 300
#: How many best-connected nodes anchor a large component's layout.
ANCHORS = 120
#: About the distance between neighbouring nodes, in pixels.
SPACING = 22.0
_GOLDEN = math.pi * (3 - math.sqrt(5))
_PAIRS_PER_NODE = 8  # anchor pairs counted per node when linking anchors


def _simple(graph: nx.Graph) -> tuple[list[object], list[list[int]]]:
    """Nodes in sorted order and an undirected, loop-free adjacency list of indices."""
    order = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(order)}
    adjacency: list[set[int]] = [set() for _ in order]
    for u, v in graph.edges():
        a, b = index[u], index[v]
        if a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    return order, [sorted(s) for s in adjacency]


def _components(adjacency: list[list[int]]) -> list[list[int]]:
    seen = [False] * len(adjacency)
    components = []
    for start in range(len(adjacency)):
        if seen[start]:
            continue
        seen[start] = True
        stack, members = [start], []
        while stack:
            node = stack.pop()
            members.append(node)
            for other in adjacency[node]:
                if not seen[other]:
                    seen[other] = True
                    stack.append(other)
        components.append(sorted(members))
    components.sort(key=lambda c: (-len(c), c[0]))
    return components


def _spring(members: list[int], adjacency: list[list[int]], seed: int,
            weights: dict[tuple[int, int], float] | None = None,
            scale: float | None = None) -> dict[int, tuple[float, float]]:
    sub = nx.Graph()
    sub.add_nodes_from(members)
    if weights is None:
        chosen = set(members)
        sub.add_edges_from((a, b) for a in members for b in adjacency[a] if b > a and b in chosen)
    else:
        sub.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    # a larger optimal distance than networkx's 1/sqrt(n) spreads the hubs' crowd
    positions = nx.spring_layout(sub, seed=seed, iterations=80, k=2.0 / math.sqrt(len(members)),
                                 weight="weight" if weights is not None else None)
    scale = scale if scale is not None else SPACING * 1.6 * math.sqrt(len(members))
    order = sorted(positions)
    xy = np.array([positions[n] for n in order], dtype=float) * scale
    if len(order) <= SPRING_LIMIT:
        xy = _spread(xy, SPACING * 1.6)
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, xy, strict=True)}


def _spread(xy: np.ndarray, distance: float, iterations: int = 40) -> np.ndarray:
    """Push apart nodes closer than *distance* (a few vectorized passes, n <= 300)."""
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        gap = np.sqrt((delta ** 2).sum(axis=-1))
        np.fill_diagonal(gap, np.inf)
        overlap = np.clip(distance - gap, 0, None)
        if not overlap.any():
            break
        gap = np.where(gap == 0, 1e-6, gap)
        push = (delta / gap[..., None] * overlap[..., None] / 2).sum(axis=1)
        xy = xy + push * 0.5
    return xy


class _Lattice:
    """Free spots on a square lattice: one node per cell, found by a set lookup."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.taken: set[tuple[int, int]] = set()
        self.progress: dict[tuple[int, int], int] = {}  # spiral index reached near a centre

    def key(self, x: float, y: float) -> tuple[int, int]:
        return (math.floor(x / self.cell), math.floor(y / self.cell))

    def centre(self, key: tuple[int, int]) -> tuple[float, float]:
        return ((key[0] + 0.5) * self.cell, (key[1] + 0.5) * self.cell)

    def block(self, point: tuple[float, float], radius: int = 0) -> None:
        kx, ky = self.key(*point)
        self.taken.update((kx + dx, ky + dy) for dx in range(-radius, radius + 1)
                          for dy in range(-radius, radius + 1))


def _place_on_spiral(center: tuple[float, float], nodes: list[int], lattice: _Lattice,
                     phase: float) -> dict[int, tuple[float, float]]:
    """Put *nodes* in the first free cells along a sunflower (Vogel) spiral from *center*."""
    cx, cy = center
    step = lattice.cell * 0.6
    placed = {}
    # groups centred close together share one spiral: start where the last one stopped
    near = (round(cx / (2 * SPACING)), round(cy / (2 * SPACING)))
    i = int(lattice.progress.get(near, 0) * 0.9)
    taken = lattice.taken
    for node in nodes:
        misses = 0
        while True:
            r = step * math.sqrt(i)
            key = lattice.key(cx + r * math.cos(i * _GOLDEN + phase),
                              cy + r * math.sin(i * _GOLDEN + phase))
            # through a crowd (other groups' nodes), take ever longer strides outwards
            i += 1 + misses // 4
            if key not in taken:
                break
            misses += 1
        taken.add(key)
        placed[node] = lattice.centre(key)
    lattice.progress[near] = i
    return placed


def _anchored(members: list[int], adjacency: list[list[int]], seed: int
              ) -> dict[int, tuple[float, float]]:
    by_degree = sorted(members, key=lambda n: (-len(adjacency[n]), n))
    # hubs only: a node of ordinary degree among the anchors drifts to the rim
    mean = sum(len(adjacency[n]) for n in members) / len(members)
    hubs = [n for n in by_degree if len(adjacency[n]) >= 2 * mean]
    anchors = sorted((hubs if len(hubs) >= 3 else by_degree)[:ANCHORS])
    anchor_set = set(anchors)
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for node in members:
        linked = [a for a in adjacency[node] if a in anchor_set]
        if node in anchor_set:
            for other in linked:
                if other > node:
                    weights[(node, other)] += 2
        else:
            for a, b in combinations(linked[:_PAIRS_PER_NODE], 2):
                weights[(a, b)] += 1
    weights = {pair: 1 + math.log(w) for pair, w in weights.items()}
    positions = _spring(anchors, adjacency, seed, weights=weights or None,
                        scale=SPACING * 1.2 * math.sqrt(len(members)))
    lattice = _Lattice(SPACING * 0.9)
    for anchor in anchors:
        lattice.block(positions[anchor], radius=1)  # hubs are drawn larger
    placed = set(anchors)
    frontier = anchors
    phase = (seed % 360) * math.pi / 180
    while frontier:
        # the next level: unplaced neighbours of the frontier, grouped by placed neighbours
        level = sorted({other for node in frontier for other in adjacency[node]
                        if other not in placed})
        groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for node in level:
            groups[tuple(p for p in adjacency[node] if p in placed)].append(node)
        for parents, nodes in sorted(groups.items()):
            cx = sum(positions[p][0] for p in parents) / len(parents)
            cy = sum(positions[p][1] for p in parents) / len(parents)
            positions.update(_place_on_spiral((cx, cy), nodes, lattice, phase))
        placed.update(level)
        frontier = level
    return positions


def _pack(blocks: list[dict[int, tuple[float, float]]]) -> dict[int, tuple[float, float]]:
    """Place laid-out components in rows, left to right, largest first."""
    boxes = []
    for block in blocks:
        xs = [x for x, _ in block.values()]
        ys = [y for _, y in block.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 2 * SPACING,
                      max(ys) - min(ys) + 2 * SPACING))
    area = sum(w * h for _, _, w, h in boxes)
    # rows about as wide as a slide, small components beside the largest one
    row_width = max(max(w for _, _, w, _ in boxes) * 1.8, math.sqrt(area * 16 / 9))
    out: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for block, (left, top, width, height) in zip(blocks, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny_) in block.items():
            out[node] = (nx_ - left + x + SPACING, ny_ - top + y + SPACING)
        x += width
        row_height = max(row_height, height)
    return out


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[object, tuple[float, float]]:
    """Return a position (x, y) in pixels for every node of *graph*.

    Parameters
    ----------
    graph : networkx.Graph
        Any graph (directed and multigraphs are laid out as simple undirected graphs).
    seed : int
        Seed of the spring layouts; the same graph and seed give the same positions,
        whatever the order in which nodes and edges were added.

    Returns
    -------
    dict
        Node -> (x, y), centred on the origin, y pointing down as on a screen.

    Examples
    --------
    >>> g = nx.path_graph(4)
    >>> pos = layout(g, seed=1)
    >>> sorted(pos) == [0, 1, 2, 3] and pos == layout(nx.path_graph(4), seed=1)
    True
    >>> layout(nx.Graph())
    {}
    """
    order, adjacency = _simple(graph)
    if not order:
        return {}
    blocks: list[dict[int, tuple[float, float]]] = []
    singles: list[int] = []
    for members in _components(adjacency):
        if len(members) == 1:
            singles += members
        elif len(members) <= SPRING_LIMIT:
            blocks.append(_spring(members, adjacency, seed))
        else:
            blocks.append(_anchored(members, adjacency, seed))
    if singles:
        columns = max(1, math.ceil(math.sqrt(len(singles))))
        blocks.append({n: ((i % columns) * SPACING * 2, (i // columns) * SPACING * 2)
                       for i, n in enumerate(singles)})
    packed = _pack(blocks)
    mx = (min(x for x, _ in packed.values()) + max(x for x, _ in packed.values())) / 2
    my = (min(y for _, y in packed.values()) + max(y for _, y in packed.values())) / 2
    return {order[i]: (round(x - mx, 1), round(y - my, 1)) for i, (x, y) in sorted(packed.items())}
