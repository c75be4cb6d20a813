"""The merged graph of a build, kept in a pyoxigraph store so that memory stays flat.

Article graphs stream in as Turtle; at the end the same repairs as `kg merge` are applied to
the few nodes that need them (two preferred labels for one IRI, authority links), and the
whole graph is written out as Turtle by pyoxigraph. Without `--store` the store lives in a
temporary folder inside the output folder and is removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg import ns
from kg.errors import InputError

STORE_PREFIX = "oxigraph:"

_DOUBLE_PREFLABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s WHERE {
  ?s skos:prefLabel ?a , ?b . FILTER(?a != ?b && LANG(?a) = LANG(?b))
}"""


def is_store(spec: str | Path) -> bool:
    return str(spec).startswith(STORE_PREFIX)


def open_store(spec: str | Path, *, create: bool = False, read_only: bool = False) -> ox.Store:
    """Open `oxigraph:PATH`; a missing store is an error unless `create`.

    `read_only` opens an existing store without taking its lock and never writes to the folder
    (a folder that holds no store is then E007 rather than a new empty store)."""
    path = Path(str(spec)[len(STORE_PREFIX) :])
    if not create and not path.is_dir():
        raise InputError("E001", spec)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise InputError("E007", spec, " ".join(str(e).split())[:300]) from e


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term: ox.NamedNode | ox.Literal | ox.BlankNode):
    """The rdflib term for a pyoxigraph term (xsd:string literals become plain literals, as rdflib reads them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


def rdflib_terms():
    """`rdflib_term` with a memo: the terms of a large answer repeat (units, labels, documents), and
    building an rdflib literal parses its value each time."""
    memo: dict = {}

    def term(t):
        found = memo.get(t)
        if found is None:
            found = memo[t] = rdflib_term(t)
        return found

    return term


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if not isinstance(term, Literal):
        raise TypeError(f"unexpected term {term!r}")
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
    return ox.Literal(str(term))


class MergedGraph:
    """Union of article graphs in a pyoxigraph store, repaired and dumped on `finish`."""

    # Without --store the union starts in memory and moves to a temporary on-disk store once this
    # much Turtle has gone in (about 1,000 bench articles): small builds skip the disk round trip
    # (writing graph.ttl back from disk took 1.07 s per 1,000 articles, from memory 0.16 s), large
    # ones keep memory flat.
    MEMORY_LIMIT = 16 << 20

    def __init__(self, folder: Path, spec: str | None = None) -> None:
        self._tmp = None
        self._folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._in_memory = not spec
        self._loaded = 0
        self.store = open_store(spec, create=True) if spec else ox.Store()
        self._batch: list[bytes] = []
        self._batched = 0

    def _grew(self, size: int) -> None:
        """Move the in-memory union to a temporary on-disk store once it is large."""
        self._loaded += size
        if self._in_memory and self._loaded > self.MEMORY_LIMIT:
            self._tmp = tempfile.mkdtemp(prefix=".kg-store-", dir=self._folder)
            disk = ox.Store(self._tmp)
            spill = Path(self._tmp).with_suffix(".nq")  # through a file: never the whole dump in memory
            try:
                self.store.dump(str(spill), format=ox.RdfFormat.N_QUADS)
                self.store = None  # the in-memory union goes before the disk load starts
                with spill.open("rb") as f:  # in batches: the bulk loader's memory grows with its input
                    while chunk := f.read(self.BATCH) + f.readline():
                        disk.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
            finally:
                spill.unlink(missing_ok=True)
            self.store, self._in_memory = disk, False

    def add_turtle(self, data: bytes | str, origin: str = "") -> None:
        """Queue an article's Turtle; they go into the store in batches (one transaction each)."""
        data = data.encode("utf-8") if isinstance(data, str) else data
        if origin:  # a file from outside: load it now, so a syntax error names it
            self._load(data, origin)
            return
        self._batch.append(data)
        self._batched += len(data)
        if self._batched > self.BATCH:
            self.flush()

    # Bytes of Turtle a load. The bulk loader takes memory in proportion to its input: 10,000 bench
    # articles loaded in 2 MB batches peaked at 79 MB, in 8 MB batches at 157 MB, in the same time.
    BATCH = 2 << 20

    def flush(self) -> None:
        if self._batch:
            data, self._batch, self._batched = b"".join(self._batch), [], 0
            self._load(data, "")

    def _load(self, data: bytes, origin: str) -> None:
        # The articles' own Turtle goes in by bulk_load: 3 times faster than load (1.2 s against 3.5 s
        # for 1,000 bench articles). It is not a transaction, but a build spans many batches anyway.
        load = self.store.load if origin else self.store.bulk_load
        try:
            load(data, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        except SyntaxError as e:
            raise InputError("E041", origin or None, str(e).splitlines()[0]) from e
        self._grew(len(data))

    def add_file(self, path: str | Path) -> None:
        """Add an existing graph (any syntax kg reads) to the union."""
        from kg.export import turtle
        from kg.rdfio import load_graph

        self.add_turtle(turtle(load_graph(path)), str(path))

    def add_nquads(self, path: str | Path) -> None:
        """Add an N-Quads file of default-graph quads (a partition of a Dask build, kg.distributed)."""
        try:
            self.store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as e:
            raise InputError("E041", path, str(e).splitlines()[0]) from e
        self._grew(Path(path).stat().st_size)

    def __len__(self) -> int:
        self.flush()
        return len(self.store)

    def repair(self) -> int:
        """Label repair and authority links, as `kg merge` does; returns the number of nodes touched."""
        from kg.merge import _bundled, _rdfs_label_follows, authority_triples
        from kg.graph import repair_labels

        self.flush()
        nodes = [row["s"] for row in self.store.query(_DOUBLE_PREFLABELS)]
        for node in nodes:
            labels = ns.new_graph()
            for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
                for q in self.store.quads_for_pattern(node, ox.NamedNode(p), None, ox.DefaultGraph()):
                    labels.add((URIRef(node.value), p, rdflib_term(q.object)))
                    self.store.remove(q)
            repair_labels(labels)
            _rdfs_label_follows(labels)
            for s, p, o in labels:
                self.store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), _ox(o), ox.DefaultGraph()))
        for s, p, o in authority_triples(_bundled("authority.ttl"), self._mentions):
            self.store.add(ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph()))
        return len(nodes)

    def _mentions(self, node) -> bool:
        if not isinstance(node, URIRef):
            return False
        n = ox.NamedNode(node)
        for _ in self.store.quads_for_pattern(n, None, None, ox.DefaultGraph()):
            return True
        for _ in self.store.quads_for_pattern(None, None, n, ox.DefaultGraph()):
            return True
        return False

    def dump(self, path: Path) -> None:
        """Write the merged graph as Turtle (atomically)."""
        from kg.export import atomic_path

        self.flush()
        prefixes = {prefix: str(iri) for prefix, iri in ns.PREFIXES.items()}
        with atomic_path(path) as tmp:
            self.store.dump(str(tmp), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    @property
    def on_disk(self) -> bool:
        """Is the union in an on-disk store (a --store, or a large build)? Its last steps take time."""
        return not self._in_memory

    def compact(self) -> None:
        """Compact a --store once the build is done. Bulk loads leave many overlapping files:
        compacting them halved the competency queries' times on a store of 100,000 articles
        (cq01 7.8 s to 4.3 s, cq10 5.8 s to 2.3 s) and took 26 s there."""
        if self._tmp is None and not self._in_memory:
            self.flush()
            self.store.optimize()

    def rdflib_graph(self) -> Graph:
        self.flush()
        g = ns.new_graph()
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def close(self) -> None:
        if self._tmp is None and not self._in_memory:  # a --store: keep it, complete
            self.flush()
            self.store.flush()
        del self.store
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

