"""Sentence split with offsets: within each content stretch, at 。！？!?；; and their closing quotes."""

from __future__ import annotations

import re

from kg.types import Article, Sentence

_END = re.compile(r"[。！？!?；;﹔…]+[”’」』）)]*")


def split_sentences(article: Article) -> Article:
    text = article.text
    sentences: list[Sentence] = []
    for stretch in article.content:
        start = stretch.start
        for m in _END.finditer(text, stretch.start, stretch.end):
            _add(sentences, text, start, m.end())
            start = m.end()
        _add(sentences, text, start, stretch.end)
    article.sentences = sentences
    return article


def _add(sentences: list[Sentence], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        sentences.append(Sentence(len(sentences), a, b, text[a:b]))
