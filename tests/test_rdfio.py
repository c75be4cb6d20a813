"""kg.rdfio: RDF files of every common syntax into one graph; one-line errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SDO, SKOS

from kg.errors import InputError, KgError
from kg.rdfio import load_graph, load_graphs, rdf_format

MIIT = URIRef("https://w3id.org/policykg/id/org/工业和信息化部")


def sample() -> Graph:
    g = Graph(bind_namespaces="none")
    g.add((MIIT, SKOS.prefLabel, Literal("工业和信息化部", lang="zh")))
    g.add((MIIT, SKOS.altLabel, Literal("工信部", lang="zh")))
    g.add((MIIT, SDO.url, URIRef("https://example.org/miit")))
    g.add((MIIT, RDFS.comment, Literal("两行\n文字 \"引号\"")))
    return g


@pytest.mark.parametrize(
    "suffix,fmt",
    [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".json-ld", "json-ld"), (".rdf", "xml"),
     (".xml", "xml"), (".n3", "n3"), (".trig", "trig"), (".nq", "nquads")],
)
def test_every_syntax_loads_by_suffix(tmp_path, suffix, fmt):
    path = tmp_path / f"g{suffix}"
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        named = ds.graph(URIRef("https://example.org/graph"))
        for t in sample():
            named.add(t)
        path.write_text(ds.serialize(format=fmt), encoding="utf-8")
    else:
        path.write_text(sample().serialize(format=fmt), encoding="utf-8")
    assert rdf_format(path) == fmt
    assert isomorphic(load_graphs([path]), sample())


def test_graph_starts_without_rdflib_default_prefixes(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(sample().serialize(format="turtle"), encoding="utf-8")
    prefixes = dict(load_graphs([path]).namespaces())
    assert str(prefixes["schema"]) == "https://schema.org/"
    assert not {"brick", "csvw", "dcat", "sosa", "geo"} & set(prefixes)


def test_several_files_load_together(tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.nt"
    a.write_text('<https://example.org/a> <https://example.org/p> "a" .\n', encoding="utf-8")
    b.write_text('<https://example.org/b> <https://example.org/p> "b" .\n', encoding="utf-8")
    assert len(load_graphs([a, b])) == 2


def test_missing_file_is_E001(tmp_path):
    with pytest.raises(InputError) as e:
        load_graphs([tmp_path / "nope.ttl"])
    assert e.value.code == "E001"
    assert "nope.ttl" in str(e.value)


BAD = [
    # name, content, line, column (None: the parser does not say)
    ("string.ttl", '@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n\nex:d ex:e "open .\n', 4, 18),
    ("prefix.ttl", "@prefix ex: <http://ex.org/> .\n\nex:a nope:b ex:c .\n", 3, None),
    ("dot.trig", "@prefix ex: <http://ex.org/> .\nex:g { ex:a ex:b ex:c .\n ex:a ex:b }\n", 3, None),
    ("object.nt", '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x\n', 2, 23),
    ("extra.nt", "<http://a> <http://b> <http://c> .\n\n<http://a> <http://b> <http://c> <http://g> .\n", 3, 33),
    ("object.nq", "<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> oops .\n", 2, 23),
    ("comma.jsonld", '{"@id": "http://a",\n "http://b": [1,2,\n}\n', 3, 1),
    ("tag.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<x>\n</rdf:RDF>\n', 4, 3),
    # the right syntax with the wrong suffix is just a parse error with a line
    ("turtle.rdf", "@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n", 1, 1),
    ("turtle.nt", "@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n", 1, None),
    ("xml.ttl", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n</rdf:RDF>\n', 4, None),
]


@pytest.mark.parametrize("name,content,line,column", BAD, ids=[b[0] for b in BAD])
def test_unparseable_file_is_E041_with_line(tmp_path, name, content, line, column):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_graphs([path])
    message = str(e.value)
    assert e.value.code == "E041"
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert f"line {line}" in message
    if column is not None:
        assert f"line {line}, column {column}:" in message


def test_not_utf8_is_E041(tmp_path):
    path = tmp_path / "latin1.nt"
    path.write_bytes('<http://a> <http://b> "café" .\n'.encode("latin-1"))
    with pytest.raises(InputError) as e:
        load_graphs([path])
    assert e.value.code == "E041" and "line 1" in str(e.value)


def test_parse_failure_prints_nothing_but_the_error(tmp_path, capsys):
    path = tmp_path / "g.ttl"
    path.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://x#">\n<a>\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_graphs([path])
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# -- nothing is fetched or read besides the files named -------------------------------------------


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET", encoding="utf-8")
    return path


XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{uri}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
  <rdf:Description rdf:about="http://ex.org/a"><ex:p>[&xxe;]</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("suffix", [".rdf", ".xml", ".owl"])
def test_xml_external_entity_is_refused(tmp_path, secret, suffix):
    path = tmp_path / f"xxe{suffix}"
    path.write_text(XXE.format(uri=secret.as_uri()), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_graphs([path])
    assert e.value.code == "E041" and "line 2" in str(e.value) and "TOPSECRET" not in str(e.value)


def test_rdflib_xml_parser_itself_does_not_resolve_external_entities(tmp_path, secret):
    """The refusal above is belt and braces: rdflib's SAX parser drops the entity unread."""
    path = tmp_path / "xxe.rdf"
    path.write_text(XXE.format(uri=secret.as_uri()), encoding="utf-8")
    g = Graph().parse(path, format="xml")
    assert [str(o) for o in g.objects()] == ["[]"]


def test_xml_external_dtd_is_refused(tmp_path, secret):
    path = tmp_path / "dtd.rdf"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{secret.as_uri()}">\n<rdf:RDF/>\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_graphs([path])
    assert e.value.code == "E041" and "TOPSECRET" not in str(e.value)


def test_xml_internal_entity_still_works(tmp_path):
    path = tmp_path / "ok.rdf"
    path.write_text(XXE.replace('SYSTEM "{uri}"', '"inside"'), encoding="utf-8")
    assert [str(o) for o in load_graphs([path]).objects()] == ["[inside]"]


@pytest.mark.parametrize(
    "context",
    ['"{uri}"', '["{uri}", {{"x": "http://x/"}}]', '{{"@import": "{uri}"}}', '"https://schema.org/"'],
)
def test_jsonld_context_by_reference_is_refused(tmp_path, secret, context):
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": ' + context.format(uri=secret.as_uri()) + ', "@id": "http://a", "x": 1}', encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_graphs([path])
    assert e.value.code == "E041" and "context" in str(e.value) and "TOPSECRET" not in str(e.value)


def test_jsonld_inline_context_loads(tmp_path):
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": {"name": "https://schema.org/name"}, "@id": "http://a", "name": "工信部"}', encoding="utf-8")
    assert (URIRef("http://a"), SDO.name, Literal("工信部")) in load_graphs([path])


# -- any bytes either load or raise KgError -------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    suffix=st.sampled_from([".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"]),
    content=st.one_of(
        st.binary(max_size=60),
        st.text(alphabet='<>"@.:_ \n{}[]#^abcx工信部0123\\', max_size=80).map(lambda s: s.encode("utf-8")),
    ),
)
def test_any_input_loads_or_raises_kgerror(tmp_path, suffix, content):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    try:
        load_graph(path)
    except KgError as e:
        assert e.code == "E041" and "\n" not in str(e)


def test_dash_reads_turtle_from_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO('<http://a> <http://b> "工信部" .\n'.encode())))
    assert len(load_graphs(["-"])) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'<http://a> <http://b> "open .\n')))
    with pytest.raises(InputError) as e:
        load_graphs(["-"])
    assert str(e.value).startswith("<stdin>: RDF file does not parse: line 1")
