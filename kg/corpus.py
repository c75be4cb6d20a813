"""Where articles come from: files, folders of files, and corpus files holding many articles.

A `.tsv` corpus has one article per line, the text in the last column (`CATEGORY<TAB>TEXT`
as in the bench corpus, or `ID<TAB>TEXT`). A `.jsonl` corpus has one JSON object per line
with `text` and optionally `id`, `source`, `published`. Corpus files are read lazily, line by
line, so a build never holds every article's text at once. A line that is not UTF-8, not
JSON or holds no text fails alone (E009); the other lines are built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest import ARTICLE_SUFFIXES, article_from_text, read_article
from kg.types import Article

CORPUS_SUFFIXES = (".tsv", ".jsonl")
_SAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True, slots=True)
class Source:
    """One article to build: a file, or a line of a corpus file (then `text` holds it)."""

    name: str  # the output name: NAME.ttl, NAME.json
    origin: str  # what to call it in messages: a path, or path:line
    path: str | None = None
    text: str | None = None
    published: str | None = None
    problem: str | None = None  # a corpus line that holds no article says why here

    def read(self) -> Article:
        if self.problem:
            raise InputError("E009", self.origin, self.problem)
        if self.text is None:
            return read_article(self.path)
        article = article_from_text(self.text, id=self.name, source=self.origin)
        article.published = article.published or self.published
        return article

    def fingerprint(self) -> str:
        """A hash of the input as given, for incremental rebuilds."""
        h = hashlib.sha256()
        if self.problem:
            return "problem"
        if self.text is None:
            try:
                if not Path(self.path).is_file():  # a pipe or device would never end
                    return "unreadable"
                h.update(Path(self.path).read_bytes())
            except OSError:
                return "unreadable"
        else:
            h.update(self.text.encode("utf-8", "surrogatepass"))
            h.update((self.published or "").encode())
        return h.hexdigest()


def safe_name(name: str) -> str:
    """An output file name that stays inside the output folder whatever the input calls itself."""
    name = _SAFE.sub("_", name).strip("._") or "article"
    return name.encode("utf-8")[:120].decode("utf-8", "ignore")  # bytes: file systems allow 255


def iter_sources(paths: list[str | Path], reserved: Iterable[str] = ()) -> Iterator[Source]:
    """Every article under `paths`, in order; names made unique. Missing paths raise at once.

    A name in `reserved` (the run's own outputs) gets `-article` added. Names are unique even
    without regard to case (a folder on macOS or Windows), so no output overwrites another."""
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise InputError("E001", p)
        if p.is_dir() and not _articles_in(p) and not _corpora_in(p):
            raise InputError("E006", p)
    reserved = {r.casefold() for r in reserved}
    taken: set[str] = set(reserved)
    for source in _walk(paths):
        base = f"{source.name}-article" if source.name.casefold() in reserved else source.name
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        yield source if name == source.name else dataclasses.replace(source, name=name)


def _articles_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)


def _corpora_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in CORPUS_SUFFIXES)


def _walk(paths: list[Path]) -> Iterator[Source]:
    for p in paths:
        if p.is_dir():
            for f in _articles_in(p):
                yield Source(safe_name(f.stem), str(f), path=str(f))
            for f in _corpora_in(p):
                yield from _corpus(f)
        elif p.suffix.lower() in CORPUS_SUFFIXES:
            yield from _corpus(p)
        else:
            yield Source(safe_name(p.stem), str(p), path=str(p))


def _corpus(path: Path) -> Iterator[Source]:
    stem = safe_name(path.stem)
    jsonl = path.suffix.lower() == ".jsonl"
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError("E007", path, e.strerror or type(e).__name__) from e
    with f:
        for number, raw in enumerate(f, 1):
            origin = f"{path}:{number}"
            try:  # line by line: one stray byte costs its own line, not the corpus
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as e:
                yield Source(f"{stem}-{number:06d}", origin, problem=f"not UTF-8 (byte {e.start + 1} of the line)")
                continue
            if not line.strip():
                continue
            if jsonl:
                yield _json_source(stem, number, origin, line)
            else:
                text = line.split("\t")[-1]
                yield Source(f"{stem}-{number:06d}", origin, text=text)


def _json_source(stem: str, number: int, origin: str, line: str) -> Source:
    fallback = f"{stem}-{number:06d}"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as e:
        return Source(fallback, origin, problem=f"not JSON ({e.msg}, column {e.colno})")
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return Source(fallback, origin, problem='no "text" string')
    name = safe_name(str(item["id"])) if item.get("id") is not None else fallback
    published = item.get("published") if isinstance(item.get("published"), str) else None
    return Source(name, str(item.get("source") or origin), text=item["text"], published=published)

