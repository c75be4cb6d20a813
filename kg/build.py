"""`kg build`: articles in, per-article Turtle and answer-key JSON out, plus the merged graph and view.

A bad article does not stop the batch: it is reported in `BuildResult.failed` and the good
ones are built. Every file is written atomically, so an interrupted build leaves no half file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.errors import KgError
from kg.export import answer_key_json, write_graph, write_text
from kg.ingest import find_articles
from kg.ns import new_graph
from kg.pipeline import build_article
from kg.types import Article


@dataclass
class Summary:
    name: str
    persons: int
    organizations: int
    initiatives: int
    figures: int

    @classmethod
    def of(cls, name: str, article: Article) -> Summary:
        return cls(name, len(article.persons), len(article.organizations), len(article.initiatives), len(article.figures))

    def line(self) -> str:
        return (
            f"{self.name}: {self.persons} persons, {self.organizations} organizations, "
            f"{self.initiatives} initiatives, {self.figures} figures"
        )


@dataclass
class BuildResult:
    built: list[Summary] = field(default_factory=list)
    failed: list[tuple[Path, KgError]] = field(default_factory=list)
    graph: Graph = field(default_factory=new_graph)

    def total(self) -> Summary:
        return Summary(
            f"total ({len(self.built)} articles)",
            *(sum(getattr(s, k) for s in self.built) for k in ("persons", "organizations", "initiatives", "figures")),
        )


def build(
    paths: list[str | Path],
    output: str | Path,
    *,
    html: bool = True,
    into: str | Path | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> BuildResult:
    """Build every article under `paths` into `output`. Raises `KgError` only when no input exists.

    `graph.ttl` is the merge (kg.merge) of the article graphs, and of the graph at `into` when given,
    so adding articles to an existing graph gives the same result as building them all at once.
    """
    from kg.graph import article_graph
    from kg.merge import merge
    from kg.rdfio import load_graph

    files = find_articles(list(paths))
    graphs = [load_graph(into)] if into else []
    output = Path(output)
    result = BuildResult()
    names: set[str] = set()
    for path in files:
        try:
            article = build_article(path)
        except KgError as e:
            result.failed.append((path, e))
            continue
        name = article.id if article.id not in names else f"{article.id}-{article.digest[:8]}"
        names.add(name)
        graph = article_graph(article)
        write_graph(graph, output / f"{name}.ttl")
        write_text(output / f"{name}.json", answer_key_json(article))
        graphs.append(graph)
        summary = Summary.of(name, article)
        result.built.append(summary)
        progress(summary.line())
    if result.built:
        result.graph = merge(graphs).graph
        write_graph(result.graph, output / "graph.ttl")
        if html:
            from kg.view import render_html

            render_html(result.graph, output / "graph.html", title="kg: " + ", ".join(str(p) for p in paths))
        progress(result.total().line())
    return result
