"""Where the bundled ontology files live, and loading them.

The files are kept in `ontology/` at the top of the source tree (kgo.ttl, shapes.ttl, queries/).
Looked up in this order, the first folder holding `kgo.ttl` wins:

1. `ontology/` next to the `kg` package folder: a source checkout or an editable install;
2. `kg/_ontology/` inside the package: a wheel, which ships `ontology/` there as package data.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import OntologyError

_PACKAGE = Path(__file__).resolve().parent
CANDIDATES = (_PACKAGE.parent / "ontology", _PACKAGE / "_ontology")


def ontology_dir() -> Path:
    """The folder holding the ontology files; OntologyError E020 when there is none."""
    for folder in CANDIDATES:
        if (folder / "kgo.ttl").is_file():
            return folder
    raise OntologyError("E020", CANDIDATES[0], "no kgo.ttl in " + " or ".join(str(c) for c in CANDIDATES))


def ontology_path(name: str) -> Path:
    """Path of a bundled file, e.g. `ontology_path("shapes.ttl")` or `ontology_path("queries")`."""
    path = ontology_dir() / name
    if not path.exists():
        raise OntologyError("E020", path)
    return path


def load_graph(name: str) -> Graph:
    """Parse a bundled Turtle file; OntologyError E020 when it is missing or does not parse."""
    path = ontology_path(name)
    try:
        return Graph(bind_namespaces="none").parse(path, format="turtle")
    except Exception as e:  # rdflib raises parser-specific exceptions (BadSyntax, ValueError, ...)
        raise OntologyError("E020", path, str(e).splitlines()[0] if str(e) else type(e).__name__) from e
