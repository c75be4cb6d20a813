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
    b.add_argument("paths", nargs="+", metavar="PATH", help="article file or folder of articles")
    b.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
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
    return p


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    say = (lambda line: None) if args.quiet else print
    result = build(args.paths, args.output, html=not args.no_html, progress=say)
    for path, error in result.failed:
        print(f"kg: error: {error}", file=sys.stderr)
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


COMMANDS = {"build": cmd_build, "extract": cmd_extract, "eval": cmd_eval}


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
