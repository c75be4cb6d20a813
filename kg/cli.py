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
    "SELECT ?l WHERE { ?s skos:prefLabel ?l }'\n  kg query output/graph.ttl -f my.rq --format csv\n  kg query --list",
    "merge": "example: kg merge a.ttl b.ttl other-policy-graph.ttl -o merged.ttl --report merged.report.json",
    "validate": "example: kg validate output/graph.ttl",
    "view": "example: kg view output/graph.ttl -o view.html",
    "export": "example: kg export output/graph.ttl --format graphml -o graph.graphml",
}


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
        "'-' reads Turtle from stdin), loaded together. The query must declare every prefix it uses.",
    )
    q.add_argument("paths", nargs="*", metavar="FILE")
    which = q.add_mutually_exclusive_group()
    which.add_argument("-e", "--query", metavar="SPARQL", help="the query text")
    which.add_argument("-f", "--file", metavar="QUERY.rq", help="a file holding the query")
    which.add_argument("--cq", metavar="NAME", help="a shipped competency query (see --list)")
    which.add_argument("--list", action="store_true", help="list the competency queries")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    q.set_defaults(parser=q)

    m = sub.add_parser(
        "merge", help="merge graphs, resolving entities across them", epilog=EPILOG["merge"],
        description="Union the graphs, repair labels, link organizations of other tools' graphs by label, "
        "apply the curated owl:sameAs links, and report labels shared by two organizations as merge candidates.",
    )
    m.add_argument("paths", nargs="+", metavar="FILE")
    m.add_argument("-o", "--output", required=True, metavar="OUT.ttl", help="the merged graph ('-' for stdout)")
    m.add_argument("--report", metavar="REPORT.json", help="write what was matched, repaired and left as JSON")
    m.add_argument("--smush", action="store_true", help="rewrite every owl:sameAs cluster to one IRI")
    m.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    c = sub.add_parser(
        "validate", help="check graphs against the SHACL shapes", epilog=EPILOG["validate"],
        description="Validate RDF files (loaded together) against ontology/shapes.ttl with pySHACL. Prints "
        "each violation (focus node, path, message); exit 1 when the graph does not conform.",
    )
    c.add_argument("paths", nargs="+", metavar="FILE")

    w = sub.add_parser(
        "view", help="render graphs as an interactive HTML network that opens offline", epilog=EPILOG["view"],
        description="Render RDF files that follow the kg ontology (one article or merged) as one self-contained "
        "HTML page: search (aliases too), filters by kind and article, details with source sentences.",
    )
    w.add_argument("paths", nargs="+", metavar="FILE")
    w.add_argument("-o", "--output", required=True, metavar="VIEW.html", help="the page ('-' for stdout)")
    w.add_argument("--title", help="page title")

    x = sub.add_parser(
        "export", help="write graphs in another format (GraphML for Gephi and networkx, or an RDF syntax)",
        epilog=EPILOG["export"],
        description="Load RDF files together and write them as GraphML (the projected network of the view) "
        "or in another RDF syntax.",
    )
    x.add_argument("paths", nargs="+", metavar="FILE")
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


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.store import STORE_PREFIX

    if args.store and not args.store.startswith(STORE_PREFIX):
        raise KgError("E001", args.store, f"a store is written {STORE_PREFIX}PATH")
    result = build(
        args.paths, args.output, html=not args.no_html, into=args.into, jobs=args.jobs, store=args.store,
        strict=args.strict, incremental=not args.force, progress=not args.quiet,
        say=(lambda line: None) if args.quiet else None,
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
        article = extract_text(sys.stdin.read(), id="stdin", source="-")
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
    from kg.rdfio import load_graphs

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
    if not args.paths:
        args.parser.error("give at least one RDF file to query")
    sys.stdout.write(format_result(run_query(load_graphs(args.paths), text, source), args.format))
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


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.query import compact
    from kg.rdfio import load_graphs
    from kg.validate import validate

    result = validate(load_graphs(args.paths))
    for v in result.violations:
        print(f"{compact(v.focus)}\t{compact(v.path) if v.path is not None else '-'}\t{v.message}")
    print("conforms" if result.conforms else f"does not conform: {len(result.violations)} violations")
    return 0 if result.conforms else 1


def cmd_view(args: argparse.Namespace) -> int:
    from kg.rdfio import load_graphs
    from kg.view import html_page, render_html

    graph = load_graphs(args.paths)
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
