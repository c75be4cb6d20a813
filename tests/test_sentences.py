from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.ingest import article_from_text
from kg.sentences import split_sentences


@pytest.mark.parametrize(
    "text,expected",
    [
        ("甲。乙！丙？", ["甲。", "乙！", "丙？"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("一；二;三", ["一；", "二;", "三"]),
        ("第一行\n第二行。", ["第一行", "第二行。"]),
        ("<p>段落一。</p> <p>段落二</p>", ["段落一。", "段落二"]),
    ],
)
def test_split(text, expected):
    a = split_sentences(article_from_text(text))
    assert [s.text for s in a.sentences] == expected
    assert all(a.text[s.start : s.end] == s.text for s in a.sentences)
    assert [s.index for s in a.sentences] == list(range(len(expected)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("甲乙丙。！？；\n <p>”“ab1")))
def test_sentences_are_exact_slices_in_order(text):
    try:
        a = split_sentences(article_from_text(text))
    except KgError:
        return
    ends = [0]
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= ends[-1]
        ends.append(s.end)
        assert a.sentence_at(s.start) == s
