from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.extract.figures import extract_figures
from kg.ingest import article_from_text
from kg.sentences import split_sentences
from kg.types import Article


def run(text: str, published: str | None = "2024-10-09", id: str = "article") -> Article:
    article = article_from_text(text, id=id)
    article.published = published
    return extract_figures(split_sentences(article))


def table(text: str, **kw) -> list[tuple[str, Decimal, str, str]]:
    return [(f.surface, f.value, f.unit, f.qualifier) for f in run(text, **kw).figures]


@pytest.mark.parametrize(
    "text,surface,value,unit,qualifier",
    [
        ("2025年，规模以上工业增加值同比增长5.9%。", "5.9%", "5.9", "%", "exact"),
        ("据测算，人工智能企业数量超过6000家。", "超过6000家", "6000", "家", "lower"),
        ("累计建成5G基站364.7万个。", "364.7万个", "3647000", "个", "exact"),
        ("智能制造装备产业规模已经达到3.2万亿元以上。", "3.2万亿元以上", "3200000000000", "元", "lower"),
        ("全国已累计落地保税维修项目280多个。", "280多个", "280", "个", "lower"),
        ("外资企业进出口连续4个月保持增长。", "连续4个月", "4", "个月", "exact"),
        ("风电光伏装机是十年前的近90倍。", "近90倍", "90", "倍", "upper"),
        ("全国共抽查电动自行车产品2.3万批次。", "2.3万批次", "23000", "批次", "exact"),
        ("全年完成载货无人机飞行77.6万架次。", "77.6万架次", "776000", "架次", "exact"),
        ("新增专项债券发行平均期限16.3年。", "16.3年", "16.3", "年", "exact"),  # a length, not a year
        ("每年安排不少于20亿元。", "不少于20亿元", "2000000000", "元", "lower"),
        ("单个项目补贴最高500万元。", "最高500万元", "5000000", "元", "upper"),
        ("电厂存煤可用天数近30天。", "近30天", "30", "天", "upper"),  # a length, not a period
        ("平均办理时间压缩至3个工作日以内。", "3个工作日以内", "3", "个工作日", "upper"),
        ("民航完成运输总周转量137.6亿吨公里。", "137.6亿吨公里", "13760000000", "吨公里", "exact"),
        ("每周执行国际客运航班约7800班。", "约7800班", "7800", "班", "approx"),
        ("无人机累计飞行近2600万小时。", "近2600万小时", "26000000", "小时", "upper"),  # a total, no period
        ("算力总规模达290EFLOPS。", "290EFLOPS", "290", "EFLOPS", "exact"),
        ("备案大模型占全国比重近五分之一。", "近五分之一", "20", "%", "upper"),  # a fraction is a share
        ("可再生能源发电量占全部发电量的三分之一以上。", "三分之一以上", "33.33", "%", "lower"),
        ("澳门博彩毛收入累计2,204.6亿澳门元。", "2,204.6亿澳门元", "220460000000", "澳门元", "exact"),
        ("上市公司披露资产重组超过1500单。", "超过1500单", "1500", "单", "lower"),
        ("全市签约120亿元项目。", "120亿元", "12000000000", "元", "exact"),  # 签约 is no 约 "about"
    ],
)
def test_figure(text, surface, value, unit, qualifier):
    assert table(text) == [(surface, Decimal(value), unit, qualifier)]


def test_a_number_opening_the_text_is_read():
    # text[-1:0] is "": a check of the character before the number once dropped it
    assert table("1万亿元的超长期特别国债里用于两重建设的7000亿元也全部下达。")[0][0] == "1万亿元"


def test_a_unit_written_once_belongs_to_every_value():
    got = table("增速分别高于全部工业3.3个、3.5个百分点。")
    assert [(s, u) for s, _, u, _ in got] == [("3.3个", "个百分点"), ("3.5个百分点", "个百分点")]


@pytest.mark.parametrize(
    "text",
    [
        "国务院新闻办公室于2019年2月27日下午3时30分举行新闻发布会。",
        "第一阶段技术试验顺利完成，第八届进博会将在上海举办。",
        "服务热线0431-88600010，门牌是火炬路1518号。",
        "5G网络、6G研发和G20峰会。",
        "前5个月，我国外贸平稳。",
        "全市签约亿元以上产业项目。",  # 签约: no "about" before a lone 亿
        "出台《措施》（以下简称“十六条”）。",  # a name that holds a number
        "出台《深圳海关促进外贸稳规模优结构十六条措施》。",  # so does a title
        "落实“制造业当家22条”，推进技术改造。",  # and a quote that ends with it
        "哈密—重庆±800千伏特高压直流输电工程投运。",  # a rating in a name
    ],
)
def test_not_a_figure(text):
    assert run(text).figures == []


@pytest.mark.parametrize(
    "text,metrics",
    [
        (
            "规模以上装备制造业、高技术制造业增加值同比分别增长9.2%、9.4%。",
            ["规模以上装备制造业增加值同比增长", "高技术制造业增加值同比增长"],
        ),
        (
            "原油、金属矿砂等进口量分别增加了2.6%、4.2%。",
            ["原油进口量增加", "金属矿砂进口量增加"],
        ),
        (
            "高新技术、“专精特新”、科技中小企业贷款余额分别同比增长14.2%、18.5%、21.4%。",
            ["高新技术同比增长", "“专精特新”同比增长", "科技中小企业贷款余额同比增长"],
        ),
        (
            "其中，信息传输、软件和信息技术服务业，金融业生产指数分别增长10.3%、4.9%。",
            ["信息传输、软件和信息技术服务业生产指数增长", "金融业生产指数增长"],
        ),
        (  # a second list without items of its own reuses the first list's items
            "装备制造业、高技术制造业增加值同比分别增长8.4%、5.9%，分别比规模以上工业快4.6个百分点、2.1个百分点。",
            ["装备制造业增加值同比增长", "高技术制造业增加值同比增长",
             "装备制造业比规模以上工业快", "高技术制造业比规模以上工业快"],
        ),
        (
            "累计建成3.5万余家基础级、8200余家先进级智能工厂。",
            ["累计建成基础级", "累计建成先进级智能工厂"],
        ),
    ],
)
def test_metrics_of_lists(text, metrics):
    assert [f.metric for f in run(text).figures] == metrics


@pytest.mark.parametrize(
    "text,metrics",
    [
        ("数据显示，7月份，全国服务业生产指数同比增长0.6%。", ["全国服务业生产指数同比增长"]),
        ("移动物联网用户达19.84亿户。", ["移动物联网用户"]),
        ("培育15家领航级智能工厂。", ["培育领航级智能工厂"]),
        ("首批15家领航工厂已在大会上集中亮相。", ["首批领航工厂"]),
        ("2月末，人民币贷款余额243.96万亿元，同比增长10.1%。", ["人民币贷款余额", "人民币贷款余额同比增长"]),
        ("我国启动运行人工智能产业投资基金，资金规模达600亿元。", ["启动运行人工智能产业投资基金资金规模"]),
        ("统计显示，我国前三季度出口19.95万亿元。", ["前三季度出口"]),
        # 及 of 及以上 joins no list, and 平均 is no 均 that ends a counted noun
        ("全国339个地级及以上城市平均空气质量优良天数比例为87.6%。",
         ["全国地级及以上城市平均空气质量优良天数比例", "地级及以上城市平均空气质量优良天数比例"]),
        ("共有12家首都医院参与。", ["首都医院参与"]),
        ("罚款8600万元；约谈230人。", ["罚款", "约谈"]),  # 约谈 is a verb, not 约 "about"
        ("实际使用外资金额6219.3亿元人民币。", ["实际使用外资金额"]),  # the currency said again
        ("平均降价幅度在48%—70%之间。", ["平均降价幅度在", "平均降价幅度在"]),  # a range's marks
        ("中能储科技集团有限公司（以下简称“中能储集团”）总投资120亿元。", ["中能储科技集团有限公司总投资"]),
        # 产销 names two measures; 统计 before 已经 is no part of a metric; a figure that borrowed
        # the topic leaves it the topic (发行率 is still the bonds')
        ("今年上半年，汽车产销分别为1211.7万辆与1205.7万辆。", ["汽车产量", "汽车销量"]),
        ("今年3.12万亿元地方政府专项债，到9月底统计已经发行2.83万亿元，发行率是90%。",
         ["地方政府专项债", "地方政府专项债已经发行", "地方政府专项债发行率"]),
        # 预计…将 are no part of a metric; who forecasts is no context for it
        ("全县油茶产业综合产值7.6亿元，预计今年将突破9亿元。", ["全县油茶产业综合产值", "全县油茶产业综合产值"]),
        ("据中国汽车工业协会预测，今年全年汽车销量将有望超过2700万辆。", ["今年全年汽车销量"]),
        ("受灾人次、因灾死亡失踪人数和直接经济损失分别下降22.4%、35.1%和18.7%。",
         ["受灾人次下降", "因灾死亡失踪人数下降", "直接经济损失下降"]),  # 、 and then 和
        # items of one length before the last, which carries the words they share
        ("东盟、瑞士、日本对华实际投资分别增长32.6%、58.2%和41.5%。",
         ["东盟对华实际投资增长", "瑞士对华实际投资增长", "日本对华实际投资增长"]),
        ("全国基本养老、失业、工伤保险参保人数分别为10.78亿人、2.48亿人、3.02亿人。",
         ["全国基本养老保险参保人数", "失业保险参保人数", "工伤保险参保人数"]),
        # a part named after 其中 needs no context; a list member after it still does
        ("全省进出口总值4.62万亿元，其中出口3.52万亿元。", ["全省进出口总值", "出口"]),
        ("深圳市进出口总值3.77万亿元。其中，出口2.29万亿元。", ["深圳市进出口总值", "出口"]),
        ("其中吸引民间资本参与项目441个、总投资3448亿元。", ["吸引民间资本参与项目", "吸引民间资本参与项目总投资"]),
        # a short metric takes the subject of the figure before it rather than its time words
        ("今年安排2万亿元再融资债券用于置换债务，截至9月底已发行约1.98万亿元。",
         ["安排再融资债券用于置换债务", "安排再融资债券用于置换债务已发行"]),
    ],
)
def test_metric(text, metrics):
    assert [f.metric for f in run(text).figures] == metrics


def test_quote_holds_figure_and_its_context():
    a = run("2月末，人民币贷款余额243.96万亿元，同比增长10.1%。")
    quotes = [a.text[f.quote.start : f.quote.end] for f in a.figures]
    assert quotes == ["人民币贷款余额243.96万亿元", "人民币贷款余额243.96万亿元，同比增长10.1%"]


@pytest.mark.parametrize(
    "text,periods",
    [
        ("一季度，工业增加值同比增长6.1%。", ["2024-01/2024-03"]),
        ("2025年，工业增加值增长5.9%。制造业增长6.0%。", ["2025", "2025"]),  # carried over
        ("一季度投资增长13.5%，比去年同期下降4.1个百分点。", ["2024-01/2024-03"] * 2),  # a comparison
        ("一季度投资增长13.5%。\n去年9月份以来推出7个工程包。\n基础设施投资增长23.1%。",
         ["2024-01/2024-03"] * 3),  # 以来 is a starting point, not a period
        ("今年7000亿元投资已经下达，目前项目开工率是58%；1万亿元国债也已下达。", ["2024", None, "2024"]),
        ("去年四季度增发1万亿元国债。", ["2023-10/2023-12"]),
        ("截至9月份，进口连续4个月增长。", ["2024-09"]),
        ("力争到2027年推动4万家中小企业完成改造。", ["2027"]),
        ("1月份-7月份，工业增加值增长3.5%，比1月份-6月份加快0.1个百分点。", ["2024-01/2024-07"] * 2),
        ("2024年，国内生产总值增长5.2%。一季度增长5.3%，二季度增长4.7%，三季度增长4.6%。"
         "第一产业增加值91414亿元。", ["2024", "2024-01/2024-03", "2024-04/2024-06", "2024-07/2024-09", "2024"]),
        ("1—9月，投资增长3.4%。全年城镇新增就业1256万人。", ["2024-01/2024-09", "2024"]),
        # as of the end of October this year; a share of the whole year's quota is no period
        ("截至10月底，今年新增专项债券已发行4.4万亿元，占全年额度的近九成。", ["2024-10", "2024-10"]),
        ("前三季度，全省生产总值增长5.6%，今年全年预计增长5.5%。", ["2024-01/2024-09", "2024"]),
        # a bare 全年 is the whole of the year in force
        ("2023年，产值超过960亿元；累计开通航线520条，全年完成飞行77.6万架次。", ["2023"] * 3),
        # 今年以来 holds past a semicolon up to the full stop; 目前 does not
        ("截至11月底，案件增加。今年以来，共发布标准1862项；查处案件3860件。", ["2024", "2024"]),
    ],
)
def test_periods(text, periods):
    assert [f.period for f in run(text).figures] == periods


def test_year_from_the_file_name_when_nothing_else():
    a = run("一季度，工业增加值同比增长6.1%。", published=None, id="nbs-2022-q1")
    assert [f.period for f in a.figures] == ["2022-01/2022-03"]


@pytest.mark.parametrize(
    "text,count",
    [
        ("6G研发形成超300项关键技术储备。\n据透露，6G研发已完成试验，形成了超300项关键技术储备。", 1),
        ("全国服务业生产指数同比增长0.6%\n7月份，全国服务业生产指数同比增长0.6%。", 1),
        ("集成电路出口增长18.9%、船舶增长18.9%。", 2),  # same value, different facts
        ("7000亿元的中央预算内投资已经下达；用于两重建设的7000亿元也全部下达。", 2),
        ("营业收入增长5.0%，利润增长5.0%。", 2),
        ("7月份，工业增加值同比增长3.5%。\n1-7月份，工业增加值同比增长3.5%。", 2),  # two periods
        ("2月末，各项贷款余额同比增长10.1%。\n2月末，制造业贷款增长28.3%，高于同期各项贷款增速10.1%。", 2),
    ],
)
def test_a_fact_stated_twice_is_kept_once(text, count):
    assert len(run(text).figures) == count


def test_a_fact_in_the_title_yields_to_its_copy_in_the_body():
    a = run("深圳印发方案 到2027年低空经济规模突破1500亿元\n方案提出，到2027年，全市低空经济规模突破1500亿元。")
    assert [(f.metric, f.period) for f in a.figures] == [("全市低空经济规模", "2027")]


def test_the_body_names_a_fact_of_the_title_and_the_title_may_give_its_period():
    a = run("2025年国家医保药品目录公布 新增114种药品\n国家医保局介绍，本次目录调整共新增114种药品。", published=None)
    assert [(f.metric, f.period) for f in a.figures] == [("本次目录调整共新增药品", "2025")]


def test_an_amount_in_the_title_is_the_one_the_body_states():
    a = run("央行：9月末M2余额335.38万亿元\n9月末，广义货币（M2）余额335.38万亿元，同比增长8.4%。")
    assert [f.metric for f in a.figures] == ["广义货币（M2）余额", "广义货币（M2）余额同比增长"]


def test_headline_copy_yields_to_the_sentence_that_states_the_period():
    a = run("1-6月，利润增长1.0%。\n服务业生产指数同比增长0.6%\n7月份，服务业生产指数同比增长0.6%。")
    assert [(f.value, f.period) for f in a.figures] == [(1, "2024-01/2024-06"), (Decimal("0.6"), "2024-07")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "增长", "5.9%", "１２．５％", "1.76万家", "超", "近", "以上", "左右", "一千七百多项", "三成", "万余家",
    "个", "、", "和", "分别", "，", "。", "；", "\n", "2025年", "前三季度", "12月末", "目前", "以来", "比去年同期",
    "萬(wàn)", "輛", "連續(xù)", "4個月", "第", "一", "十四五", "-", "0431-88600010", "规模以上工业", "的",
]), max_size=40).map("".join))
def test_any_text_gives_exact_mentions_and_finite_values(text):
    try:
        a = split_sentences(article_from_text(text))
    except KgError:
        return
    for f in extract_figures(a).figures:
        assert a.text[f.mention.start : f.mention.end] == f.surface
        assert f.value.is_finite()
        assert f.quote.start <= f.mention.start and f.mention.end <= f.quote.end
        s = a.sentences[f.mention.sentence]
        assert s.start <= f.quote.start and f.quote.end <= s.end
