"""The order of stages: ingest, sentences, extractors, resolve. `build_article` runs them all."""

from __future__ import annotations

from pathlib import Path

from kg.extract import EXTRACTORS
from kg.ingest import article_from_text, read_article
from kg.resolve import resolve
from kg.sentences import split_sentences
from kg.types import Article


def process(article: Article) -> Article:
    """Run sentence split, every extractor and resolution over an ingested article."""
    article = split_sentences(article)
    for extract in EXTRACTORS.values():
        article = extract(article)
    return resolve(article)


def build_article(path: str | Path) -> Article:
    """Read and extract one article file."""
    return process(read_article(path))


def extract_text(text: str, *, id: str = "article", source: str = "-") -> Article:
    """Extract from text already in memory (HTML is detected and rendered)."""
    return process(article_from_text(text, id=id, source=source))
