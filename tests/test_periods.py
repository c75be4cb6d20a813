from __future__ import annotations

import pytest

from kg.extract.periods import Reference, find_periods, reference

REF = Reference(2024, 10)  # an article published in October 2024


def meaning(text: str, ref: Reference = REF) -> list[tuple[str | None, str]]:
    return [(p.iso, p.kind) for p in find_periods(text, ref)]


@pytest.mark.parametrize(
    "text,iso",
    [
        ("2025年，规模以上工业增加值同比增长5.9%", "2025"),
        ("2025年12月，全国", "2025-12"),
        ("2025年前三季度进出口", "2025-01/2025-09"),
        ("一季度规模以上工业增加值", "2024-01/2024-03"),
        ("第三季度", "2024-07/2024-09"),
        ("前三季度出口", "2024-01/2024-09"),
        ("上半年汽车销量", "2024-01/2024-06"),
        ("前5月货物贸易", "2024-01/2024-05"),
        ("前5个月机电产品", "2024-01/2024-05"),
        ("1-5月，全国水电", "2024-01/2024-05"),
        ("1月份-7月份，全国", "2024-01/2024-07"),
        ("前两个月新增贷款", "2024-01/2024-02"),
        ("2月末，贷款余额", "2024-02"),
        ("截至4月底，累计建成", "2024-04"),
        ("至9月末，存款余额", "2024-09"),
        ("7月份，服务业", "2024-07"),
        ("今年近6万亿元", "2024"),
        ("今年上半年", "2024-01/2024-06"),
        ("今年全年汽车销量", "2024"),
        ("全年城镇新增就业", "2024"),
        ("去年四季度增发的国债", "2023-10/2023-12"),
        ("到2027年推动4万家企业", "2027"),
        ("面向“十五五”", "2026/2030"),
        ("“十四五”时期", "2021/2025"),
        ("十三五以来", "2016/2020"),
        ("从2015年到2019年", "2015/2019"),
        ("2025年末", "2025-12"),
        ("上年末", "2023-12"),
        ("一季度末", "2024-03"),
        ("前三个季度", "2024-01/2024-09"),
        ("2024年1—9月", "2024-01/2024-09"),
        ("截至2024年6月30日", "2024-06-30"),
        ("截至6月30日", "2024-06-30"),
    ],
)
def test_period(text, iso):
    assert meaning(text)[0][0] == iso


def test_month_after_publication_is_last_year():
    assert meaning("12月末，贷款余额", Reference(2026, 1)) == [("2025-12", "carry")]
    assert meaning("全年城镇新增就业", Reference(2026, 1)) == [("2025", "carry")]
    assert meaning("前三季度", Reference(2026, 1)) == [("2025-01/2025-09", "carry")]


def test_no_reference_year_no_period():
    assert meaning("一季度增长", Reference(None)) == [(None, "since")]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("比去年同期下降", "compare"),
        ("较2024年提高", "compare"),
        ("比1月份-6月份加快", "compare"),
        ("是2012年的近90倍", "compare"),
        ("自去年6月份以来连续下降", "since"),
        ("今年以来已推介", "local"),
        ("目前已培育", "local"),
        ("4月24日电", "date"),
        ("2019年2月27日下午", "date"),
    ],
)
def test_not_a_carried_period(text, kind):
    assert meaning(text)[0][1] == kind


def test_now_has_no_period():
    assert meaning("目前，首批工厂") == [(None, "local")]


@pytest.mark.parametrize(
    "published,text,name,expected",
    [
        ("2024-03-21", "", "x", Reference(2024, 3)),
        (None, "发布时间：2019-02-28 13:41", "x", Reference(2019)),
        (None, "一季度增长", "nbs-2022-q1", Reference(2022)),
        (None, "2023年和2023年以及2021年", "press", Reference(2023)),
        (None, "一季度增长", "press", Reference(None)),
    ],
)
def test_reference(published, text, name, expected):
    assert reference(published, text, name) == expected


@pytest.mark.parametrize("text,expected", [
    ("“十四五”以来，年均新增装机超过2亿千瓦", [("2021/2025", "local")]),  # a plan so far
    ("其中上半年新增光伏装机2.12亿千瓦", [("2024-01/2024-06", "local")]),  # a part, for its sentence
    ("完成全年目标任务的88%", [("2024", "compare")]),  # the year's target
    ("全年目标是增长5%左右", [("2024", "carry")]),
])
def test_kind_of_period(text, expected):
    assert meaning(text) == expected


@pytest.mark.parametrize("text,iso", [
    ("福建前三季GDP年增5.4％", "2024-01/2024-09"),  # 前三季 without 度, as reposts write it
    ("首十個月北都已落成住宅單位約4800個", "2024-01/2024-10"),  # 首十个月 is 前十个月
    ("力争到2027年底建成", "2027"),  # a target's year-end is its year
    ("2025年末存款余额", "2025-12"),  # a stock at the year-end is December's
])
def test_other_ways_of_writing_a_period(text, iso):
    assert meaning(text)[0][0] == iso
