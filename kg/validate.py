"""SHACL validation of a kg graph against ontology/shapes.ttl, with ontology/kgo.ttl loaded."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from pyshacl import validate as shacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.errors import OntologyError
from kg.ns import SH
from kg.ontology import load_graph, ontology_path


class Violation(NamedTuple):
    focus: Node
    path: Node | None  # None for node-level and SPARQL constraints
    message: str


class ValidationResult(NamedTuple):
    conforms: bool
    violations: list[Violation]


@lru_cache(maxsize=1)
def _ontology() -> tuple[Graph, Graph]:
    return load_graph("shapes.ttl"), load_graph("kgo.ttl")


def validate(graph: Graph) -> ValidationResult:
    """Check `graph` against the shapes; violations are sorted (focus, path, message) triples.

    The graph itself is not changed (pySHACL validates a copy mixed with kgo.ttl).
    Raises OntologyError E020 when the ontology files are missing or broken.
    """
    shapes, ontology = _ontology()
    try:
        conforms, report, _ = shacl_validate(
            graph, shacl_graph=shapes, ont_graph=ontology, advanced=True, inference="none", allow_warnings=True
        )
    except ReportableRuntimeError as e:  # shape or constraint that cannot be loaded
        raise OntologyError("E020", ontology_path("shapes.ttl"), str(e.message)) from e
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage)) or [""]
        focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
        violations.append(Violation(focus, path, messages[0]))
    violations.sort(key=lambda v: (str(v.focus), str(v.path), v.message))
    return ValidationResult(bool(conforms), violations)
