"""The initiatives extractor: names with their marks, left edges, types, negatives, aliases, agencies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.extract.initiatives import extract_initiatives
from kg.ingest import article_from_text
from kg.ns import norm
from kg.sentences import split_sentences
from kg.types import Article, Mention, Organization, Person, Post

MIIT = Organization("工业和信息化部", aliases=["工信部"])


def run(text: str, orgs: list[Organization] | None = None, persons: list[Person] | None = None) -> Article:
    article = split_sentences(article_from_text(text))
    article.organizations = orgs or []
    article.persons = persons or []
    return extract_initiatives(article)


def names(text: str, **kw) -> list[str]:
    return [i.name for i in run(text, **kw).initiatives]


def official(name: str, title: str, org: str) -> Person:
    return Person(name, posts=[Post(title, org, Mention(0, 0, 0))])


@pytest.mark.parametrize("text,name", [
    ("国家发展改革委印发《关于推动大规模设备更新的实施意见》。", "《关于推动大规模设备更新的实施意见》"),
    ("全面落实《保障中小企业款项支付条例》。", "《保障中小企业款项支付条例》"),
    ("倡导发起《全球数据安全倡议》等国际合作倡议。", "《全球数据安全倡议》"),
    ("今年将制定“十五五”促进中小企业发展规划。", "“十五五”促进中小企业发展规划"),
    ("持续开展创新任务“揭榜挂帅”。", "“揭榜挂帅”"),
    ("商务部会同相关部门深入实施“购在中国”系列活动。", "“购在中国”系列活动"),
    ("推动“粤贸全国”“粤贸全球”行动。", "“粤贸全国”“粤贸全球”行动"),
    ("加快推進「兩重」建設。", "「兩重」建設"),  # corner quotes read as quotes, kept as written
    ("启动第三轮全国土壤普查专项行动。", "第三轮全国土壤普查专项行动"),
    ("持续组织“揭榜挂帅”等任务。", "“揭榜挂帅”"),
    ("“5G+工业互联网”在千行百业落地。", "“5G+工业互联网”"),
    ("中国与“一带一路”沿线国家开展务实合作。", "“一带一路”"),
    ("用于“两重”建设的资金全部下达。", "“两重”建设"),
    ("推广“一起益企”服务行动。", "“一起益企”服务行动"),
    ("“双千兆”网络部署稳步推进。", "“双千兆”网络"),
    ("这是贯彻落实“全省金融宣传与舆情管控合作机制”的具体措施。", "“全省金融宣传与舆情管控合作机制”"),
    ("浙江省启动数字经济创新提质“一号发展工程”。", "数字经济创新提质“一号发展工程”"),
    ("全面推行河长制。", "河长制"),
    ("工信部将构建“创新赋能、数字赋能”五位一体支持体系。", "“创新赋能、数字赋能”五位一体支持体系"),
    ("深化“两步申报”改革。", "“两步申报”改革"),
    ("推进“千万工程”经验推广。", "“千万工程”"),
    ("联合开展2024年“百日千万招聘专项行动”。", "“百日千万招聘专项行动”"),
])
def test_names_keep_their_marks(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize("text,name", [
    ("工信部将深入实施发展壮大新兴产业打造新动能行动。", "发展壮大新兴产业打造新动能行动"),
    ("深入推进加快加力清理拖欠企业账款行动。", "清理拖欠企业账款行动"),
    ("支持地方因地制宜建设一批未来产业先导区。", "未来产业先导区"),
    ("创建首批国家中小企业公共服务示范平台(基地)。", "国家中小企业公共服务示范平台(基地)"),
    ("此外还将聚焦企业需求，建好用好中国中小企业服务网。", "中国中小企业服务网"),
    ("发改委正在研究建立重大项目的政银企社合作对接机制。", "政银企社合作对接机制"),
    ("国家发展改革委组织筛选形成第一批189个全国重点民间投资项目。", "全国重点民间投资项目"),
    ("我们会同相关部门出台了第一批自贸试验区保税维修产品目录。", "第一批自贸试验区保税维修产品目录"),
    ("同时规范实施政府和社会资本合作新机制。", "政府和社会资本合作新机制"),
    ("将发布人形机器人与具身智能综合标准化体系建设指南。", "人形机器人与具身智能综合标准化体系建设指南"),
    ("实施优质企业梯度培育三年行动计划。", "优质企业梯度培育三年行动计划"),
    ("全国已设立21个自由贸易试验区。", "自由贸易试验区"),
    ("出台新一轮十大重点行业稳增长工作方案。", "新一轮十大重点行业稳增长工作方案"),
    ("全省各地充分利用春节黄金周举办优惠促销活动。", "优惠促销活动"),
    ("發改委將不斷充實完善和動態調整重大工程包。", "重大工程包"),
    ("累计争取超长期特别国债资金约320亿元。", "超长期特别国债"),
    ("今年省级财政统筹安排文化旅游发展专项资金9.6亿元。", "文化旅游发展专项资金"),  # a fund with its amount
    ("随着先进制造业集群培育工程加快推进，产量增长。", "先进制造业集群培育工程"),  # 培育 inside the name
    ("深圳将统筹市级低空经济产业发展专项资金，每年安排不少于20亿元。", "市级低空经济产业发展专项资金"),
    ("今年内建成市级低空飞行服务中心1个、区级分中心10个。", "市级低空飞行服务中心"),  # counted after its head
    ("第三轮第五批中央生态环境保护督察已完成进驻工作。", "第三轮第五批中央生态环境保护督察"),
    ("在大规模设备更新政策带动下，设备购置投资增长19.8%。", "大规模设备更新政策"),  # 在…带动下 governs it
    ("他介绍，一次性扩岗补助政策延续实施至2025年底。", "一次性扩岗补助政策"),  # the subject of 实施
    ("统筹用好衔接推进乡村全面振兴补助资金。", "衔接推进乡村全面振兴补助资金"),
    ("今年已确定首批120个县域充换电设施补短板试点县。", "县域充换电设施补短板试点县"),
    ("其中支农支小再贷款利率降至1.5%。", "支农支小再贷款"),  # a fund with its terms
    ("组织开展“百城百区”文化和旅游消费行动计划。", "“百城百区”文化和旅游消费行动计划"),  # 文化和旅游 is one word
    ("推行产业链“链长制”，产业加快集聚。", "产业链“链长制”"),
    ("其中，研发费用加计扣除政策减免税额6380亿元。", "研发费用加计扣除政策"),  # what the policy did
    ("今年已实施城市更新行动共计2.3万个项目。", "城市更新行动"),
    ("水利部将用好水利工程建设质量提升三年行动。", "水利工程建设质量提升三年行动"),  # 工程建设: a noun's work
    ("深入推进南水北调后续工程高质量发展。", "南水北调后续工程"),
    ("实施乡村医生队伍建设提升行动。", "乡村医生队伍建设提升行动"),
    ("加快建设光谷科创大走廊。", "光谷科创大走廊"),
    ("“东数西算”工程8个国家算力枢纽节点建设加快。", "“东数西算”工程"),  # a quoted name, then a count
    ("治理沙化土地2860万亩；林长制全面推行。", "林长制"),  # a system, then the verb
    ("全国自然灾害综合风险普查成果已推广应用。", "全国自然灾害综合风险普查"),
    ("今年汛期，我们在全国推行防汛‘叫应’机制。", "防汛‘叫应’机制"),  # single quotes
    ("要加快推动全国一体化政务服务平台提质增效。", "全国一体化政务服务平台"),
])
def test_left_edge(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize("text,name", [
    ("强制性国家标准GB 46317—2025《电动自行车用充电器安全技术规范》对充电器作出规定。", "《电动自行车用充电器安全技术规范》"),
    ("推荐性国家标准GB/T 46402—2025《家用可燃气体探测器》提升了性能要求。", "《家用可燃气体探测器》"),
    ("发布行业标准《数据中心能效限定值》。", "《数据中心能效限定值》"),
])
def test_a_title_after_a_standards_code_or_kind_is_a_standard(text, name):
    assert names(text) == [name]


def test_zones_listed_before_their_construction():
    text = "高水平推进横琴粤澳深度合作区、前海深港现代服务业合作区、南沙粤港澳全面合作示范区建设。"
    assert names(text) == ["横琴粤澳深度合作区", "前海深港现代服务业合作区", "南沙粤港澳全面合作示范区"]


def test_a_quoted_head_after_a_list_mark_is_read_without_error():
    # a quote ending in a head (“旅行指南”) after 、 once raised KeyError: the bench corpus found it
    names("推出“欧洲深度游”、“旅行指南”等产品。")


def test_names_in_a_list_share_the_verb_and_quotes_name_a_manner():
    assert names("布局建设国家技术创新中心34个、国家临床医学研究中心近70个。") == ["国家技术创新中心", "国家临床医学研究中心"]
    assert names("科技部持续深化“揭榜挂帅”“赛马”等组织方式改革。") == ["“揭榜挂帅”", "“赛马”"]
    assert names("近3年通过“揭榜挂帅”方式部署攻关任务。") == ["“揭榜挂帅”"]


def test_a_declared_short_form_is_an_alias():
    text = "生态环境部印发《2025—2026年秋冬季大气污染综合治理攻坚行动方案》（以下简称《攻坚方案》）。《攻坚方案》提出，力争下降。"
    [item] = run(text).initiatives
    assert item.name == "《2025—2026年秋冬季大气污染综合治理攻坚行动方案》" and item.aliases == ["《攻坚方案》"]
    assert len(item.mentions) == 3


def test_a_quoted_name_with_its_head_inside_a_title_is_that_title():
    text = "印发《充电设施服务能力“三年倍增”行动方案（2025—2027年）》。随着“三年倍增”行动推进，建设加快。"
    [item] = run(text).initiatives
    assert item.aliases == ["“三年倍增”行动"]


def test_a_law_and_its_implementing_regulation_are_two():
    text = "根据《中华人民共和国标准化法》规定执行。加快修订《中华人民共和国标准化法实施条例》。"
    assert names(text) == ["《中华人民共和国标准化法》", "《中华人民共和国标准化法实施条例》"]


@pytest.mark.parametrize("text,kind", [
    ("将制定“十五五”促进中小企业发展规划。", "Plan"),
    ("实施优质企业梯度培育三年行动计划。", "Plan"),
    ("深入推进清理拖欠企业账款行动。", "Action"),
    ("联合教育部开展百日招聘活动。", "Action"),
    ("持续开展创新任务“揭榜挂帅”。", "Action"),
    ("将发布人形机器人与具身智能综合标准化体系建设指南。", "Guideline"),
    ("出台了第一批自贸试验区保税维修产品目录。", "Guideline"),
    ("加快修订中小企业划型标准。", "Standard"),
    ("全面落实《保障中小企业款项支付条例》。", "Regulation"),
    ("全面实施《中华人民共和国数据安全法》。", "Regulation"),
    ("强化国家人工智能产业投资基金对人形机器人的支持力度。", "Fund"),
    ("支持地方建设一批未来产业先导区。", "Zone"),
    ("深化数字化转型试点。", "Zone"),
    ("建好用好中国中小企业服务网。", "Platform"),
    ("探索建设一批专精特新赋能中心。", "Platform"),
    ("建立健全重大项目协调机制。", "Mechanism"),
    ("中心支行建立新闻通气会制度。", "Mechanism"),
    ("全面推行河长制。", "Mechanism"),
    ("印发《郑州市商品房预售款监督管理办法(试行)(修订稿)》。", "Guideline"),
    ("江苏省出台《制造业智能化改造和数字化转型三年行动计划（2022—2024年）》。", "Plan"),
    ("倡导发起《全球数据安全倡议》。", "Action"),
])
def test_type_from_the_suffix(text, kind):
    items = run(text).initiatives
    assert len(items) == 1 and items[0].type == kind


@pytest.mark.parametrize("text", [
    "需要进一步完善政策举措，加大帮扶力度。",
    "在市场订单、人才引育、资金周转等方面还面临困难。",
    "累计发布国家标准408项、主导制定国际标准48项。",
    "各项政策持续显效。",
    "双方就地区问题深入交换了意见。",
    "呈现“稳”“进”“新”“活”四个特点。",
    "面向“十五五”，加快培育新兴支柱产业。",
    "进博会不仅是展示新品的平台。",
    "逐渐形成数据资产评估、登记结算、交易撮合等市场运营体系。",
    "推动“补短板”“锻长板”技术突破。",
    "人民银行兰州中心支行召开新闻通气会。",
    "企业生产经营活动预期指数为52.0%。",
    "培育一批智能制造系统解决方案供应商。",
    "这个项目进展顺利。",
    "专精特新中小企业是推进新型工业化的生力军。",
    "按照有关规定处理。",
    "5G网络覆盖所有的地级市。",
    "会议提出“三农”问题。",
    "累计发布国家标准408项。",
    "全省各地调整规划。",
    "在“宏观经济形势与政策”发布会上表示。",
    "上海要建设成国际金融中心。",
    "大部分省级规划已经上报国务院审批。",
    "这是今年成立的第四只沪深300指数基金。",
    "他推荐阅读《孙子兵法》。",
    "开展一系列活动。",
    "全省安排专项资金5亿元。",  # a fund with no name
    "开始培育工程。",
    "要加强督察。",
    "在一揽子增量政策带动下，经济回升。",
    "要建立长效管护机制。",
    "实行“一个项目、一名市领导、一个专班”推进机制。",  # no name starts inside a quote
    "昨日，长盛基金发布基金经理变更公告。",  # a fund company, not a fund of the state
    "中化方兴申请调整规划。",  # a verb before the head: no part of a name
    "特区政府修订条例。",
    "他在片中饰演一位女督察。",
    "开辟绿色通道。",
    "债市重新步入下跌通道。",
    "相关政策落地见效。",
])
def test_generic_phrases_are_not_initiatives(text):
    assert names(text) == []


@pytest.mark.parametrize("text,name,aliases", [
    ("认定一批国家中小企业公共服务示范平台(基地)。\n"
     "认定一批国家中小企业公共服务示范平台。",
     "国家中小企业公共服务示范平台(基地)", ["国家中小企业公共服务示范平台"]),
    ("将发布人形机器人与具身智能综合标准化体系建设指南。\n综合标准化体系建设指南",
     "人形机器人与具身智能综合标准化体系建设指南", ["综合标准化体系建设指南"]),
    ("深入推进加快加力清理拖欠企业账款行动。\n扎实开展清理拖欠企业账款行动。",
     "清理拖欠企业账款行动", []),
    ("培育421家國家級智能制造示範工廠。\n建成一批引領產業發展的智能制造示範工廠。",
     "國家級智能制造示範工廠", ["智能制造示範工廠"]),
    ("我國正在積極推進通過商簽共同發(fā)展經(jīng)濟伙伴關系協(xié)定。",
     "共同發展經濟伙伴關系協定", ["共同發(fā)展經(jīng)濟伙伴關系協(xié)定"]),
])
def test_shorter_and_noisy_forms_are_aliases(text, name, aliases):
    [item] = run(text).initiatives
    assert (item.name, item.aliases) == (name, aliases)


def test_every_mention_is_the_name_or_an_alias_in_the_text():
    text = "将发布人形机器人与具身智能综合标准化体系建设指南。\n综合标准化体系建设指南\n接下来将发布人形机器人与具身智能综合标准化体系建设指南。"
    article = run(text)
    [item] = article.initiatives
    assert len(item.mentions) == 3
    for m in item.mentions:
        assert article.text[m.start : m.end] in (item.name, *item.aliases)
        assert article.sentences[m.sentence].start <= m.start < m.end <= article.sentences[m.sentence].end


@pytest.mark.parametrize("text,orgs,persons,by", [
    ("工信部将深入实施发展壮大新兴产业打造新动能行动。", [MIIT], [], ["工业和信息化部"]),
    ("张云明介绍，将加快修订中小企业划型标准。",
     [MIIT], [official("张云明", "副部长", "工业和信息化部")], ["工业和信息化部"]),
    ("张云明介绍了有关情况。\n他指出，将制定“十五五”促进中小企业发展规划。",
     [MIIT], [official("张云明", "副部长", "工业和信息化部")], ["工业和信息化部"]),
    ("工信部联合教育部开展百日招聘活动。", [MIIT, Organization("教育部")], [], ["工业和信息化部", "教育部"]),
    ("【何亚东】：\n我们会同相关部门出台了第一批自贸试验区保税维修产品目录。",
     [Organization("商务部")], [official("何亚东", "新闻发言人", "商务部")], ["商务部"]),
    ("据悉，我国启动运行国家人工智能产业投资基金。", [MIIT], [], []),
    ("新华社报道，将启动第二阶段6G技术试验。", [Organization("新华社", kind="media")], [], []),
    ("信息通信发展司将启动第二阶段6G技术试验。",
     [MIIT, Organization("信息通信发展司", parent="工业和信息化部")], [], ["工业和信息化部"]),
    ("吕大良表示，我国正在积极推进通过商签共同发展经济伙伴关系协定。",
     [Organization("海关总署")], [official("吕大良", "新闻发言人", "海关总署")], []),
    ("【何亚东】：\n我们会同相关部门出台了第一批自贸试验区保税维修产品目录。",
     [Organization("商务部"), Organization("新华社", kind="media")], [Person("何亚东")], ["商务部"]),
    ("工业和信息化部党组书记李乐成主持召开会议，要求加速构建专精特新中小企业发展壮大新机制。",
     [MIIT], [official("李乐成", "党组书记", "工业和信息化部")], ["工业和信息化部"]),
    ("国家发展改革委副主任刘苏社在国新办新闻发布会上表示，将规范实施政府和社会资本合作新机制。",
     [Organization("国家发展和改革委员会", aliases=["国家发展改革委"]), Organization("国务院新闻办公室", aliases=["国新办"])],
     [], ["国家发展和改革委员会"]),
    ("財政部會同有關部門印發《關於進一步加強財政科學管理的意見》。",  # cues read in traditional script too
     [Organization("財政部"), Organization("教育部")], [], ["財政部"]),
])
def test_by_is_the_subject_or_the_speakers_organization(text, orgs, persons, by):
    [item] = run(text, orgs=orgs, persons=persons).initiatives
    assert item.by == by


def test_both_conjuncts_of_a_governed_policy_are_named():
    assert names("落实好大规模设备更新和消费品以旧换新政策。") == ["大规模设备更新", "消费品以旧换新政策"]


def test_a_leading_organization_is_not_part_of_the_name():
    assert names("商务部外贸稳增长专项行动取得成效。", orgs=[Organization("商务部")]) == ["外贸稳增长专项行动"]


def test_works_without_organizations_or_persons():
    [item] = run("工信部将深入实施发展壮大新兴产业打造新动能行动。").initiatives
    assert item.by == [] and item.name == "发展壮大新兴产业打造新动能行动"


@pytest.mark.parametrize("text,topics", [
    ("将发布人形机器人与具身智能综合标准化体系建设指南。", ["人形机器人", "具身智能"]),
    ("近期已经启动第二阶段6G技术试验。", ["6G"]),
    ("将制定“十五五”促进中小企业发展规划。", ["中小企业"]),
    ("持续开展创新任务“揭榜挂帅”。", []),
])
def test_topics_come_from_the_name(text, topics):
    [item] = run(text).initiatives
    assert item.topics == topics


_PIECES = st.sampled_from([
    "实施", "推进", "建设一批", "的", "和", "、", "，", "。", "“", "”", "《", "》", "行动", "规划", "机制", "平台",
    "基金", "试点", "中小企业", "人工智能", "发展", "(fā)", "國家", "工信部将", "189个", "等", " ", "\n", "A", "5G+",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_any_text_gives_mentions_that_slice_to_a_name(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    try:
        article = split_sentences(article_from_text(text))
    except KgError:  # ingest refuses some inputs (E005): not this extractor's business
        return
    article.organizations = [MIIT]
    extract_initiatives(article)
    for item in article.initiatives:
        forms = {norm(n) for n in (item.name, *item.aliases)}
        assert item.mentions and item.type
        for m in item.mentions:
            assert norm(article.text[m.start : m.end]) in forms or article.text[m.start : m.end] in item.aliases


def test_a_company_is_not_the_agency_of_a_law():
    text = "中国石油化工集团有限公司董事长表示，将配合制定《能源法》。"
    orgs = [Organization("中国石油化工集团有限公司", kind="company")]
    found = {i.name: i.by for i in run(text, orgs=orgs).initiatives}
    assert found.get("《能源法》") == []
