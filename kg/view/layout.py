"""A deterministic layout in pure Python, linear in the graph size: radial trees, packed on shelves.

Each connected component is drawn as a radial tree around its best-connected node (wedges
proportional to subtree size, rings wide enough for the nodes on them); components are packed
biggest first in rows. It is the deterministic starting point of the page's own force layout
(assets/layout.js), which relaxes it for a bounded number of iterations and then freezes it.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx


def radial_layout(graph: nx.Graph, spacing: float = 100.0) -> dict[str, tuple[int, int]]:
    """Positions (x, y) in pixels for every node of `graph`."""
    adj: dict = {n: set() for n in graph}
    for a, b in graph.edges():
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    degree = {n: len(ns) for n, ns in adj.items()}
    rank = {n: i for i, n in enumerate(sorted(graph, key=str))}
    seen: set = set()
    components = []
    for start in sorted(graph, key=lambda n: (-degree[n], rank[n])):
        if start not in seen:
            components.append(_component(start, adj, degree, rank, seen, spacing))
    return _pack(components, spacing)


def _component(root, adj, degree, rank, seen, spacing) -> tuple[float, dict]:
    """Radial tree of the component of `root`: (radius, {node: (x, y)} around (0, 0))."""
    seen.add(root)
    order, children, depth = [root], {root: []}, {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for nb in sorted(adj[node] - seen, key=lambda n: (-degree[n], rank[n])):
            seen.add(nb)
            depth[nb] = depth[node] + 1
            children[node].append(nb)
            children[nb] = []
            order.append(nb)
            queue.append(nb)
    weight = {}
    for node in reversed(order):
        weight[node] = max(1, sum(weight[c] for c in children[node]))
    per_ring: dict[int, int] = {}
    for d in depth.values():
        per_ring[d] = per_ring.get(d, 0) + 1
    radius = [0.0]
    for d in range(1, max(per_ring) + 1):
        radius.append(max(radius[-1] + spacing, spacing * per_ring[d] / (2 * math.pi)))
    pos = {root: (0.0, 0.0)}
    wedge = {root: (0.0, 2 * math.pi)}
    for node in order:
        a0, a1 = wedge[node]
        total = weight[node] if children[node] else 1
        at = a0
        for c in children[node]:
            span = (a1 - a0) * weight[c] / total
            wedge[c] = (at, at + span)
            mid = at + span / 2
            r = radius[depth[c]]
            pos[c] = (r * math.cos(mid), r * math.sin(mid))
            at += span
    return radius[-1], pos


def _pack(components: list[tuple[float, dict]], spacing: float) -> dict[str, tuple[int, int]]:
    """Shelf packing: components in rows, biggest first, rows about as wide as the whole is tall."""
    if not components:
        return {}
    components.sort(key=lambda c: -c[0])
    sizes = [2 * r + spacing for r, _ in components]
    row_width = max(max(sizes), math.sqrt(sum(s * s for s in sizes)))
    out: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for (r, pos), size in zip(components, sizes):
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for node, (px, py) in pos.items():
            out[node] = (round(cx + px), round(cy + py))
        x += size
        row_height = max(row_height, size)
    return out
