from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.numbers import chinese_number, find_numbers


def one(text: str):
    found = list(find_numbers(text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text,surface,value,unit,qualifier",
    [
        ("形成超300项关键技术储备", "超300项", "300", "项", "lower"),
        ("培育专精特新企业1.76万家", "1.76万家", "17600", "家", "exact"),
        ("渗透70%以上的业务场景", "70%以上", "70", "%", "lower"),
        ("核心产业规模预计突破1.2万亿元", "突破1.2万亿元", "1200000000000", "元", "lower"),
        ("制造业规模有望连续16年保持全球第一", "连续16年", "16", "年", "exact"),
        ("今年近6万亿元的政府投资", "近6万亿元", "6000000000000", "元", "upper"),
        ("同比增长3%左右", "3%左右", "3", "%", "approx"),
        ("对经济增长的贡献超四成", "超四成", "40", "%", "lower"),
        ("占出口比重达六成", "六成", "60", "%", "exact"),
        ("资金规模达600亿元", "600亿元", "60000000000", "元", "exact"),
        ("带动1700多项装备应用", "1700多项", "1700", "项", "lower"),
        ("带动一千七百多项装备应用", "一千七百多项", "1700", "项", "lower"),
        ("建成3.5万余家基础级工厂", "3.5万余家", "35000", "家", "lower"),
        ("培育了万余家省级车间", "万余家", "10000", "家", "lower"),
        ("全年增长約5.2%", "約5.2%", "5.2", "%", "approx"),
        ("裝機超過(guò)9500萬(wàn)千瓦", "超過(guò)9500萬(wàn)千瓦", "95000000", "千瓦", "lower"),
        ("汽車銷售1211.7萬(wàn)輛", "1211.7萬(wàn)輛", "12117000", "輛", "exact"),
        ("進口已經連續(xù)4個月增長", "連續(xù)4個月", "4", "個月", "exact"),
        ("新增各項存款1319億元", "1319億元", "131900000000", "元", "exact"),
        ("比上月回落0.1个百分点", "0.1个百分点", "0.1", "个百分点", "exact"),
        ("增長１２．５％", "１２．５％", "12.5", "%", "exact"),
        ("收入12,345亿元", "12,345亿元", "1234500000000", "元", "exact"),
        ("利润总额66,675.4亿元", "66,675.4亿元", "6667540000000", "元", "exact"),
        ("发电量10万千瓦时", "10万千瓦时", "100000", "千瓦时", "exact"),
        ("是2012年的近90倍", "近90倍", "90", "倍", "upper"),
        ("项目不超过50个", "不超过50个", "50", "个", "upper"),
        ("参与人数逾10万人次", "逾10万人次", "100000", "人次", "lower"),
        ("增长率为-1.9%", "-1.9%", "-1.9", "%", "exact"),
        ("我到任刚满一个月", "一个月", "1", "个月", "exact"),
        ("接待游客300万人以下", "300万人以下", "3000000", "人", "upper"),
        ("PM2.5平均浓度为27微克/立方米", "27微克/立方米", "27", "微克/立方米", "exact"),
        ("布伦特原油价格约80美元/桶", "约80美元/桶", "80", "美元/桶", "approx"),
        ("收购价格3.5元／公斤", "3.5元／公斤", "3.5", "元／公斤", "exact"),
        ("下调贷款市场报价利率25个基点", "25个基点", "25", "个基点", "exact"),
        ("风电装机容量超过120GW", "超过120GW", "120", "GW", "lower"),
        ("日最高气温达38.5℃", "38.5℃", "38.5", "℃", "exact"),
    ],
)
def test_quantity(text, surface, value, unit, qualifier):
    q = one(text)
    assert (q.surface, q.value, q.unit, q.qualifier) == (surface, Decimal(value), unit, qualifier)
    assert text[q.start : q.end] == q.surface


@pytest.mark.parametrize(
    "text",
    [
        "2025年工业和信息化发展成效",  # a year
        "国新办4月24日举行发布会",  # a date
        "第一阶段技术试验",  # ordinal
        "第二批项目和第八届进博会",
        "举报电话：0431-88600010",  # phone number
        "ICP备18006035号",  # id
        "地址：火炬路1518号",  # address
        "5G网络覆盖、6G研发和G20峰会",  # model names
        "近12年的平均增速",  # a time expression, not a record
        "前5个月，货物贸易增长",  # a period
        "实施三年行动计划",
        "形成一批领航工厂、两个试点",  # words, not statistics
        "千行百业、万家灯火",
        "“十四五”规划和2019版人民币",
        "排名前10名",
    ],
)
def test_not_a_quantity(text):
    assert list(find_numbers(text)) == []


@pytest.mark.parametrize(
    "text,value",
    [("三", 3), ("十", 10), ("十四", 14), ("二十", 20), ("一百二十", 120), ("一千七百", 1700),
     ("万", 10000), ("三万五千", 35000), ("一亿二千万", 120000000), ("两千", 2000)],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["十四五", "一二", "三十四五"])
def test_chinese_number_rejects_lists(text):
    assert chinese_number(text) is None


def test_offsets_are_into_the_whole_text():
    text = "甲。出口增长7.1%，进口下降0.2%"
    qs = list(find_numbers(text, 2))
    assert [text[q.start : q.end] for q in qs] == ["7.1%", "0.2%"]


def test_a_dash_between_two_percentages_is_a_range_not_a_sign():
    assert [(q.surface, q.value) for q in find_numbers("股票仓位在60%-70%之间")] == [
        ("60%", Decimal("60")), ("70%", Decimal("70"))]
