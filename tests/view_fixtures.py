"""Graphs for the view tests, built by hand after ONTOLOGY.md §2.4.

`seed_like_graph()` is the seed article's graph as the SEED_FACTS tests see it. It returns the
hand-built `hand_built_seed()` for now; to run those tests on the real seed, make it return the
pipeline's graph (e.g. `graph_of(build_article(SEED_PATH))`) and check SEED_FACTS (title, date).
Tests of projection details use `hand_built_seed()` directly. `xss_graph()` carries script
payloads in every text field; `synthetic_graph(n)` is a deterministic graph of exactly `n`
projected nodes.
"""

from __future__ import annotations

import random
from pathlib import Path
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import ns
from kg.ns import ITSRDF, KGO, NIF, SDOX, UNIT

SEED_FACTS = {
    "person": "张云明",
    "org": "工业和信息化部",
    "alias": "工信部",
    "role": "副部长",
    "fund": "国家人工智能产业投资基金",
    "figure": "600亿元",
    "title": "seed-miit-2025-review",  # the sample has no usable title line: the view names it by its id
    "date": "2026-01-21",
}
SEED_PATH = Path(__file__).resolve().parent.parent / "kg" / "sample" / "seed-miit-2025-review.txt"

XSS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "<!--<script>window.__pwned=4//",
    "'); window.__pwned=5; ('",
    "http://evil.example/x.js",
]


def _nni(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


class ArticleBuilder:
    """One article: its text made of `sentences`, with NIF context, sentences and mention phrases."""

    def __init__(self, g: Graph, sentences: list[str], *, title: str, issued: str, identifier: str) -> None:
        self.g = g
        self.text = "".join(sentences)
        self.digest = ns.digest(self.text)
        self.doc = ns.doc(self.digest)
        self.ctx = ns.span(self.digest, 0, len(self.text))
        self.bounds: list[tuple[int, int]] = []
        g.add((self.doc, RDF.type, SDO.NewsArticle))
        g.add((self.doc, RDF.type, FOAF.Document))
        g.add((self.doc, DCTERMS.title, Literal(title)))
        g.add((self.doc, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
        g.add((self.doc, DCTERMS.identifier, Literal(identifier)))
        g.add((self.doc, DCTERMS.language, Literal("zh")))
        for t in (NIF.Context, NIF.OffsetBasedString):
            g.add((self.ctx, RDF.type, t))
        g.add((self.ctx, NIF.isString, Literal(self.text)))
        g.add((self.ctx, NIF.beginIndex, _nni(0)))
        g.add((self.ctx, NIF.endIndex, _nni(len(self.text))))
        g.add((self.ctx, NIF.sourceUrl, self.doc))
        at = 0
        for s in sentences:
            self.bounds.append((at, at + len(s)))
            at += len(s)

    def sentence(self, index: int) -> URIRef:
        b, e = self.bounds[index]
        s = ns.span(self.digest, b, e)
        g = self.g
        if (s, RDF.type, NIF.Sentence) not in g:
            for t in (NIF.Sentence, NIF.OffsetBasedString):
                g.add((s, RDF.type, t))
            g.add((s, NIF.anchorOf, Literal(self.text[b:e])))
            g.add((s, NIF.beginIndex, _nni(b)))
            g.add((s, NIF.endIndex, _nni(e)))
            g.add((s, NIF.referenceContext, self.ctx))
        return s

    def sentence_with(self, surface: str, start: int = 0) -> int:
        b = self.text.index(surface, start)
        return next(i for i, (sb, se) in enumerate(self.bounds) if sb <= b < se)

    def mention(self, target: URIRef, surface: str, *, entity: bool = True, start: int = 0) -> URIRef:
        """A nif:Phrase for the first `surface` in the text from `start`, pointing at `target`."""
        g = self.g
        b = self.text.index(surface, start)
        e = b + len(surface)
        phrase = ns.span(self.digest, b, e)
        for t in (NIF.Phrase, NIF.OffsetBasedString):
            g.add((phrase, RDF.type, t))
        g.add((phrase, NIF.anchorOf, Literal(surface)))
        g.add((phrase, NIF.beginIndex, _nni(b)))
        g.add((phrase, NIF.endIndex, _nni(e)))
        g.add((phrase, NIF.referenceContext, self.ctx))
        g.add((phrase, NIF.sentence, self.sentence(self.sentence_with(surface, start))))
        g.add((phrase, ITSRDF.taIdentRef, target))
        if entity:
            g.add((self.doc, SDO.mentions, target))
        return phrase


def add_org(g: Graph, name: str, *, aliases=(), parent: URIRef | None = None, parent_key: str | None = None,
            kind: URIRef = SDO.GovernmentOrganization) -> tuple[URIRef, str]:
    key = ns.org_key(name, parent_key)
    o = ns.org(key)
    g.add((o, RDF.type, ORG.Organization))
    g.add((o, RDF.type, kind))
    g.add((o, RDF.type, ORG.OrganizationalUnit if parent is not None else ORG.FormalOrganization))
    g.add((o, SKOS.prefLabel, _zh(name)))
    g.add((o, RDFS.label, _zh(name)))
    for a in aliases:
        g.add((o, SKOS.altLabel, _zh(a)))
    if parent is not None:
        g.add((o, ORG.subOrganizationOf, parent))
    return o, key


def add_person(g: Graph, name: str, scope: str) -> tuple[URIRef, str]:
    pk = ns.person_key(name, scope)
    p = ns.person(pk)
    g.add((p, RDF.type, FOAF.Person))
    g.add((p, RDF.type, SDO.Person))
    g.add((p, SKOS.prefLabel, _zh(name)))
    return p, pk


def add_membership(g: Graph, person: URIRef, pkey: str, title: str, evidence: URIRef,
                   org: URIRef | None = None, okey: str | None = None) -> URIRef:
    r = ns.role(title)
    g.add((r, RDF.type, ORG.Role))
    g.add((r, RDF.type, SKOS.Concept))
    g.add((r, SKOS.prefLabel, _zh(title)))
    g.add((r, SKOS.inScheme, ns.ROLE_SCHEME))
    m = ns.membership(pkey, okey, title)
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, person))
    g.add((m, ORG.role, r))
    g.add((m, PROV.wasDerivedFrom, evidence))
    if org is not None:
        post = ns.post(okey, title)
        g.add((m, ORG.organization, org))
        g.add((post, RDF.type, ORG.Post))
        g.add((post, ORG.postIn, org))
        g.add((post, ORG.role, r))
        g.add((person, ORG.holds, post))
    return m


def add_topic(g: Graph, name: str) -> URIRef:
    t = ns.topic(name)
    g.add((t, RDF.type, SKOS.Concept))
    g.add((t, SKOS.prefLabel, _zh(name)))
    g.add((t, SKOS.inScheme, ns.TOPIC_SCHEME))
    return t


def add_initiative(g: Graph, name: str, itype: URIRef, agency: URIRef | None = None, topics=()) -> URIRef:
    i = ns.initiative(name)
    g.add((i, RDF.type, KGO.Initiative))
    g.add((i, SKOS.prefLabel, _zh(name)))
    g.add((i, KGO.initiativeType, itype))
    if agency is not None:
        g.add((i, KGO.responsibleAgency, agency))
    for t in topics:
        g.add((i, DCTERMS.subject, t))
    return i


def add_figure(g: Graph, art: ArticleBuilder, surface: str, value: str, unit: URIRef, unit_text: str,
               qualifier: str, metric: str, about: URIRef | None = None, period: str | None = None,
               start: int = 0) -> URIRef:
    b = art.text.index(surface, start)
    f = ns.figure(art.digest, b, b + len(surface))
    v = Decimal(value)
    g.add((f, RDF.type, SDO.Observation))
    g.add((f, SDO.value, Literal(v, datatype=XSD.decimal)))
    g.add((f, SDO.unitCode, unit))
    g.add((f, SDO.unitText, Literal(unit_text)))
    g.add((f, SDOX.measurementQualifier, ns.QUALIFIER_IRI[qualifier]))
    if qualifier == "lower":
        g.add((f, SDO.minValue, Literal(v, datatype=XSD.decimal)))
    if qualifier == "upper":
        g.add((f, SDO.maxValue, Literal(v, datatype=XSD.decimal)))
    g.add((f, SDO.variableMeasured, _zh(metric)))
    if about is not None:
        g.add((f, SDOX.observationAbout, about))
    if period:
        g.add((f, SDO.temporalCoverage, Literal(period)))
    g.add((f, PROV.wasDerivedFrom, art.sentence(art.sentence_with(surface, start))))
    art.mention(f, surface, entity=False, start=start)
    return f


SEED_SENTENCES = [
    "更新时间:2026-01-21 23:13 来源:红星新闻\n",
    "国务院新闻办公室21日举行新闻发布会，介绍2025年工业和信息化发展情况。",
    "会上介绍，2025年规模以上工业增加值同比增长5.9%。",
    "工信部副部长张云明表示，我国专精特新中小企业已达1.76万家。",
    "工业和信息化部新闻发言人、信息通信发展司司长谢存介绍，6G第一阶段技术试验形成超300项关键技术储备。",
    "工信部将发布人形机器人与具身智能综合标准化体系建设指南。",
    "《保障中小企业款项支付条例》施行以来成效明显。",
    "国家人工智能产业投资基金资金规模达600亿元。",
    "编辑 余冬梅",
]


def seed_like_graph() -> Graph:
    """The seed article's graph as kg builds it from the bundled sample (SEED_FACTS hold for it)."""
    from kg.graph import article_graph
    from kg.pipeline import build_article

    return article_graph(build_article(SEED_PATH))


def hand_built_seed() -> Graph:
    """A small graph shaped like the seed article's (ONTOLOGY.md §2.4)."""
    g = ns.new_graph()
    art = ArticleBuilder(g, SEED_SENTENCES, title=SEED_FACTS["title"], issued=SEED_FACTS["date"],
                         identifier="000_64948023efbb9b28.txt")
    miit, miit_key = add_org(g, "工业和信息化部", aliases=("工信部", "中华人民共和国工业和信息化部"))
    g.add((miit, SKOS.altLabel, Literal("MIIT", lang="en")))
    dept, dept_key = add_org(g, "信息通信发展司", parent=miit, parent_key=miit_key)
    scio, _ = add_org(g, "国务院新闻办公室", aliases=("国新办",))
    media, _ = add_org(g, "红星新闻", kind=SDO.NewsMediaOrganization)
    g.add((art.doc, DCTERMS.publisher, media))
    for target, surface in ((miit, "工业和信息化部"), (miit, "工信部"), (dept, "信息通信发展司"),
                            (scio, "国务院新闻办公室"), (media, "红星新闻")):
        art.mention(target, surface)

    zhang, zhang_key = add_person(g, "张云明", miit_key)
    xie, xie_key = add_person(g, "谢存", miit_key)
    yu, yu_key = add_person(g, "余冬梅", art.digest)
    for p, surface in ((zhang, "张云明"), (xie, "谢存"), (yu, "余冬梅")):
        art.mention(p, surface)
    add_membership(g, zhang, zhang_key, "副部长", art.sentence(art.sentence_with("张云明")), miit, miit_key)
    add_membership(g, xie, xie_key, "新闻发言人", art.sentence(art.sentence_with("谢存")), miit, miit_key)
    add_membership(g, xie, xie_key, "司长", art.sentence(art.sentence_with("谢存")), dept, dept_key)
    add_membership(g, yu, yu_key, "编辑", art.sentence(art.sentence_with("余冬梅")))

    robots, embodied = add_topic(g, "人形机器人"), add_topic(g, "具身智能")
    guide = add_initiative(g, "人形机器人与具身智能综合标准化体系建设指南", KGO.Guideline, miit, (robots, embodied))
    law = add_initiative(g, "《保障中小企业款项支付条例》", KGO.Regulation)
    g.add((law, RDF.type, SDO.Legislation))
    fund = add_initiative(g, "国家人工智能产业投资基金", KGO.Fund)
    g.add((fund, RDF.type, SDO.FundingScheme))
    for target, surface in ((guide, "人形机器人与具身智能综合标准化体系建设指南"), (law, "《保障中小企业款项支付条例》"),
                            (fund, "国家人工智能产业投资基金"), (robots, "人形机器人"), (embodied, "具身智能")):
        art.mention(target, surface)

    add_figure(g, art, "5.9%", "5.9", UNIT.PERCENT, "%", "exact", "规模以上工业增加值同比增长", ns.CHINA, "2025")
    add_figure(g, art, "1.76万家", "17600", UNIT.NUM, "家", "exact", "专精特新中小企业数量", ns.CHINA)
    add_figure(g, art, "超300项", "300", UNIT.NUM, "项", "lower", "6G第一阶段技术试验关键技术储备")
    add_figure(g, art, "600亿元", "60000000000", UNIT.CCY_CNY, "元", "exact", "国家人工智能产业投资基金资金规模", fund)
    return g


SECOND_SENTENCES = [
    "工信部20日召开新闻发布会。",
    "工业和信息化部总工程师赵志国介绍，一季度规模以上工业增加值同比增长约6%。",
    "国家人工智能产业投资基金已投资项目超50个。",
]


def second_article_graph() -> Graph:
    """Another article that names 工信部 and the fund again: merged with the seed, they share nodes."""
    g = ns.new_graph()
    art = ArticleBuilder(g, SECOND_SENTENCES, title="工信部一季度工业经济运行发布会", issued="2026-04-20",
                         identifier="001_second.txt")
    miit, miit_key = add_org(g, "工业和信息化部", aliases=("工信部",))
    art.mention(miit, "工信部")
    art.mention(miit, "工业和信息化部")
    zhao, zhao_key = add_person(g, "赵志国", miit_key)
    art.mention(zhao, "赵志国")
    add_membership(g, zhao, zhao_key, "总工程师", art.sentence(1), miit, miit_key)
    fund = add_initiative(g, "国家人工智能产业投资基金", KGO.Fund)
    art.mention(fund, "国家人工智能产业投资基金")
    add_figure(g, art, "约6%", "6", UNIT.PERCENT, "%", "approx", "规模以上工业增加值同比增长", ns.CHINA, "2026-01/2026-03")
    add_figure(g, art, "超50个", "50", UNIT.NUM, "个", "lower", "国家人工智能产业投资基金已投资项目", fund)
    return g


def merged_graph() -> Graph:
    """Seed and second article as one graph: plain union, as `kg merge` does first."""
    g = ns.new_graph()
    for part in (hand_built_seed(), second_article_graph()):
        for t in part:
            g.add(t)
    return g


def xss_graph() -> Graph:
    """Every text the page shows carries a script payload: labels, aliases, sentences, titles, metrics."""
    g = ns.new_graph()
    sentences = [f"第{i}句{p}。" for i, p in enumerate(XSS)]
    art = ArticleBuilder(g, sentences, title=XSS[0] + XSS[1], issued="2026-01-01", identifier=XSS[2])
    g.add((art.doc, SDO.url, Literal(XSS[5])))
    orgs = []
    for i, payload in enumerate(XSS):
        o, okey = add_org(g, f"机构{i}{payload}", aliases=(payload, f"别名{i}{payload}"))
        art.mention(o, payload)
        orgs.append((o, okey))
        p, pk = add_person(g, payload + f"人{i}", okey)
        art.mention(p, payload)
        add_membership(g, p, pk, payload, art.sentence(i), o, okey)
    add_figure(g, art, XSS[0], "1", UNIT.NUM, XSS[1], "exact", XSS[2], orgs[0][0], "2026")
    return g


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉"
_PLACES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
           "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西",
           "甘肃", "青海", "宁夏", "新疆"]
_SECTORS = ["工业", "信息", "科技", "商务", "财政", "交通", "能源", "农业", "教育", "卫生", "市场监管", "生态环境",
            "住房", "水利", "文化", "体育", "统计", "金融", "数据", "应急"]
_ROLES = ["部长", "副部长", "司长", "副司长", "局长", "副局长", "主任", "副主任", "处长", "新闻发言人"]
_KINDS = [(KGO.Plan, "规划"), (KGO.Action, "行动"), (KGO.Guideline, "指南"), (KGO.Fund, "基金"), (KGO.Platform, "平台")]


def synthetic_graph(n: int = 5000, seed: int = 0) -> Graph:
    """A merged-looking graph with exactly `n` projected nodes (n >= 100), deterministic for a seed."""
    rnd = random.Random(seed)
    g = ns.new_graph()
    n_art, n_topic, n_org, n_dept = n // 25, n // 25, n // 10, n // 10
    n_person, n_init = n * 3 // 10, n // 5
    n_fig = n - n_art - n_topic - n_org - n_dept - n_person - n_init
    orgs = []
    names = [f"{p}{s}{suf}" for p in _PLACES for s in _SECTORS for suf in ("厅", "局", "委员会", "办公室")]
    rnd.shuffle(names)
    for name in names[:n_org]:
        o, k = add_org(g, name, aliases=(name[:2] + name[-1],) if rnd.random() < 0.3 else ())
        orgs.append((o, k, name))
    units = []
    for i in range(n_dept):
        parent, pkey, pname = orgs[i % n_org]
        o, k = add_org(g, f"{_SECTORS[(i // n_org) % len(_SECTORS)]}{i}处", parent=parent, parent_key=pkey)
        units.append((o, k, f"{pname}{_SECTORS[(i // n_org) % len(_SECTORS)]}{i}处"))
    topics = [add_topic(g, f"{rnd.choice(_SECTORS)}技术{i}") for i in range(n_topic)]
    inits = []
    for i in range(n_init):
        itype, word = rnd.choice(_KINDS)
        agency = rnd.choice(orgs)[0]
        inits.append(add_initiative(g, f"{rnd.choice(_SECTORS)}{i}号{word}", itype, agency, rnd.sample(topics, rnd.randint(1, 2))))
    plans: list[list[tuple]] = [[] for _ in range(n_art)]
    seen = set()
    for i in range(n_person):
        while True:
            name = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN) + rnd.choice(_GIVEN)
            if name not in seen:
                seen.add(name)
                break
        posts = [(*o, rnd.choice(_ROLES)) for o in rnd.sample(orgs + units, rnd.choice((1, 1, 2)))]
        plans[rnd.randrange(n_art)].append(("person", name, posts))
    for i in range(n_fig):
        plans[rnd.randrange(n_art)].append(("figure", i, rnd.choice(inits + [o for o, _, _ in orgs])))
    for a, plan in enumerate(plans):
        sentences = [f"第{a}篇文章。"]
        for item in plan:
            if item[0] == "person":
                _, name, posts = item
                sentences.append("，".join(f"{oname}{role}" for _, _, oname, role in posts) + f"{name}出席会议。")
            else:
                sentences.append(f"指标{item[1]}达{item[1] + 1}亿元。")
        art = ArticleBuilder(g, sentences, title=f"合成文章{a}", issued=f"2025-{a % 12 + 1:02d}-{a % 28 + 1:02d}",
                             identifier=f"synthetic-{a}.txt")
        for s_index, item in enumerate(plan, start=1):
            start = art.bounds[s_index][0]
            if item[0] == "person":
                _, name, posts = item
                p, pk = add_person(g, name, posts[0][1].split("/")[0])
                art.mention(p, name, start=start)
                for o, okey, _, role in posts:
                    add_membership(g, p, pk, role, art.sentence(s_index), o, okey)
            else:
                _, i, about = item
                add_figure(g, art, f"{i + 1}亿元", f"{(i + 1) * 10**8}", UNIT.CCY_CNY, "元", rnd.choice(["exact", "lower"]),
                           f"指标{i}", about, "2025", start=start)
        for target in rnd.sample(inits + topics + [o for o, _, _ in orgs], 12):
            g.add((art.doc, SDO.mentions, target))
    return g
