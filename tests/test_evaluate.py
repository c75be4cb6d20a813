"""Tests for kg.evaluate: the scoring rules of corpus/GUIDELINES.md, one behaviour per test."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import (SECTIONS, Counts, dice, gold_pairs, initiative_names_match, load_gold,
                         score, score_article, values_agree)

DEV = Path("/work/shared/corpus/dev")
DEV_KEYS = sorted(DEV.glob("*.gold.json")) if DEV.is_dir() else []

SMALL = {
    "id": "small",
    "persons": [
        {"name": "张三", "posts": [{"title": "副部长", "org": "工业和信息化部"},
                                  {"title": "新闻发言人", "org": "工信部"}]},
        {"name": "李四", "posts": [{"title": "记者", "org": None}]},
        {"name": "王五", "posts": [], "optional": True},
    ],
    "organizations": [
        {"name": "工业和信息化部", "aliases": ["工信部"], "kind": "government"},
        {"name": "规划司", "kind": "government", "parent": "工业和信息化部"},
    ],
    "initiatives": [
        {"name": "“十五五”促进中小企业发展规划", "aliases": ["发展规划"]},
        {"name": "公共服务体系", "optional": True},
    ],
    "figures": [
        {"surface": "超300项", "value": 300, "unit": "项", "metric": "关键技术储备", "period": "2025"},
        {"surface": "5.9%", "value": 5.9, "unit": "%", "metric": "工业增加值同比增长"},
        {"surface": "0个", "value": 0, "unit": "个", "metric": "事故", "optional": True},
    ],
}
EMPTY = {"id": "empty", "persons": [], "organizations": [], "initiatives": [], "figures": []}


def counts(pred: dict, gold: dict, section: str) -> tuple[int, int, int]:
    c = score_article(pred, gold).counts[section]
    return c.tp, c.fp, c.fn


def key(**sections) -> dict:
    return {"id": "t", **sections}


def fig(value, unit="家", metric="企业数量", period=None, optional=False) -> dict:
    item = {"value": value, "unit": unit, "metric": metric}
    if period is not None:
        item["period"] = period
    if optional:
        item["optional"] = True
    return item


# ---------------------------------------------------------------- a key against itself

@pytest.mark.parametrize("gold", [SMALL, EMPTY, key()], ids=["small", "empty", "bare"])
def test_hand_written_key_scores_one_against_itself(gold):
    result = score_article(copy.deepcopy(gold), gold)
    for section in SECTIONS:
        c = result.counts[section]
        assert (c.precision, c.recall, c.f1, c.fp, c.fn) == (1.0, 1.0, 1.0, 0, 0), section
    assert result.misses == result.false_hits == []


@pytest.mark.skipif(not DEV_KEYS, reason="shared dev corpus not available at /work/shared/corpus/dev")
@pytest.mark.parametrize("path", DEV_KEYS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_dev_key_scores_one_against_itself(path):
    gold = load_gold(path)
    report = score([(copy.deepcopy(gold), gold)])
    for section, c in report.counts.items():
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), section


def test_dev_keys_all_present():
    if not DEV.is_dir():
        pytest.skip("shared dev corpus not available")
    assert len(gold_pairs(DEV)) == 14


# ---------------------------------------------------------------- counts convention

@pytest.mark.parametrize("tp,fp,fn,p,r,f1", [
    (0, 0, 0, 1.0, 1.0, 1.0),   # nothing to find, nothing predicted
    (0, 0, 3, 0.0, 0.0, 0.0),   # nothing predicted
    (0, 2, 0, 0.0, 0.0, 0.0),   # nothing to find, something predicted
    (0, 2, 3, 0.0, 0.0, 0.0),
    (3, 1, 0, 0.75, 1.0, 6 / 7),
    (1, 1, 1, 0.5, 0.5, 0.5),
])
def test_counts_convention(tp, fp, fn, p, r, f1):
    c = Counts(tp, fp, fn)
    assert (c.precision, c.recall) == (p, r)
    assert c.f1 == pytest.approx(f1)


# ---------------------------------------------------------------- misses and optional items

def test_known_miss_lowers_recall_by_one_item():
    gold = key(persons=[{"name": n} for n in ("甲一", "乙二", "丙三", "丁四")])
    pred = key(persons=[{"name": n} for n in ("甲一", "乙二", "丙三")])
    result = score_article(pred, gold)
    c = result.counts["persons"]
    assert (c.tp, c.fp, c.fn, c.recall, c.precision) == (3, 0, 1, 0.75, 1.0)
    assert [m.label for m in result.misses] == ["丁四"]


def test_misses_and_false_hits_are_listed():
    gold = key(organizations=[{"name": "教育部"}])
    pred = key(organizations=[{"name": "财政部"}])
    result = score_article(pred, gold)
    assert [(i.section, i.label) for i in result.misses] == [("organizations", "教育部")]
    assert [(i.section, i.label) for i in result.false_hits] == [("organizations", "财政部")]


@pytest.mark.parametrize("pred_names,expected", [
    ([], (0, 0, 0)),                   # optional missed: costs nothing
    (["公共服务体系"], (0, 0, 0)),        # optional matched: neither tp nor fp
    (["公共服务体系", "公共服务体系"], (0, 1, 0)),  # the second copy has nothing left to match
    (["百日招聘活动"], (0, 1, 0)),
])
def test_optional_items(pred_names, expected):
    gold = key(initiatives=[{"name": "公共服务体系", "optional": True}])
    pred = key(initiatives=[{"name": n} for n in pred_names])
    assert counts(pred, gold, "initiatives") == expected


def test_matching_prefers_non_optional_gold():
    # one prediction fits both an optional and a required gold figure; the optional comes first
    gold = key(figures=[fig(100, optional=True), fig(100.3)])
    pred = key(figures=[fig(100.2)])
    assert counts(pred, gold, "figures") == (1, 0, 0)


def test_optional_person_makes_its_posts_optional():
    gold = key(persons=[{"name": "王五", "optional": True, "posts": [{"title": "司长", "org": None}]}])
    assert counts(key(persons=[]), gold, "posts") == (0, 0, 0)


# ---------------------------------------------------------------- persons and organizations

@pytest.mark.parametrize("pred,gold,hit", [
    ("张三", "张三", True),
    ("张 三", "张三", True),           # white space removed
    ("張三", "张三", False),           # no traditional/simplified folding
    ("张三丰", "张三", False),
])
def test_person_names(pred, gold, hit):
    assert counts(key(persons=[{"name": pred}]), key(persons=[{"name": gold}]), "persons")[0] == hit


@pytest.mark.parametrize("pred,hit", [
    ({"name": "工信部"}, True),
    ({"name": "工业和信息化部"}, True),
    ({"name": "中华人民共和国工业和信息化部", "aliases": ["工信部"]}, True),
    ({"name": "ＭＩＩＴ"}, True),       # NFKC folds full-width letters
    ({"name": "信息化部"}, False),
])
def test_organization_names_and_aliases(pred, hit):
    gold = key(organizations=[{"name": "工业和信息化部", "aliases": ["工信部", "MIIT"]}])
    assert counts(key(organizations=[pred]), gold, "organizations")[0] == hit


# ---------------------------------------------------------------- posts

GOLD_POSTS = key(
    persons=[{"name": "易会满", "posts": [{"title": "主席", "org": "中国证券监督管理委员会"}]}],
    organizations=[{"name": "中国证券监督管理委员会", "aliases": ["中国证监会", "证监会"]}],
)


@pytest.mark.parametrize("org,pred_orgs,hit", [
    ("中国证券监督管理委员会", [], True),
    ("证监会", [], True),                                         # not listed: the plain string
    ("证监会", [{"name": "证监会"}], True),
    ("CSRC", [{"name": "CSRC", "aliases": ["中国证监会"]}], True),  # through the predicted aliases
    ("CSRC", [], False),
    ("国务院", [], False),
    (None, [], False),                                           # predicted null vs gold org
])
def test_post_org_matches_through_aliases(org, pred_orgs, hit):
    pred = key(persons=[{"name": "易会满", "posts": [{"title": "主席", "org": org}]}],
               organizations=pred_orgs)
    assert counts(pred, GOLD_POSTS, "posts")[0] == hit


@pytest.mark.parametrize("name,title,hit", [
    ("易会满", "主席", True),
    ("易会满", "副主席", False),
    ("李超", "主席", False),
])
def test_post_needs_person_and_title(name, title, hit):
    pred = key(persons=[{"name": name, "posts": [{"title": title, "org": "证监会"}]}])
    assert counts(pred, GOLD_POSTS, "posts")[0] == hit


@pytest.mark.parametrize("pred_org", [None, "新华社", "工信部"])
def test_gold_null_org_matches_any(pred_org):
    gold = key(persons=[{"name": "孟珂", "posts": [{"title": "记者", "org": None}]}])
    pred = key(persons=[{"name": "孟珂", "posts": [{"title": "记者", "org": pred_org}]}])
    assert counts(pred, gold, "posts") == (1, 0, 0)


# ---------------------------------------------------------------- initiatives

@pytest.mark.parametrize("pred,gold,hit", [
    ("中小企业数字化转型", "中小企业数字化转型", True),
    ("业数字化转型", "中小企业数字化转型", True),      # 6 of 9: exactly two thirds
    ("数字化转型", "中小企业数字化转型", False),       # 5 of 9
    ("中小企业数字化转型", "业数字化转型", True),      # the prediction may be the longer one
    ("中小企业数字化转", "小企业数字化转型", False),   # overlap is not containment
    ("", "中小", False),
])
def test_initiative_containment_rule(pred, gold, hit):
    assert initiative_names_match(pred, gold) == hit


@pytest.mark.parametrize("pred,hit", [
    ({"name": "《中小企业促进法》"}, True),            # marks removed
    ({"name": "「中小企业促进法」"}, True),
    ({"name": "促进法"}, False),
    ({"name": "促进法", "aliases": ["中小企业促进法"]}, True),  # predicted aliases count
    ({"name": "促进法释义"}, False),
    ({"name": "小企业促进法"}, True),                # 6 of 7 against the gold name
    ({"name": "企业法"}, True),                      # equals a gold alias
])
def test_initiative_names_and_aliases(pred, hit):
    gold = key(initiatives=[{"name": "中小企业促进法", "aliases": ["企业法"]}])
    assert counts(key(initiatives=[pred]), gold, "initiatives")[0] == hit


@pytest.mark.parametrize("pred,gold", [
    ("《科创板》", "科创板"),
    ("“科创板”", "科创板"),
    ("「科创板」", "‘科创板’"),
    ("＂科创板＂", "科创板"),          # full-width quote folded by NFKC, then removed
])
def test_initiative_marks_ignored(pred, gold):
    # without mark removal these short names would fail the 2/3 containment rule
    assert counts(key(initiatives=[{"name": pred}]), key(initiatives=[{"name": gold}]), "initiatives") == (1, 0, 0)


# ---------------------------------------------------------------- figures

@pytest.mark.parametrize("pred,gold,hit", [
    (1005, 1000, True),          # exactly 0.5 %
    (995, 1000, True),
    (1005.01, 1000, False),
    (994.99, 1000, False),
    (5.9295, 5.9, True),         # exact decimals, no float drift at the boundary
    (5.9296, 5.9, False),
    (0, 0, True),
    (0.001, 0, False),
    (-1.005, -1, True),
    ("17600", 17600, True),
    (None, 1, False),
    (True, 1, False),
])
def test_figure_value_tolerance(pred, gold, hit):
    assert values_agree(pred, gold) == hit


@pytest.mark.parametrize("pred_unit,gold_unit,hit", [
    ("家", "家", True),
    ("％", "%", True),           # NFKC
    ("个 百分点", "个百分点", True),
    ("个", "家", False),
    ("元", "亿元", False),
])
def test_figure_units(pred_unit, gold_unit, hit):
    pred, gold = key(figures=[fig(10, unit=pred_unit)]), key(figures=[fig(10, unit=gold_unit)])
    assert counts(pred, gold, "figures")[0] == hit


@pytest.mark.parametrize("a,b,value", [
    ("增加值", "增加值", 1.0),
    ("增加值", "增加数量", 0.4),       # 2*1 / (2+3)
    ("增加值", "增加数量多", 1 / 3),   # 2*1 / (2+4)
    ("人", "人", 1.0),
    ("人", "吨", 0.0),
    ("啊啊", "啊啊啊", 2 / 3),         # bigrams counted as a multiset: 2*1 / (1+2)
])
def test_dice(a, b, value):
    assert dice(a, b) == pytest.approx(value)


@pytest.mark.parametrize("pred_metric,hit", [
    ("增加数量", True),      # Dice exactly 0.4
    ("增加数量多", False),   # Dice 1/3
    ("", False),
])
def test_figure_metric_boundary(pred_metric, hit):
    gold = key(figures=[fig(10, metric="增加值")])
    pred = key(figures=[fig(10, metric=pred_metric)])
    assert counts(pred, gold, "figure+metric")[0] == hit
    assert counts(pred, gold, "figures")[0] == 1


@pytest.mark.parametrize("pred_period,gold_period,hit", [
    ("2025", "2025", True),
    ("2024", "2025", False),
    (None, "2025", False),
    ("2024-01/2024-06", "2024-01/2024-06", True),
    ("2025", None, True),        # the gold figure has no period: anything goes
    (None, None, True),
])
def test_figure_period_rule(pred_period, gold_period, hit):
    gold = key(figures=[fig(10, period=gold_period)])
    pred = key(figures=[fig(10, period=pred_period)])
    assert counts(pred, gold, "figure+period")[0] == hit
    assert counts(pred, gold, "figures")[0] == 1


def test_stricter_figure_scores_need_the_value_too():
    gold = key(figures=[fig(10, metric="增加值", period="2025")])
    pred = key(figures=[fig(11, metric="增加值", period="2025")])
    assert [counts(pred, gold, s)[0] for s in ("figures", "figure+metric", "figure+period")] == [0, 0, 0]


# ---------------------------------------------------------------- bipartite matching

def test_bipartite_matching_beats_greedy():
    # 100.2 fits both gold figures, 99.6 fits only the first; greedy pairs 100.2 with the
    # first gold figure and leaves 99.6 and the second gold figure unmatched
    gold = key(figures=[fig(100), fig(100.4)])
    pred = key(figures=[fig(100.2), fig(99.6)])
    assert counts(pred, gold, "figures") == (2, 0, 0)


def test_counts_do_not_depend_on_order():
    rng = random.Random(7)
    gold = key(figures=[fig(v) for v in (100, 100.4, 100.8, 101.2, 50)])
    preds = [fig(v) for v in (100.2, 99.6, 100.6, 101.0, 101.5, 51)]
    expected = counts(key(figures=preds), gold, "figures")
    for _ in range(20):
        rng.shuffle(preds)
        rng.shuffle(gold["figures"])
        assert counts(key(figures=list(preds)), gold, "figures") == expected


def test_each_gold_item_matched_once():
    gold = key(persons=[{"name": "张三"}])
    pred = key(persons=[{"name": "张三"}, {"name": "张三"}])
    assert counts(pred, gold, "persons") == (1, 1, 0)


# ---------------------------------------------------------------- report

def test_report_is_micro_averaged():
    gold_a = key(persons=[{"name": "甲一"}])
    gold_b = key(persons=[{"name": n} for n in ("乙二", "丙三", "丁四")])
    report = score([(gold_a, gold_a), (key(persons=[]), gold_b)])
    c = report.counts["persons"]
    assert (c.tp, c.fn, c.recall) == (1, 3, 0.25)   # the macro average would be 0.5


def test_report_table_and_dict():
    report = score([(key(persons=[{"name": "甲一"}]), SMALL)])
    lines = report.table().splitlines()
    assert lines[0].split() == ["section", "P", "R", "F1", "tp", "fp", "fn"]
    assert [line.split()[0] for line in lines[1:]] == list(SECTIONS)
    assert len({len(line) for line in lines}) == 1          # aligned columns
    data = report.to_dict()
    json.dumps(data)
    assert data["sections"]["persons"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                           "tp": 0, "fp": 1, "fn": 2}
    assert data["per_article"][0]["id"] == "small"


# ---------------------------------------------------------------- gold files

@pytest.mark.parametrize("content", ["{", "", "[1, 2]", "{'id': 1}"])
def test_bad_json_raises_e010(tmp_path, content):
    path = tmp_path / "bad.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_gold(path)
    assert err.value.code == "E010"
    assert err.value.path == str(path)


def test_missing_gold_raises_e001(tmp_path):
    with pytest.raises(InputError) as err:
        load_gold(tmp_path / "none.gold.json")
    assert err.value.code == "E001"


def test_load_gold_reads_utf8(tmp_path):
    path = tmp_path / "a.gold.json"
    path.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    assert load_gold(path) == SMALL


def test_gold_pairs(tmp_path):
    for name in ("b.txt", "b.gold.json", "a.txt", "a.gold.json", "c.txt", "d.gold.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert gold_pairs(tmp_path) == [(tmp_path / "a.txt", tmp_path / "a.gold.json"),
                                    (tmp_path / "b.txt", tmp_path / "b.gold.json")]


@pytest.mark.parametrize("files,code", [
    ((), "E011"),
    (("a.txt", "b.gold.json"), "E011"),
    (None, "E001"),
])
def test_gold_pairs_errors(tmp_path, files, code):
    folder = tmp_path / "corpus"
    if files is not None:
        folder.mkdir()
        for name in files:
            (folder / name).write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as err:
        gold_pairs(folder)
    assert err.value.code == code
