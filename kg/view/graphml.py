"""The projected graph as GraphML for Gephi and networkx users (attributes flattened to text and numbers)."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.export import atomic_path
from kg.view.project import project

_SEP = " | "


def to_graphml(graph: Graph | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the projection of `graph` (or an already projected graph) to `path` as GraphML."""
    path = Path(path)
    data = graphml_bytes(graph)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def graphml_bytes(graph: Graph | nx.MultiDiGraph) -> bytes:
    flat = flatten(graph if isinstance(graph, nx.MultiDiGraph) else project(graph))
    buf = io.BytesIO()
    nx.write_graphml(flat, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def flatten(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML can hold: lists joined with ` | `, sentences as lines, no None."""
    out = nx.MultiDiGraph()
    for n, d in view.nodes(data=True):
        out.add_node(n, **{k: v for k, v in ((k, _flat(k, v)) for k, v in d.items()) if v is not None})
    for a, b, key, d in view.edges(keys=True, data=True):
        out.add_edge(a, b, key=str(key), **{k: v for k, v in ((k, _flat(k, v)) for k, v in d.items()) if v is not None})
    return out


def _flat(name: str, value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if name == "sentences":
        return "\n".join(f"{s['text']} 〔{s['title']} {s['date']}〕".replace(" 〕", "〕") for s in value)
    if isinstance(value, (list, tuple, set)):
        return _SEP.join(str(v) for v in value)
    return str(value)
