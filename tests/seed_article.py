"""A small hand-built Article shaped like the seed article, for the graph/ontology/validation tests.

Everything is built by hand here (no ingest, no extractors), so these tests only exercise the
Article -> graph mapping. Offsets are found with str.find, so the text can be edited freely.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg import ns
from kg.types import Article, Figure, Initiative, Mention, Organization, Person, Post, Sentence, Span

TEXT = (
    "红星资本局1月21日消息,工信部副部长张云明在会上介绍,工业和信息化部将发布人形机器人与具身智能综合标准化体系建设指南。"
    "工业和信息化部新闻发言人、信息通信发展司司长谢存介绍,6G第一阶段技术试验形成超300项关键技术储备。"
    "工信部将制定“十五五”促进中小企业发展规划,落实《保障中小企业款项支付条例》。"
    "我国启动运行国家人工智能产业投资基金,资金规模达600亿元。"
    "2025年规模以上工业增加值同比增长5.9%,人工智能已渗透领航工厂70%以上的业务场景。"
    "2025年我国人工智能企业数量超过6000家,新产品审批时间缩短至不到3个月。"
    "\n编辑 余冬梅\n"
)


def sentences(text: str) -> list[Sentence]:
    return [
        Sentence(i, m.start(), m.end(), m.group()) for i, m in enumerate(re.finditer(r"[^。\n]+。?", text))
    ]


def mention(article: Article, surface: str, nth: int = 0, after: str = "") -> Mention:
    """The `nth` occurrence of `surface` (after the first occurrence of `after`), with its sentence."""
    start = article.text.index(after) if after else 0
    start = article.text.index(surface, start)
    for _ in range(nth):
        start = article.text.index(surface, start + 1)
    end = start + len(surface)
    sentence = article.sentence_at(start)
    assert sentence is not None and sentence.end >= end, surface
    return Mention(start, end, sentence.index)


def figure(article: Article, surface: str, value, unit, qualifier, metric, quote, **kw) -> Figure:
    m = mention(article, surface, after=quote)
    q = article.text.index(quote)
    return Figure(surface, Decimal(value), unit, qualifier, metric, m, Span(q, q + len(quote)), **kw)


def seed_article() -> Article:
    a = Article(id="seed-test", source="seed-test.txt", text=TEXT, digest=ns.digest(TEXT))
    a.published = "2026-01-21"
    a.publisher = "红星资本局"
    a.title = "工信部介绍2025年工业和信息化发展成效"
    a.sentences = sentences(TEXT)
    miit = Organization(
        "工业和信息化部",
        aliases=["工信部"],
        english=["MIIT"],
        mentions=[mention(a, "工信部"), mention(a, "工业和信息化部"), mention(a, "工业和信息化部", 1), mention(a, "工信部", 1)],
    )
    unit = Organization("信息通信发展司", parent="工业和信息化部", mentions=[mention(a, "信息通信发展司")])
    media = Organization("红星资本局", kind="media", mentions=[mention(a, "红星资本局")])
    a.organizations = [miit, unit, media]
    a.persons = [
        Person("张云明", [Post("副部长", "工业和信息化部", mention(a, "副部长"))], [mention(a, "张云明")]),
        Person(
            "谢存",
            [
                Post("新闻发言人", "工业和信息化部", mention(a, "新闻发言人")),
                Post("司长", "信息通信发展司", mention(a, "司长")),
            ],
            [mention(a, "谢存")],
        ),
        Person("余冬梅", [Post("编辑", None, mention(a, "编辑"))], [mention(a, "余冬梅")]),
    ]
    a.initiatives = [
        Initiative(
            "人形机器人与具身智能综合标准化体系建设指南",
            "Guideline",
            by=["工业和信息化部"],
            topics=["人形机器人", "具身智能"],
            mentions=[mention(a, "人形机器人与具身智能综合标准化体系建设指南")],
        ),
        Initiative(
            "“十五五”促进中小企业发展规划",
            "Plan",
            by=["工业和信息化部"],
            topics=["中小企业"],
            mentions=[mention(a, "“十五五”促进中小企业发展规划")],
        ),
        Initiative(
            "《保障中小企业款项支付条例》",
            "Regulation",
            aliases=["保障中小企业款项支付条例"],
            mentions=[mention(a, "《保障中小企业款项支付条例》")],
        ),
        Initiative("国家人工智能产业投资基金", "Fund", mentions=[mention(a, "国家人工智能产业投资基金")]),
    ]
    a.figures = [
        figure(a, "超300项", 300, "项", "lower", "6G第一阶段技术试验关键技术储备", "第一阶段技术试验形成超300项关键技术储备"),
        figure(
            a,
            "600亿元",
            "6E+10",
            "元",
            "exact",
            "国家人工智能产业投资基金资金规模",
            "资金规模达600亿元",
            about="国家人工智能产业投资基金",
        ),
        figure(
            a, "5.9%", "5.9", "%", "exact", "规模以上工业增加值同比增长", "2025年规模以上工业增加值同比增长5.9%", period="2025"
        ),
        figure(a, "70%以上", 70, "%", "lower", "人工智能渗透领航工厂业务场景比例", "人工智能已渗透领航工厂70%以上的业务场景"),
        figure(
            a, "超过6000家", 6000, "家", "lower", "人工智能企业数量", "2025年我国人工智能企业数量超过6000家", period="2025"
        ),
        figure(a, "不到3个月", 3, "个月", "upper", "新产品审批时间", "新产品审批时间缩短至不到3个月"),
    ]
    return a


TEXT2 = "工信部副部长张云明出席发布会。2026年一季度规模以上工业增加值同比增长6%左右。"


def second_article(org_name: str = "工业和信息化部") -> Article:
    """A later article naming the same agency and person: for merge tests."""
    a = Article(id="second-test", source="https://example.org/news/2.html", text=TEXT2, digest=ns.digest(TEXT2))
    a.published = "2026-04-20"
    a.sentences = sentences(TEXT2)
    a.organizations = [Organization(org_name, aliases=["工信部"], mentions=[mention(a, "工信部")])]
    a.persons = [Person("张云明", [Post("副部长", org_name, mention(a, "副部长"))], [mention(a, "张云明")])]
    a.figures = [
        figure(
            a,
            "6%左右",
            6,
            "%",
            "approx",
            "规模以上工业增加值同比增长",
            "2026年一季度规模以上工业增加值同比增长6%左右",
            period="2026-01/2026-03",
        )
    ]
    return a
