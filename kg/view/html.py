"""One self-contained HTML page for a graph: vis-network, our script, style and data, all inline.

The page opens from disk with no network at all: no `http://` or `https://` string anywhere
(vis-network's own license links and SVG namespace are rewritten, our ids are compact, and
every `://` in the data is written `:\\/\\/`), and a Content-Security-Policy forbids any fetch.
Data travels as JSON in a `<script type="application/json">` block with `<`, `>` and `&`
escaped, and the script puts text in the page only through `textContent`.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import ExportError
from kg.export import atomic_path
from kg.view.layout import radial_layout
from kg.view.project import KINDS, project

BIG = 1000  # from this many nodes on, edges are drawn straight and hidden while dragging or zooming
ITERATIONS = 250  # the page's force layout runs this many iterations, then the picture is frozen
SPRING = 120  # ideal edge length of the force layout, in pixels

KIND_STYLE = {
    "person": ("人物", "#4e79a7", "dot"),
    "organization": ("机构", "#f28e2b", "hexagon"),
    "department": ("内设机构", "#e8a33d", "square"),
    "initiative": ("举措", "#59a14f", "diamond"),
    "topic": ("主题", "#b07aa1", "triangle"),
    "article": ("文章", "#8c8c8c", "star"),
    "figure": ("数据", "#d9534f", "box"),
}
EDGE_STYLE = {  # kind: (legend name, colour, dashed, width, pull in the force layout)
    "post": ("职务", "#4e79a7", False, 2.0, 1.0),
    "unit": ("下属", "#e8a33d", False, 2.0, 1.0),
    "agency": ("牵头", "#59a14f", False, 1.6, 1.0),
    "subject": ("主题", "#b07aa1", False, 1.2, 1.0),
    "about": ("数据", "#d9534f", False, 1.2, 2.5),  # figures sit close to what they measure
    "publisher": ("发布", "#8c8c8c", False, 1.2, 0.5),
    "mentions": ("提及", "#d3d8de", False, 0.7, 0.3),  # not dashed: dashes cost 10x to draw on big pages
}
QUALIFIER_ZH = {"exact": "确切", "lower": "下限（超/以上）", "upper": "上限（近/不到）", "approx": "约数"}
_ASSETS = "kg.view"


def render_html(graph: Graph | nx.MultiDiGraph, path: str | Path, *, title: str | None = None) -> Path:
    """Write the interactive view of `graph` (an ontology graph or its projection) to `path`."""
    path = Path(path)
    page = html_page(graph, title=title).encode("utf-8", "backslashreplace")
    with atomic_path(path) as tmp:
        tmp.write_bytes(page)
    return path


def html_page(graph: Graph | nx.MultiDiGraph, *, title: str | None = None) -> str:
    """The page as a string (for stdout, or for callers that write it themselves)."""
    view = graph if isinstance(graph, nx.MultiDiGraph) else project(graph)
    title = title or "知识图谱"
    parts = {
        "TITLE": _html_text(title),
        "STYLE": _asset("view.css"),
        "VIS": vis_js(),
        "DATA": script_json(payload(view, title)),
        "SCRIPT": _asset("layout.js") + "\n" + _asset("view.js"),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))


def payload(view: nx.MultiDiGraph, title: str) -> dict:
    """What the page script reads: kinds, articles, nodes (by integer id) and edges."""
    order = sorted(view, key=lambda n: (KINDS.index(view.nodes[n]["kind"]), view.nodes[n]["label"], n))
    ids = {n: i for i, n in enumerate(order)}
    articles = [n for n in order if view.nodes[n]["kind"] == "article"]
    article_ix = {n: i for i, n in enumerate(articles)}
    positions = radial_layout(view, spacing=float(SPRING))
    nodes = [_node(view.nodes[n], ids[n], positions.get(n, (0, 0)), article_ix) for n in order]
    edges = [
        {"f": ids[a], "t": ids[b], "k": d.get("kind", ""), "l": d.get("label", "")}
        for a, b, d in sorted(view.edges(data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2].get("kind", ""), e[2].get("label", "")))
    ]
    counts = {k: 0 for k in KINDS}
    for n in order:
        counts[view.nodes[n]["kind"]] += 1
    return {
        "title": title,
        "kinds": [{"key": k, "name": KIND_STYLE[k][0], "color": KIND_STYLE[k][1], "shape": KIND_STYLE[k][2],
                   "count": counts[k]} for k in KINDS],
        "edgeKinds": [{"key": k, "name": s[0], "color": s[1], "dashes": s[2], "width": s[3], "pull": s[4]}
                      for k, s in EDGE_STYLE.items()],
        "articles": [{"node": ids[n], "title": view.nodes[n].get("title") or view.nodes[n]["label"],
                      "date": view.nodes[n].get("date", "")} for n in articles],
        "nodes": nodes,
        "edges": edges,
        "big": len(order) >= BIG,
        "iterations": ITERATIONS,
        "k": SPRING,
    }


def _node(d: dict, i: int, xy: tuple[int, int], article_ix: dict) -> dict:
    kind = d["kind"]
    n = int(d.get("articles") or 0)
    out = {
        "id": i, "k": kind, "l": d["label"], "v": _display(d), "r": d.get("ref", ""),
        "n": n, "z": 16 if kind == "article" else round(min(44.0, 14 + 9 * math.log2(n)) if n > 0 else 12),
        "x": xy[0], "y": xy[1],
        "d": sorted(article_ix[doc] for doc in d.get("docs", ()) if doc in article_ix),
    }
    if d.get("aliases"):
        out["a"] = list(d["aliases"])
    if d.get("posts"):
        out["p"] = list(d["posts"])
    if d.get("figures"):
        out["f"] = list(d["figures"])
    if d.get("sentences"):
        out["s"] = [[s["text"], article_ix.get(s["doc"], -1)] for s in d["sentences"]]
        if d.get("n_sentences", 0) > len(d["sentences"]):
            out["sn"] = d["n_sentences"]
    info = _info(d)
    if info:
        out["i"] = info
    return out


def _info(d: dict) -> list[list[str]]:
    kind = d["kind"]
    if kind == "figure":
        rows = [["数值", f"{d.get('value', '')} {d.get('unit', '')}".strip()], ["限定", QUALIFIER_ZH.get(d.get("qualifier", ""), "")],
                ["指标", d.get("metric", "")], ["时期", d.get("period", "")], ["关于", d.get("about", "")],
                ["单位代码", d.get("unit_code", "")]]
    elif kind == "article":
        rows = [["日期", d.get("date", "")], ["文件", d.get("identifier", "")], ["网址", d.get("url", "")]]
    elif kind == "initiative":
        rows = [["类型", d.get("type", "")]]
    else:
        rows = []
    return [r for r in rows if r[1]]


def _display(d: dict) -> str:
    """The label drawn on the canvas: wrapped, with the metric under a figure and a bare title under a person."""
    kind, label = d["kind"], d["label"]
    if kind == "figure":
        return label + ("\n" + d["short"] if d.get("short") else "")
    if kind == "article":
        label = label if len(label) <= 18 else label[:17] + "…"
    lines = _wrap(label, 12)
    if kind == "person":
        bare = [p for p in d.get("posts", ()) if " · " not in p]
        if bare:
            lines.append("（" + "、".join(bare) + "）")
    return "\n".join(lines)


def _wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    if len(text) <= width + 2:
        return [text]
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def script_json(obj: object) -> str:
    """JSON safe inside <script>: no `<`, `>`, `&` (so no `</script>` or `<!--`), no `://`, no U+2028/9."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029"), ("://", ":\\/\\/")):
        text = text.replace(raw, esc)
    return text


def _html_text(text: str) -> str:
    return html.escape(text).replace("/", "&#47;")


def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath("assets", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network's standalone build as shipped inside pyvis, made free of `://` and `</script`."""
    lib = resources.files("pyvis").joinpath("lib")
    candidates = sorted(
        (p for p in lib.iterdir() if p.name.startswith("vis-") and p.joinpath("vis-network.min.js").is_file()),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)),
    ) if lib.is_dir() else []
    if not candidates:
        raise ExportError("E040", str(lib), "vis-network.min.js not found in the pyvis package")
    js = candidates[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.M)
    head_end = js.find("*/") + 2 if js.startswith("/**") else 0
    head = re.sub(r"https?://", "", js[:head_end])  # license header: keep the names, drop the schemes
    body = js[head_end:].replace("://", ":\\/\\/")  # only in strings (SVG namespace, error links): same value
    return (head + body).replace("</script", "<\\/script")
