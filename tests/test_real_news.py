"""Every article of the bench corpus (1,000 real news articles of every kind, not only policy)
goes through the pipeline without an error, and every item it finds points into its sentence.

Unit tests feed the extractors the sentences we thought of; real news brings the ones we did not
(a quoted head after a list mark raised KeyError once and only this corpus showed it)."""

from __future__ import annotations

import pytest

from conftest import SHARED
from kg.ingest import article_from_text
from kg.pipeline import process

BENCH = SHARED / "bench" / "cnews-1000.tsv"


@pytest.fixture(scope="module")
def articles():
    if not BENCH.is_file():
        pytest.skip(f"the shared bench corpus is not at {BENCH}")
    lines = BENCH.read_text(encoding="utf-8").splitlines()
    return [process(article_from_text(line.split("\t")[-1], id=str(n))) for n, line in enumerate(lines) if line.strip()]


def test_every_article_is_read(articles):
    assert len(articles) == 1000
    assert sum(len(a.figures) for a in articles) > 3000 and sum(len(a.organizations) for a in articles) > 1000


def test_every_mention_lies_in_its_sentence(articles):
    for a in articles:
        items = [*a.persons, *a.organizations, *a.initiatives]
        mentions = [m for item in items for m in item.mentions] + [f.mention for f in a.figures]
        for m in mentions:
            s = a.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end, (a.id, m)
