"""The graph as people look at it: a labelled networkx projection, an offline HTML page, GraphML.

    from kg.view import project, render_html, to_graphml
    view = project(graph)                      # rdflib.Graph -> networkx.MultiDiGraph
    render_html(graph, "graph.html", title="…") # one self-contained page, written atomically
    to_graphml(graph, "graph.graphml")          # for Gephi / networkx, written atomically
"""

from kg.view.graphml import graphml_bytes, to_graphml
from kg.view.html import html_page, render_html
from kg.view.project import KINDS, project

__all__ = ["KINDS", "graphml_bytes", "html_page", "project", "render_html", "to_graphml"]
