"""Persons and posts: title patterns, chains and lists, bylines, credits, speakers, and bare names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.extract.organizations import extract_organizations
from kg.extract.persons import extract_persons, name_at
from kg.extract.textview import make_view
from kg.ingest import article_from_text
from kg.sentences import split_sentences
from kg.types import Article


def run(text: str) -> Article:
    return extract_persons(extract_organizations(split_sentences(article_from_text(text))))


def people(text: str) -> dict[str, list[tuple[str, str | None]]]:
    return {p.name: [(q.title, q.org) for q in p.posts] for p in run(text).persons}


# -- organization + title + name ---------------------------------------------------------------


@pytest.mark.parametrize("text,name,posts", [
    ("工信部副部长张云明介绍,一季度工业平稳。", "张云明", [("副部长", "工业和信息化部")]),
    ("中国人民银行副行长宣昌能在会上表示。", "宣昌能", [("副行长", "中国人民银行")]),
    ("国家发展改革委副主任刘苏社在国新办新闻发布会上表示。", "刘苏社", [("副主任", "国家发展和改革委员会")]),
    ("工业和信息化部党组书记李乐成主持召开会议。", "李乐成", [("党组书记", "工业和信息化部")]),
    ("证监会主席 易会满 发言。", "易会满", [("主席", "中国证券监督管理委员会")]),
    ("上海证券交易所理事长黄红元出席。", "黄红元", [("理事长", "上海证券交易所")]),
    ("工业和信息化部信息技术发展司副司长江明涛介绍。", "江明涛", [("副司长", "信息技术发展司")]),
    ("甘肃省委宣传部新闻处处长王银军出席。", "王银军", [("处长", "新闻处")]),
    ("比亚迪股份有限公司董事长王传福表示。", "王传福", [("董事长", "比亚迪股份有限公司")]),
    ("国务院副总理何立峰出席会议并讲话。", "何立峰", [("副总理", "国务院")]),
    ("国家主席习近平出席。", "习近平", [("国家主席", None)]),
    ("广东省委书记黄坤明主持会议。", "黄坤明", [("书记", "广东省委")]),
    ("杭州市市长姚高员介绍。", "姚高员", [("市长", "杭州市人民政府")]),  # the city's government
    ("广州海关副关长张三明表示。", "张三明", [("副关长", "广州海关")]),
])
def test_title_after_an_organization(text, name, posts):
    assert people(text)[name] == posts


@pytest.mark.parametrize("text,name,posts", [
    ("工业和信息化部新闻发言人、信息通信发展司司长谢存介绍。", "谢存",
     [("新闻发言人", "工业和信息化部"), ("司长", "信息通信发展司")]),
    ("国家统计局新闻发言人、国民经济综合统计司司长付凌晖在国新办新闻发布会上表示。", "付凌晖",
     [("新闻发言人", "国家统计局"), ("司长", "国民经济综合统计司")]),
    ("发布会由国务院新 闻 办公室新闻局局长、新闻发言人胡凯红主持。", "胡凯红",
     [("局长", "新闻局"), ("新闻发言人", "国务院新闻办公室")]),
    ("中国人民银行党委书记、行长潘功胜表示。", "潘功胜", [("党委书记", "中国人民银行"), ("行长", "中国人民银行")]),
    ("国家发展改革委政策研究室副主任、委新闻发言人李超介绍。", "李超",
     [("副主任", "政策研究室"), ("新闻发言人", "国家发展和改革委员会")]),
])
def test_a_chain_of_titles_gives_one_post_each(text, name, posts):
    assert people(text)[name] == posts


def test_a_list_of_titles_shares_the_organization():
    found = people("中国证券监督管理委员会主席易会满,副主席李超、副主席方星海,上海证券交易所理事长黄红元介绍。")
    csrc = "中国证券监督管理委员会"
    assert found["易会满"] == [("主席", csrc)]
    assert found["李超"] == [("副主席", csrc)] and found["方星海"] == [("副主席", csrc)]
    assert found["黄红元"] == [("理事长", "上海证券交易所")]


def test_a_title_refers_back_to_the_body_just_named():
    assert people("商务部召开例行新闻发布会,新闻发言人束珏婷介绍了有关情况。")["束珏婷"] == [("新闻发言人", "商务部")]


def test_the_same_title_again_without_the_body_adds_no_post():
    found = people("证监会副主席李超介绍。出席的还有副主席李超先生。")
    assert found["李超"] == [("副主席", "中国证券监督管理委员会")]


@pytest.mark.parametrize("text,name,title,org", [
    ("海關總署副署長王軍,海關總署新聞發言人呂大良介紹。", "王軍", "副署長", "海關總署"),
    ("海關總署新聞發(fā)言人、統(tǒng)計分析司司長呂大良介紹。", "呂大良", "新聞發言人", "海關總署"),
    ("國家發展改革委運(yùn)行局局長(zhǎng)李云卿在會上介紹。", "李云卿", "局長", "運行局"),
])
def test_traditional_script_and_noise(text, name, title, org):
    assert (title, org) in people(text)[name]


def test_a_post_mentions_its_title_cue():
    text = "工信部副部长张云明介绍。"
    person = run(text).persons[0]
    post = person.posts[0]
    assert text[post.mention.start : post.mention.end] == "副部长"
    assert text[person.mentions[0].start : person.mentions[0].end] == "张云明"


# -- bylines and credits ---------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("記者 辛圓\n國新辦周一舉行新聞發布會。", {"辛圓": [("記者", None)]}),
    ("本报记者 孟珂\n8月15日,会议召开。", {"孟珂": [("记者", None)]}),
    ("红星新闻记者 王田\n编辑 余冬梅\n审核 官莉", {
        "王田": [("记者", "红星新闻")], "余冬梅": [("编辑", None)], "官莉": [("审核", None)]}),
    ("项目已开工。(经济日报记者 熊丽)", {"熊丽": [("记者", "经济日报")]}),
    ("封面新闻记者 粟裕\n会议召开。", {"粟裕": [("记者", "封面新闻")]}),
    ("会议指出。(責編:焦隆、周婉婷)", {"焦隆": [("責編", None)], "周婉婷": [("責編", None)]}),
    ("增速较高。 【编辑:于晓】", {"于晓": [("编辑", None)]}),
    # the outlet of the dateline employs the reporters in it
    ("新华社北京10月20日电(记者 王敏 李想)财政部表示。", {"王敏": [("记者", "新华社")], "李想": [("记者", "新华社")]}),
    ("【大公报讯】记者张宁北京报道：商务部20日公布数据。", {"张宁": [("记者", "大公报")]}),
    ("记者 王 军 编辑 李 明", {"王军": [("记者", None)], "李明": [("编辑", None)]}),
    ("记者 王欢 徐州报道", {"王欢": [("记者", None)]}),
    ("湖北日报全媒记者 宋雨桐", {"宋雨桐": [("全媒记者", "湖北日报")]}),
    ("作者：汤一鸣", {"汤一鸣": []}),  # an author is named, 作者 is no post
])
def test_bylines(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,names", [
    ("人民網蘭州10月26日電(陳誠)10月24日下午,會議召開。", ["陳誠"]),
    ("中经联播4月10日北京讯 (褚新兵 张宇晖 雨蝶)4月9日,会议召开。", ["褚新兵", "张宇晖", "雨蝶"]),
    ("证监会主席 易会满 (史丽 摄)", ["史丽"]),
])
def test_credits_are_persons_without_posts(text, names):
    found = people(text)
    assert all(found[n] == [] for n in names)


@pytest.mark.parametrize("text,name", [
    ("【何亚东】:\n各位记者朋友,大家下午好。", "何亚东"),
    ("胡凯红:女士们、先生们,大家下午好!", "胡凯红"),
])
def test_speakers_in_transcripts(text, name):
    assert people(text) == {name: []}


def test_a_name_with_an_honorific_is_a_person():
    assert "焦津洪" in people("出席今天发布会的还有焦津洪先生。")


def test_later_bare_mentions_are_collected():
    person = run("工信部副部长单忠德说,开局良好。单忠德介绍,工业平稳。单忠德还表示。").persons[0]
    assert person.name == "单忠德" and len(person.mentions) == 3


# -- how long a name is ------------------------------------------------------------------------


@pytest.mark.parametrize("text,name", [
    ("谢存介绍", "谢存"), ("张云明介绍", "张云明"), ("王賓出席通氣會", "王賓"), ("李超先生", "李超"),
    ("羅國三24日表示", "羅國三"), ("王軍,海關總署", "王軍"), ("易会满先生", "易会满"), ("欧阳明高表示", "欧阳明高"),
])
def test_name_length_follows_what_comes_after(text, name):
    v = make_view(text)
    assert v.text[: name_at(v, 0)] == name


# -- not persons ------------------------------------------------------------------------------


def test_a_mayor_is_not_posted_at_the_party_committee_named_before():
    assert people("深圳市委书记孟凡利主持会议，市长覃伟中作报告。") == {
        "孟凡利": [("书记", "深圳市委")], "覃伟中": [("市长", None)]}


def test_a_district_head_holds_the_post_at_the_one_district_government_named():
    text = "中共上海市闵行区委副书记、区长钱振东介绍，副区长东方嘉怡出席。今年3月由闵行区人民政府印发方案。"
    assert people(text) == {"钱振东": [("副书记", "中共上海市闵行区委"), ("区长", "闵行区人民政府")],
                            "东方嘉怡": [("副区长", "闵行区人民政府")]}


@pytest.mark.parametrize("text,expected", [
    ("“今年首次制定目录。”黄蕙兰（国家医保局医药服务管理司司长）说。", {"黄蕙兰": [("司长", "医药服务管理司")]}),
    ("会上，李明（国家发展改革委副主任）表示。", {"李明": [("副主任", "国家发展和改革委员会")]}),
    ("张三（化名）表示。", {}),
])
def test_a_post_in_brackets_after_the_name(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("广东省省长林振邦作政府工作报告。", {"林振邦": [("省长", "广东省人民政府")]}),
    ("廣東省副省長林振邦作報告。", {"林振邦": [("副省長", "廣東省人民政府")]}),
    ("广东省委书记王伟中主持。", {"王伟中": [("书记", "广东省委")]}),
])
def test_the_head_of_a_place_holds_the_post_at_its_government(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("“现在旋耕机直接开到田里。”村民吴德顺高兴地说。", {"吴德顺": []}),
    ("居民张建国介绍，小区变美了。", {"张建国": []}),
    ("村民王大爷说。", {}),
    ("市民李女士表示。", {}),
    ("患者王某说。", {}),
    ("学生申请签证时说。", {}),  # 申请 is no name
])
def test_a_villager_quoted_by_name_is_a_person_without_a_post(text, expected):
    assert people(text) == expected


def test_posts_at_a_declared_short_form_go_to_the_full_name():
    text = "中能储科技集团有限公司（以下简称“中能储集团”）签约。中能储集团党委书记、董事长端木立诚出席。"
    assert people(text) == {"端木立诚": [("党委书记", "中能储科技集团有限公司"), ("董事长", "中能储科技集团有限公司")]}


@pytest.mark.parametrize("text,expected", [
    ("应外交部邀请，塞尔维亚共和国第一副总理兼外交部长马尔科·约万诺维奇将于11月17日访问中国。",
     {"马尔科·约万诺维奇": [("第一副总理", None), ("外交部长", None)]}),  # a state is no organization
    ("美国国务院发言人约翰·史密斯12日称。", {"约翰·史密斯": [("发言人", "美国国务院")]}),
    ("哈萨克斯坦驻华大使努尔兰·别克托夫日前表示。", {"努尔兰·别克托夫": [("驻华大使", None)]}),
    ("欧盟驻华代表团科技参赞马蒂亚斯·霍夫曼表示。", {"马蒂亚斯·霍夫曼": [("科技参赞", None)]}),
    ("联合国秘书长安东尼奥·古特雷斯表示。", {"安东尼奥·古特雷斯": [("秘书长", "联合国")]}),
    ("电影节主席马可·穆勒自2004年起任职。", {"马可·穆勒": [("主席", None)]}),
    ("运维服务有限公司总经理热依拉·买买提告诉记者。", {"热依拉·买买提": [("总经理", "运维服务有限公司")]}),
])
def test_foreign_officials(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("据国家消防救援局指挥中心副主任（正司局级）帕尔哈提·阿不都热依木介绍，前三季度。",
     {"帕尔哈提·阿不都热依木": [("副主任", "指挥中心")]}),  # a rank in brackets
    ("风险监测和综合减灾司司长（兼国家防减救灾委办公室副主任）温立平说。",
     {"温立平": [("司长", "风险监测和综合减灾司"), ("副主任", "国家防减救灾委办公室")]}),  # a second post
    ("据龙海燕（科技部基础研究司副司长）介绍，2024年增长。", {"龙海燕": [("副司长", "基础研究司")]}),
])
def test_brackets_between_title_and_name_or_after_the_name(text, expected):
    assert people(text) == expected


def test_an_authors_name_alone_on_a_line_under_the_title():
    assert people("人民时评：让国家公园成为美丽中国的亮丽名片\n杜若衡\n2025年12月19日 来源：人民网\n正文内容。") == {"杜若衡": []}
    assert people("第一章\n总则\n正文内容。") == {}


def test_a_second_name_of_the_body_in_brackets_before_the_title():
    assert people("国家林业和草原局（国家公园管理局）党组成员、副局长王图雅指出。") == {
        "王图雅": [("党组成员", "国家林业和草原局"), ("副局长", "国家林业和草原局")]}
    assert people("發展局局長柯展鵬會後會見傳媒時表示。") == {"柯展鵬": [("局長", "發展局")]}


@pytest.mark.parametrize("text,expected", [
    ("“今年并网容量创新高。”谷雨辰是国网新疆电力副总经理，他告诉记者。", {"谷雨辰": [("副总经理", "国网新疆电力")]}),
    ("李明是工业和信息化部副部长。", {"李明": [("副部长", "工业和信息化部")]}),
    ("他是公司副总经理，负责销售。", {}),
    ("王强是一名记者。", {}),  # no body named: too loose to read
])
def test_a_person_introduced_as_name_是_body_title(text, expected):
    assert people(text) == expected


def test_leaders_listed_as_such_are_persons_without_posts():
    assert people("市领导周立平、韩雪松，市政府秘书长钟文斌参加活动。") == {
        "钟文斌": [("秘书长", "市政府")], "周立平": [], "韩雪松": []}


@pytest.mark.parametrize("text,expected", [
    ("国家电网有限公司（以下简称“国家电网”）副总经理殷浩然表示。", {"殷浩然": [("副总经理", "国家电网有限公司")]}),
    ("重庆市经济和信息化委员会（以下简称“市经济信息委”）主任蒲明杰说。", {"蒲明杰": [("主任", "重庆市经济和信息化委员会")]}),
])
def test_a_post_right_after_a_declared_short_form(text, expected):
    assert people(text) == expected


def test_a_title_chain_into_the_general_office():
    assert people("人社部新闻发言人、办公厅副主任卢爱华介绍。") == {
        "卢爱华": [("新闻发言人", "人力资源和社会保障部"), ("副主任", "办公厅")]}


def test_a_body_opening_a_headline_is_no_speaker():
    assert people("商务部：前10个月全国实际使用外资金额6219.3亿元\n正文。") == {}


def test_a_committee_member_who_is_also_mayor_holds_the_mayoralty_at_no_committee():
    assert people("成都市委常委、常务副市长赵丽在会上说。") == {"赵丽": [("常委", "成都市委"), ("常务副市长", None)]}


@pytest.mark.parametrize("text,name,posts", [
    ("工业和信息化部张云明副部长出席会议并讲话。", "张云明", [("副部长", "工业和信息化部")]),
    ("会上，生态环境部李天威司长介绍了有关情况。", "李天威", [("司长", "生态环境部")]),
    ("发布会由王辉司长主持。", "王辉", [("司长", None)]),
    ("会上，欧阳明副部长介绍了情况。", "欧阳明", [("副部长", None)]),
    ("国家统计局召开发布会，付凌晖新闻发言人表示，经济稳中有进。", "付凌晖", [("新闻发言人", "国家统计局")]),
])
def test_name_before_its_title(text, name, posts):
    assert people(text) == {name: posts}


@pytest.mark.parametrize("text", [
    "国务院常务副总理出席。",
    "他是时任局长。",
    "谢谢刘秘书长。",
    "商家代表参加了会议。",
    "本次会议邀请高级研究员出席。",
])
def test_words_before_a_title_that_are_no_name(text):
    assert people(text) == {}


@pytest.mark.parametrize("text,name", [
    ("人力资源社会保障部就业促进司副司长运宏伟出席发布会。", "运宏伟"),
    ("教育部新闻办公室主任、新闻发言人续梅主持发布会。", "续梅"),
    ("广东省商务厅厅长洪业表示。", "洪业"),
])
def test_rarer_surnames_after_a_title(text, name):
    assert name in people(text)


@pytest.mark.parametrize("text,name", [
    ("中国科学院院士、清华大学教授薛其坤介绍。", "薛其坤"),
    ("西部证券总经理安保和对外给出的数据显示。", "安保和"),
])
def test_given_names_with_characters_that_are_words_elsewhere(text, name):
    assert name in people(text)


@pytest.mark.parametrize("text", [
    "张家港的企业很多。",
    "李明表示,消费潜力巨大。",
    "王先生说,张家港的企业很多。",
    "记者注意到,今年以来投资增长。记者了解到,政策落地见效。",
    "并答记者问。",
    "局长向大家介绍了情况。",
    "书记强调,要抓好落实。",
    "副部长在会上表示。",
    "沈阳：出租房已成犯罪窝点\n违规房主被拘留。",
    "【新华社中国经济信息社记者】:请问如何看待?",
])
def test_no_person_without_a_cue(text):
    assert people(text) == {}


# -- any text --------------------------------------------------------------------------------


_PIECES = ["工信部", "司长", "副部长", "张云明", "李超", "、", ",", "。", " ", "(fā)", "记者", "编辑", "(", ")",
           "电", "摄", "先生", "【", "】", ":", "\n", "表示", "國", "王", "介绍", "主持人", "兼", "委"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_any_text_gives_persons_whose_mentions_are_their_names(pieces):
    text = "".join(pieces)
    try:
        a = run(text)
    except KgError:  # nothing left once page chrome is removed: ingest says so
        return
    orgs = {n for o in a.organizations for n in (o.name, *o.aliases)}
    for p in a.persons:
        assert 2 <= len(p.name) <= 4
        for m in p.mentions:
            assert make_view(text[m.start : m.end]).text == p.name
        for q in p.posts:
            assert q.org is None or q.org in orgs
            assert make_view(text[q.mention.start : q.mention.end]).text == q.title
