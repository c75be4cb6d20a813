"""The `kg` command: a thin layer that parses arguments, calls the API and prints.

Only `KgError` is caught here, printed as one line `kg: error: PATH: what is wrong`, exit 1.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg import __version__
from kg.errors import KgError

EPILOG = {
    "build": "example: kg build ../shared/corpus/dev -o output/",
    "extract": "example: kg extract kg/sample/seed-miit-2025-review.txt > seed.json",
    "eval": "example: kg eval ../shared/corpus/dev --verbose",
    "query": "examples:\n  kg query output/graph.ttl --cq agency-mentions\n"
    "  kg query output/graph.ttl -e 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?l WHERE { ?s skos:prefLabel ?l }'\n  kg query output/graph.ttl -f my.rq --format csv\n"
    "  kg query oxigraph:output/store --cq figures\n  kg query --list\n"
    "  kg query --endpoint http://localhost:8890/sparql --graph https://example.org/kg --cq agency-mentions",
    "push": "examples:\n  KG_ENDPOINT_PASSWORD=dba kg push output/graph.ttl --endpoint "
    "http://localhost:8890/sparql-graph-crud-auth --graph https://example.org/kg --user dba\n"
    "  kg push oxigraph:output/store --endpoint http://localhost:3030/kg/data --graph https://example.org/kg",
    "merge": "example: kg merge a.ttl b.ttl other-policy-graph.ttl -o merged.ttl --report merged.report.json",
    "validate": "example: kg validate output/graph.ttl",
    "view": "example: kg view output/graph.ttl -o view.html",
    "export": "example: kg export output/graph.ttl --format graphml -o graph.graphml",
}


_STORE_HELP = "RDF file, or oxigraph:PATH (a store from kg build --store; read into memory, so for graphs that fit)"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Turn Chinese government policy news into a knowledge graph (RDF, JSON, HTML).",
        epilog="Run `kg COMMAND -h` for each command's options and an example.",
    )
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build", help="extract articles and write Turtle, JSON and the HTML view", epilog=EPILOG["build"],
        description="Build the graph of articles (.txt, .html, .htm files, or folders of them). Writes "
        "NAME.ttl and NAME.json per article, and graph.ttl and graph.html for the whole run.",
    )
    b.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder of articles, or .tsv/.jsonl corpus")
    b.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument(
        "--into", metavar="GRAPH.ttl",
        help="add the articles to an existing graph: graph.ttl becomes the merge of it and the new articles",
    )
    b.add_argument("-j", "--jobs", type=_positive, default=1, help="worker processes (default 1)")
    b.add_argument("--store", metavar="oxigraph:PATH", help="keep the merged graph in a persistent pyoxigraph store")
    b.add_argument(
        "--executor", choices=("local", "dask"), default="local",
        help="where extraction runs: local processes (default), or a Dask cluster in partitions",
    )
    b.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://HOST:8786 (default: a local cluster of --jobs workers on 127.0.0.1); "
        "the output folder must be shared by every worker",
    )
    b.add_argument("--partition-size", type=_positive, metavar="N", help="articles per Dask task (default 200)")
    b.add_argument("--strict", action="store_true", help="stop at the first article that fails")
    b.add_argument("--force", action="store_true", help="rebuild every article, even those unchanged since the last build")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    e = sub.add_parser(
        "extract", help="print one article's extraction as answer-key JSON", epilog=EPILOG["extract"],
        description="Print the extraction of ARTICLE in the answer-key format of GUIDELINES.md ('-' reads stdin).",
    )
    e.add_argument("article", metavar="ARTICLE")

    v = sub.add_parser(
        "eval", help="precision, recall and F1 against answer keys", epilog=EPILOG["eval"],
        description="Score the extractor on every NAME.txt in DIR that has a NAME.gold.json beside it.",
    )
    v.add_argument("folder", metavar="DIR")
    v.add_argument("-v", "--verbose", action="store_true", help="list each article's misses and false hits")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")

    q = sub.add_parser(
        "query", help="ask graphs SPARQL questions (ASK, SELECT, CONSTRUCT, DESCRIBE)", epilog=EPILOG["query"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run a SPARQL query over RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML; "
        "'-' reads Turtle from stdin), loaded together, or natively over one store written by "
        "`kg build --store oxigraph:PATH` (nothing loaded into memory). The query must declare every prefix it uses.",
    )
    q.add_argument("paths", nargs="*", metavar="FILE", help="RDF file, or oxigraph:PATH")
    which = q.add_mutually_exclusive_group()
    which.add_argument("-e", "--query", metavar="SPARQL", help="the query text")
    which.add_argument("-f", "--file", metavar="QUERY.rq", help="a file holding the query")
    which.add_argument("--cq", metavar="NAME", help="a shipped competency query (see --list)")
    which.add_argument("--list", action="store_true", help="list the competency queries")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    _endpoint_options(q, "a SPARQL 1.1 endpoint to query instead of FILEs (SELECT pages past its result cap)",
                      "the graph to query there (sent as default-graph-uri)",
                      timeout_help="stop the query after S seconds (FILEs: it runs in a worker process that is ended; "
                      "default: no limit) or wait at most S for the endpoint (default 120)")
    q.set_defaults(parser=q, timeout=None)

    u = sub.add_parser(
        "push", help="load a graph or store into a SPARQL server (Graph Store Protocol)", epilog=EPILOG["push"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="POST the triples of GRAPH_OR_STORE (an RDF file, or oxigraph:PATH from kg build --store) to a "
        "SPARQL 1.1 Graph Store endpoint, in batches, retrying connection errors and 5xx answers. The server's "
        "Digest or Basic challenge is answered; the password may come from KG_ENDPOINT_PASSWORD.",
    )
    u.add_argument("source", metavar="GRAPH_OR_STORE")
    _endpoint_options(u, "the Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)",
                      "the named graph to add to (default: the endpoint's default graph)", required=True)
    u.add_argument("--batch", type=_positive, default=50_000, metavar="N", help="triples per request (default 50000)")
    u.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    u.set_defaults(parser=u)

    m = sub.add_parser(
        "merge", help="merge graphs, resolving entities across them", epilog=EPILOG["merge"],
        description="Union the graphs, repair labels, link organizations of other tools' graphs by label, "
        "apply the curated owl:sameAs links, and report labels shared by two organizations as merge candidates.",
    )
    m.add_argument("paths", nargs="+", metavar="FILE", help=_STORE_HELP)
    m.add_argument("-o", "--output", required=True, metavar="OUT.ttl", help="the merged graph ('-' for stdout)")
    m.add_argument("--report", metavar="REPORT.json", help="write what was matched, repaired and left as JSON")
    m.add_argument("--smush", action="store_true", help="rewrite every owl:sameAs cluster to one IRI")
    m.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    c = sub.add_parser(
        "validate", help="check graphs against the SHACL shapes", epilog=EPILOG["validate"],
        description="Validate RDF files (loaded together) against ontology/shapes.ttl with pySHACL. Prints "
        "each violation (focus node, path, message); exit 1 when the graph does not conform.",
    )
    c.add_argument("paths", nargs="+", metavar="FILE", help=_STORE_HELP)

    w = sub.add_parser(
        "view", help="render graphs as an interactive HTML network that opens offline", epilog=EPILOG["view"],
        description="Render RDF files that follow the kg ontology (one article or merged) as one self-contained "
        "HTML page: search (aliases too), filters by kind and article, details with source sentences.",
    )
    w.add_argument("paths", nargs="+", metavar="FILE", help=_STORE_HELP)
    w.add_argument("-o", "--output", required=True, metavar="VIEW.html", help="the page ('-' for stdout)")
    w.add_argument("--title", help="page title")

    x = sub.add_parser(
        "export", help="write graphs in another format (GraphML for Gephi and networkx, or an RDF syntax)",
        epilog=EPILOG["export"],
        description="Load RDF files together and write them as GraphML (the projected network of the view) "
        "or in another RDF syntax.",
    )
    x.add_argument("paths", nargs="+", metavar="FILE", help=_STORE_HELP)
    x.add_argument(
        "--format", required=True,
        choices=("graphml", "turtle", "nt", "nquads", "trig", "json-ld", "xml"),
    )
    x.add_argument("-o", "--output", required=True, metavar="OUT", help="output file ('-' for stdout)")
    return p


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _endpoint_options(
    p: argparse.ArgumentParser, endpoint: str, graph: str, required: bool = False, timeout_help: str | None = None
) -> None:
    """--endpoint, --graph, --user, --password, --timeout, --retries (kg push, kg query)."""
    p.add_argument("--endpoint", metavar="URL", required=required, help=endpoint)
    p.add_argument("--graph", metavar="IRI", help=graph)
    p.add_argument("--user", metavar="USER", help="user name, if the endpoint asks for one")
    p.add_argument("--password", metavar="PASSWORD", help="password (better: the KG_ENDPOINT_PASSWORD variable)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help=timeout_help or "seconds to wait for an answer (default 120)")
    p.add_argument("--retries", type=int, choices=range(0, 11), default=3, metavar="N",
                   help="retries after a connection error or a server error (5xx; for queries 502-504), "
                   "with back-off (default 3)")


def _credentials(args: argparse.Namespace) -> tuple[str | None, str | None]:
    import os

    if args.user is None:
        if args.password is not None:
            args.parser.error("--password goes with --user")
        return None, None
    return args.user, args.password if args.password is not None else os.environ.get("KG_ENDPOINT_PASSWORD")


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.store import STORE_PREFIX

    if args.store and not args.store.startswith(STORE_PREFIX):
        raise KgError("E001", args.store, f"a store is written {STORE_PREFIX}PATH")
    if args.scheduler and args.executor != "dask":
        raise KgError("E050", args.scheduler, "--scheduler goes with --executor dask")
    result = build(
        args.paths, args.output, html=not args.no_html, into=args.into, jobs=args.jobs, store=args.store,
        strict=args.strict, incremental=not args.force, progress=not args.quiet,
        say=(lambda line: None) if args.quiet else None,
        executor=args.executor, scheduler=args.scheduler, partition_size=args.partition_size,
    )
    for note in result.notes:
        print(f"kg: {note}", file=sys.stderr)
    for origin, error in result.failed:
        print(f"kg: error: {error}", file=sys.stderr)
    if len(result.failed) > 1:
        print(f"kg: {len(result.failed)} articles failed, {len(result.built)} built", file=sys.stderr)
    return 1 if result.failed else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.export import answer_key_json
    from kg.pipeline import build_article, extract_text

    if args.article == "-":
        from kg.ingest import decode

        article = extract_text(decode(sys.stdin.buffer.read(), "-"), id="stdin", source="-")  # any encoding
    else:
        article = build_article(args.article)
    sys.stdout.write(answer_key_json(article))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from kg.evaluate import gold_pairs, load_gold, score_article, score
    from kg.export import answer_key
    from kg.pipeline import build_article

    pairs = []
    for txt, gold_path in gold_pairs(args.folder):
        gold = load_gold(gold_path)
        pred = answer_key(build_article(txt))
        pairs.append((pred, gold))
        if args.verbose:
            result = score_article(pred, gold)
            print(f"== {Path(txt).stem}")
            for item in result.misses:
                print(f"  miss   {item.section:<13} {item.label}")
            for item in result.false_hits:
                print(f"  false  {item.section:<13} {item.label}")
    report = score(pairs)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if args.json else report.table())
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import competency_queries, competency_query, format_result, query_summary, read_query, run_query
    from kg.query import run_query_limited, run_store_query
    from kg.rdfio import load_graphs
    from kg.store import is_store, open_store

    if args.list:
        for name, path in competency_queries().items():
            print(f"{name:<28} {query_summary(path)}")
        return 0
    source = None
    if args.query is not None:
        text = args.query
    elif args.file:
        text, source = read_query(args.file), args.file
    elif args.cq:
        source = competency_query(args.cq)
        text = read_query(source)
    else:
        args.parser.error("give a query: -e SPARQL, -f FILE.rq or --cq NAME (or --list)")
    if args.endpoint:
        from kg.endpoint import select_endpoint

        if args.paths:
            args.parser.error("give FILEs or --endpoint, not both")
        user, password = _credentials(args)
        outcome = select_endpoint(args.endpoint, text, graph_iri=args.graph, user=user, password=password,
                                  timeout=120.0 if args.timeout is None else args.timeout, retries=args.retries)
        sys.stdout.write(format_result(outcome, args.format))
        return 0
    if args.graph or args.user:
        args.parser.error("--graph and --user go with --endpoint")
    if not args.paths:
        args.parser.error("give at least one RDF file to query")
    if args.timeout is not None:  # in a worker process, ended when the time is up
        if not 0 < args.timeout < float("inf"):
            args.parser.error(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
        outcome = run_query_limited(args.paths, text, source, timeout=args.timeout)
    elif len(args.paths) == 1 and is_store(args.paths[0]):  # natively, by oxigraph's engine
        outcome = run_store_query(open_store(args.paths[0], read_only=True), text, source)
    else:
        outcome = run_query(load_graphs(args.paths), text, source)
    sys.stdout.write(format_result(outcome, args.format))
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.endpoint import push

    user, password = _credentials(args)
    result = push(args.source, args.endpoint, graph_iri=args.graph, user=user, password=password,
                  batch_triples=args.batch, retries=args.retries, timeout=args.timeout)
    if not args.quiet:
        print(f"{result.triples} triples in {result.batches} request{'s' * (result.batches != 1)} to {result.endpoint} "
              f"({'graph ' + result.graph if result.graph else 'default graph'}) in {result.seconds:.1f} s")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    import json

    from kg.export import turtle, write_graph, write_text
    from kg.merge import merge
    from kg.rdfio import load_graph

    result = merge([load_graph(p) for p in args.paths], smush=args.smush, names=[str(p) for p in args.paths])
    if args.output == "-":
        sys.stdout.write(turtle(result.graph))
    else:
        write_graph(result.graph, args.output)
    if args.report:
        write_text(args.report, json.dumps(result.report, ensure_ascii=False, indent=1) + "\n")
    if not args.quiet:
        r = result.report
        print(
            f"{len(args.paths)} graphs, {sum(i['triples'] for i in r['inputs'])} triples in, {r['triples']} out; "
            f"{len(r['matched_by_label'])} matched by label, {len(r['unmatched'])} unmatched, "
            f"{len(r['candidates'])} merge candidates",
            file=sys.stderr if args.output == "-" else sys.stdout,
        )
    return 0


def _has_kg_terms(graph) -> bool:
    """Whether any IRI of the graph is one of kg's (instances and ontology terms under kg.ns.BASE)."""
    from rdflib import URIRef

    from kg.ns import BASE

    return any(isinstance(t, URIRef) and t.startswith(BASE) for triple in graph for t in triple)


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.query import compact
    from kg.rdfio import load_graphs
    from kg.validate import validate

    graph = load_graphs(args.paths)
    result = validate(graph)
    if not _has_kg_terms(graph):
        print("kg: note: the graph holds no kg terms, so no shape applies: it conforms vacuously", file=sys.stderr)
    for v in result.violations:
        print(f"{compact(v.focus)}\t{compact(v.path) if v.path is not None else '-'}\t{v.message}")
    print("conforms" if result.conforms else f"does not conform: {len(result.violations)} violations")
    return 0 if result.conforms else 1


def cmd_view(args: argparse.Namespace) -> int:
    from kg.rdfio import load_graphs
    from kg.view import html_page, render_html

    graph = load_graphs(args.paths)
    if not _has_kg_terms(graph):
        print("kg: note: the graph holds no kg terms: the page shows no nodes", file=sys.stderr)
    title = args.title or "kg: " + ", ".join(args.paths)
    if args.output == "-":
        sys.stdout.write(html_page(graph, title=title))
    else:
        render_html(graph, args.output, title=title)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import turtle, write_graph
    from kg.rdfio import load_graphs
    from kg.view import graphml_bytes, to_graphml

    graph = load_graphs(args.paths)
    if args.format == "graphml":
        if args.output == "-":
            sys.stdout.buffer.write(graphml_bytes(graph))
        else:
            to_graphml(graph, args.output)
    elif args.output == "-":
        sys.stdout.write(turtle(graph) if args.format == "turtle" else graph.serialize(format=args.format))
    else:
        write_graph(graph, args.output, format=args.format)
    return 0


COMMANDS = {
    "build": cmd_build,
    "extract": cmd_extract,
    "eval": cmd_eval,
    "query": cmd_query,
    "push": cmd_push,
    "merge": cmd_merge,
    "validate": cmd_validate,
    "view": cmd_view,
    "export": cmd_export,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KgError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg eval ... | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
