"""Organizations: central bodies from the seed table, the rest by the shape of their names.

Per sentence, on its noise-free simplified view (kg/extract/textview.py), candidates come from:

- the seed table (ontology/aliases.ttl): 工信部, 國家發改委, 中國國家發改委, 新华社 …;
- local government: a province or city and the bodies after it (甘肃省委宣传部, 兰州市商务局);
- media cues: datelines (中经联播4月10日北京讯), bylines (红星新闻记者), photo credits (图据…);
- suffixes: 协会, 交易所, 大学, 组委会, 有限公司 … with the name stretching left to a boundary;
- units named before a title (、国民经济综合统计司司长).

Overlaps go to the longest candidate. After each table, local or branch candidate comes a
chain of units (工业和信息化部|信息通信发展司, 人民银行|兰州中心支行|办公室): a branch joins its
bank (中国人民银行兰州中心支行), every other link is a unit whose parent is the link before; a
unit named on its own hangs under its sibling's parent or the body named last. A second pass
adds every later mention of a name found once; kg/extract/orgnames.py makes one organization of
each body's mentions and names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.orgnames import assemble
from kg.extract.orgtable import Entry, load_table
from kg.extract.textview import CJK, View, is_cjk, make_view
from kg.extract.vocab import (
    BRANCH_SUFFIXES, COMPANY_SUFFIXES, DECLARED, FOREIGN_STATES, GENERIC_HEADS, GENERIC_NAMES, GOV_SUFFIXES, LEAD_EXCEPTIONS,
    LEAD_START_ONLY, LEAD_WORDS, MEDIA_SUFFIXES, NOT_CITIES, NOT_MEDIA, ORG_FOLLOWERS, OTHER_SUFFIXES,
    NOT_DISTRICTS, PROVINCE_SUFFIXES, PROVINCES, TITLE_RE, TITLES, UNIT_STOPS, UNIT_SUFFIXES, trie_pattern, words,
)
from kg.hanzi import is_traditional
from kg.types import Article

_C = f"[{CJK}]"
_LEAD_RE = re.compile(f"(?:{trie_pattern(LEAD_WORDS)})")
_LEAD_ANYWHERE = frozenset(w for w in LEAD_WORDS if len(w) > 1) - LEAD_START_ONLY | frozenset("向据由在从被让请把将于的了是称说")
_SUF0 = words("委 人民政府 政府 人大常委会 常委会 政协 纪委 监委 办公厅 办公室")
_SUF0_SET = frozenset(_SUF0) - {"办公厅", "办公室"}
# a unit suffix that is really the start of a word: 部署, 局面, 处理, 司法, 所有, 院校, 委托
_NOT_SUFFIX = "(?![署门分件位队面势限理置于在法机以属谓得校士内外托]|有(?!关))"
# a word that ends a unit's name when read leftwards; 就 is a preposition (部就…答问) but not in 就业促进司
# 公司 ends a unit's name (…公司董事长), unless a government unit is named after it (上市公司监管司)
_STOP = f"{trie_pattern([w for w in UNIT_STOPS if w not in ('就', '公司')])}|就(?!业)|公司(?!{_C}{{1,4}}?[司局处])"
_SEG = (
    f"(?:(?:(?!{trie_pattern(TITLES)}|{_STOP}){_C}){{1,10}}?(?<!公)(?:{trie_pattern(UNIT_SUFFIXES)}){_NOT_SUFFIX}"
    f"|(?:{trie_pattern(_SUF0)}){_NOT_SUFFIX})"
)
_FOLLOW = f"(?:{trie_pattern(TITLES + ORG_FOLLOWERS)}|[^{CJK}]|$)"
_CHAIN = re.compile(f"(?:{_SEG})+?(?={_FOLLOW})")
_SEG_RE = re.compile(_SEG)
_PROVINCE = re.compile(
    f"(?:{trie_pattern(PROVINCES)})(?:{trie_pattern(PROVINCE_SUFFIXES)})?(?:{_C}{{2,3}}?[市县](?!{_C}?[市县]))?"
)
_CITY_END = re.compile("[省市县]|区(?=(?:委|政府|人民政府|发改委|发展改革委|人大|政协))")
_DISTRICT = re.compile("区")
_AND = re.compile("[和与及、]")
_BODY_END = re.compile(f"(?:{trie_pattern(UNIT_SUFFIXES + _SUF0)})$")
_GOV_FIRST = re.compile(
    f"(?:{trie_pattern(_SUF0)}|(?:(?!{_STOP}){_C}){{1,10}}?(?:局|厅|委员会|委|办|办公室|办公厅|政府|人民政府))"
    f"{_NOT_SUFFIX}"
)
_OTHER = re.compile(f"(?:{trie_pattern(OTHER_SUFFIXES + COMPANY_SUFFIXES + GOV_SUFFIXES)})(?![生化式性型类级内外间制界问])")
_INNER_NAME = re.compile(f"(?:{trie_pattern(OTHER_SUFFIXES + COMPANY_SUFFIXES)})(?![生化式性型类级内外间制界问])")
# 证券公司和基金公司: a conjunction after a suffix word separates two names
_AFTER_NAME = re.compile(f"(?:{trie_pattern(OTHER_SUFFIXES + COMPANY_SUFFIXES + UNIT_SUFFIXES)})[和与及、]")
_MEDIA_END = re.compile(f"(?:{trie_pattern(MEDIA_SUFFIXES)})$")
_MEDIA_SUFFIX = re.compile(trie_pattern(MEDIA_SUFFIXES + ["局"]))  # 红星资本局
_FOLLOW_MEDIA = re.compile("记者|摄影|摄|报道|发布|消息|供图|提供")
_DATELINE = re.compile(f"^[【\\[(（]?({_C}{{2,14}}?)\\s*\\d{{1,2}}月\\d{{1,2}}日(?:{_C}{{0,4}}?)(?:电|讯|消息|报道)")
_COMPANY_TITLES = frozenset(words("董事长 副董事长 总经理 副总经理 总裁 副总裁 行长 副行长 首席经济学家 首席分析师 首席执行官 首席科学家"))
# a firm's name without a legal suffix: 中信证券, 中国东方航空, 国网新疆电力 (a class such as 公司 or 该集团 is none)
_FIRM = re.compile(f"(?![像原前现据该本])(?:{_C}){{2,4}}(?:证券|银行|保险|航空|电力|电网|石油|石化|汽车|电信|移动|联通|基金|期货|信托|资本|投资|控股|科技|股份)")
_ACADEMIC = frozenset(words("学院 研究院 研究所 大学 学会 研究会 科学院"))
_FOREIGN_BEFORE = re.compile(f"(?:{trie_pattern(FOREIGN_STATES)})$")
_DECLARED = re.compile(DECLARED + f"[“\"「]({_C}[{CJK}A-Za-z0-9]{{1,15}})[”\"」][）)]")
_HEAD_OF = re.compile(f"{_C}((?:有关|相关)?负责人)")
_NEWS_FLASH = re.compile(f"^[【\\[(（]?({_C}{{2,12}}?)(?:讯|訊)(?:[】\\])）]|(?=[（(]))")
_CREDIT = re.compile(f"(?:图据|(?:图片来源|图源|来源|视频来源|图片提供)[:：])({_C}[{CJK}A-Za-z0-9]{{1,14}})")
_REPORTED = re.compile(f"(?:(?:(?<![{CJK}])|(?<=[根另]))据|^)({_C}{{2,12}}?)(?:报道|消息|援引)")
_BYLINE = re.compile("记者")
_BYLINE_KIND = re.compile("(?:全媒体?|融媒体|首席|特约|见习|实习)$")
_GENERIC_UNITS = frozenset(words("办公室 办公厅 中心 政府 人民政府 委员会"))
_GENERIC_ENDS = tuple(words("上市公司 子公司 母公司 平台公司 担保公司 分公司 空壳公司 成分股公司 破净公司 大局 格局 布局 结局 全局 时局 变局 开局"))
_HEADS_OF_GOVERNMENT = frozenset(words("省长 副省长 常务副省长 市长 副市长 常务副市长 县长 副县长 常务副县长 区长 副区长"))
_NEEDS_LONG_HEAD = frozenset(words("公司 集团 委员会 联盟 协会 交易所 学会 商会"))
_GOV_MARKS = re.compile("国家|中央|国务院|人大|政协|人民政府|省|市|县|自治区|党")


@dataclass(eq=False, slots=True)
class Cand:
    i: int
    j: int
    kind: str
    source: str  # table | branch | local | media | other | unit | known
    entry: Entry | None = None
    parent: Cand | None = None
    group: tuple = ()
    anchor_len: int = 0  # branch: length of the bank part
    known: bool = False  # a later mention of a name found in the first pass
    full: str = ""  # the body's name when the text names only its place (广东省|省长 → 广东省人民政府)
    alias_of: str = ""  # a short form the article declares: the key of the name it stands for


def extract_organizations(article: Article) -> Article:
    table = load_table()
    trad = is_traditional("".join(s.text for s in article.sentences))
    views = [make_view(s.text, s.start) for s in article.sentences]
    found = [_sentence(v, table) for v in views]
    known = _known_names(views, found)
    if known[1]:
        for n, v in enumerate(views):
            spans = {(c.i, c.j) for c in found[n]}
            if any(m.span() not in spans or known[1][m.group()].alias_of for m in known[0].finditer(v.key)):
                found[n] = _sentence(v, table, known)
    article.organizations = assemble(article, views, found, trad)
    return article


# -- one sentence ----------------------------------------------------------------------------


def _sentence(v: View, table, known: tuple[re.Pattern, dict] | None = None) -> list[Cand]:
    key = v.key
    cands = _table_cands(v, table)
    if known:
        regex, protos = known
        for m in regex.finditer(key):
            p = protos[m.group()]
            cands.append(Cand(m.start(), m.end(), p.kind, p.source, p.entry, anchor_len=p.anchor_len, known=True,
                              full=p.full, alias_of=p.alias_of))
    titles = [(m.start(), m.end()) for m in TITLE_RE.finditer(key)]
    titles += [(m.start(1), m.end()) for m in _HEAD_OF.finditer(key)]  # 劳动关系司有关负责人介绍
    cands += _local_cands(v, titles)
    cands += _media_cands(v)
    fences = sorted({c.j for c in cands} | {b for _, b in titles})
    named = _suffix_cands(v, fences)
    cands += named
    cands += _standalone_units(v, titles, sorted(set(fences) | {c.j for c in named}))  # 深圳海关|统计分析处
    place = _dateline_place(key)  # 新华网|莫斯科|6月16日电: a place, however it ends (科, 局)
    chosen = _select([c for c in cands if _plausible(c, key) and not (place[0] <= c.i < place[1])])
    chosen = _chains(v, chosen, place)
    _link_units(key, chosen)
    return chosen


def _table_matches(regex: re.Pattern, key: str):
    """Table names left to right; of two that overlap the longer wins (联合|国家统计局, not 联合国|…)."""
    pos = 0
    while m := regex.search(key, pos):
        longer = next((n for k in range(m.start() + 1, m.end())
                       if (n := regex.match(key, k)) and n.end() - k > m.end() - m.start()), None)
        m = longer or m
        yield m
        pos = m.end()


def _table_cands(v: View, table) -> list[Cand]:
    key, out = v.key, []
    for m in _table_matches(table.regex, key):
        i, j, label = m.start(), m.end(), m.group()
        before = key[i - 1] if i else " "
        after = key[j] if j < len(key) else " "
        national = label.startswith(("中国", "中华", "中共", "中央", "全国", "国家", "国务院"))
        if (state := _FOREIGN_BEFORE.search(key, 0, i)) and table.by_key[label].kind == "government":
            out.append(Cand(state.start(), j, "government", "other"))  # 美国|国务院: that state's, not China's
            continue
        if not national and (before in "省市县区州盟旗" or _ends_with_province(key, i)):
            continue  # 甘肃省统计局 is not 国家统计局
        if label[-1] in "部局署委办厅" and after in "门长":
            continue  # 教育部门, 外交部长
        if (label.endswith("网") and after in "络民友购店站页点格关址上") or (
            label.endswith("银行") and after in "业间卡"
        ) or (label == "央行" and before == "中"):
            continue
        out.append(Cand(i, j, table.by_key[label].kind, "table", table.by_key[label]))
    return out


def _ends_with_province(key: str, i: int) -> bool:
    return any(key.endswith(p, 0, i) for p in PROVINCES)


def _places(key: str):
    """(start, end) of provinces (甘肃省, 北京市, 甘肃省兰州市) and of cities standing on their own
    after a boundary or a leading word (兰州市, 在|杭州市)."""
    taken = set()  # the 省 and 市 inside the provinces and cities found
    for m in _PROVINCE.finditer(key):
        taken.update(range(m.start() + 1, m.end() + 1))
        yield m.start(), m.end()
    for m in _CITY_END.finditer(key):
        j = m.end()
        if j in taken or key[j - 2 : j] in NOT_CITIES:
            continue
        if j == 1 or not is_cjk(key[j - 2]) or _LEAD_RE.match(key, j - 2, j - 1):
            yield j - 1, j  # 市发展改革委, 从|省商务厅: the province or city of the article
        for n in (3, 2, 4) if key[j - 1] not in "省区" else ():  # districts: below
            i = j - 1 - n
            if i < 0 or not all(is_cjk(c) for c in key[i : j - 1]) or _LEAD_RE.search(key, i + 1, j - 1):
                continue
            if key[j - 2] in "部局厅司委办院会社所处科":
                continue  # 文化和旅游部|市场管理司: a body, not a city
            if i == 0 or not is_cjk(key[i - 1]) or _LEAD_RE.match(key, i - 1, i):
                if not _LEAD_RE.match(key, i, i + 1) and not any(p.startswith(key[i : i + 2]) for p in PROVINCES):
                    yield i, j
                    break
    ends = {b for b in taken if b + 1 not in taken}  # where a province or city found above ends
    for m in _DISTRICT.finditer(key):
        j = m.end()
        title = TITLE_RE.match(key, j)
        if key[j - 2 : j] in NOT_DISTRICTS or not (_GOV_FIRST.match(key, j) or (title and title.group() in _HEADS_OF_GOVERNMENT)):
            continue  # 景区, 园区, 亚太区总裁…; a district is named here only before its bodies or its head
        for i in (j - 3, j - 4):  # 闵行区人民政府, 上海市|闵行区委, 由|海淀区发展改革委
            if i < 0 or not all(is_cjk(c) for c in key[i:j]) or _LEAD_RE.match(key, i, i + 1) or key[i] in "年月日号":
                continue
            if i == 0 or not is_cjk(key[i - 1]) or i in ends or _LEAD_RE.match(key, i - 1, i) or key[i - 1] in "年月日":
                yield i, j  # 2011年|朝阳区政府: a date before it is a boundary too
                break


def _local_cands(v: View, titles: list[tuple[int, int]]) -> list[Cand]:
    key, out = v.key, []
    title_at = {a: b for a, b in titles}
    for i, j in _places(key):
        place = key[i:j]
        chain = _CHAIN.match(key, j)
        if chain and (key[j - 1] not in "省市县区" or j - i == 1) and not _GOV_FIRST.match(key, j):
            chain = None  # 北京|大学…, 上海|总部, 市|场…: a bare place name needs a government body after it
        if chain:
            stop = chain.end()
            if (k := _AND.search(key, j, stop)) and _BODY_END.search(key, j, k.start()):
                stop = k.start()  # 成都市委|和绵阳市委: two bodies, not one
            segs = [s.span() for s in _SEG_RE.finditer(key, j, stop)]
            end = next((b for a, b in segs if key[a:b] not in _SUF0_SET), segs[-1][1])
            if key[i:end].endswith(_GENERIC_ENDS):
                continue  # 香港|融入国家发展大局: no body
            if i >= 2 and key.startswith("中共", i - 2) and "委" in key[j:end]:
                i -= 2  # 中共上海市闵行区委: the party's committee, named with the party
            out.append(Cand(i, end, "government", "local"))
        elif j in title_at and place[-1] in "省市县区" and j - i > 1:
            heads = key[j : title_at[j]] in _HEADS_OF_GOVERNMENT  # 广东省省长: the province's government
            out.append(Cand(i, j, "government", "local", full=v.text[i:j] + "人民政府" if heads else ""))
    return out


def _media_cands(v: View) -> list[Cand]:
    key, out = v.key, []
    m = _DATELINE.match(key)
    if m:
        src_i, src_j = m.span(1)
        src = key[src_i:src_j]
        cut = _media_prefix(src)
        if cut and src[:cut] not in NOT_MEDIA and not src.startswith(("今", "去", "近", "日")):
            out.append(Cand(src_i, src_i + cut, "media", "media"))
    if (m := _NEWS_FLASH.match(key)) and _MEDIA_END.search(m.group(1)) and m.group(1) not in NOT_MEDIA:
        out.append(Cand(m.start(1), m.end(1), "media", "media"))  # 【大公报讯】
    for m in _CREDIT.finditer(key):
        i, j = m.span(1)
        f = _FOLLOW_MEDIA.search(key, i, j)
        j = f.start() if f else j
        if j - i >= 2:
            out.append(Cand(i, j, "media", "media"))
    for m in _REPORTED.finditer(key):
        i, j = m.span(1)
        if _MEDIA_END.search(key, i, j):
            out.append(Cand(i, j, "media", "media"))
    for m in _BYLINE.finditer(key):
        j = m.start()
        if q := _BYLINE_KIND.search(key, max(0, j - 3), j):
            j = q.start()  # 湖北日报|全媒记者, 人民日报|首席记者
        i = j
        while i > 0 and is_cjk(key[i - 1]) and (i == j or i not in v.gap) and j - i < 14:  # 潮新闻客户端 记者
            i -= 1
        i = _strip_lead(key, i, j)
        src = key[i:j]
        if len(src) >= 3 and src not in NOT_MEDIA and _MEDIA_END.search(src) and not src.startswith(tuple(NOT_MEDIA)):
            out.append(Cand(i, j, "media", "media"))
    return out



def _dateline_place(key: str) -> tuple[int, int]:
    """The span of the place between the outlet and the date of a dateline, or (0, 0)."""
    m = _DATELINE.match(key)
    if not m:
        return (0, 0)
    i, j = m.span(1)
    cut = _media_prefix(key[i:j])
    return (i + cut, j) if cut else (0, 0)


def _media_prefix(src: str) -> int:
    """Length of the media name at the start of a dateline source (人民网|兰州, 中经联播)."""
    best = 0
    for m in _MEDIA_SUFFIX.finditer(src):
        if len(src) - m.end() <= 4 and m.end() >= 2:
            best = max(best, m.end())
    return best



def _strip_lead(key: str, i: int, j: int) -> int:
    """Move `i` past the words that lead up to a name: 据, 与, 联合, 来自 … (the last one wins),
    and past an earlier name joined by a conjunction (证券公司和|基金公司)."""
    k = i
    for p in range(i, j):
        m = _LEAD_RE.match(key, p, j)
        if m and (p == k or m.group() in _LEAD_ANYWHERE) and key[p : p + 2] not in LEAD_EXCEPTIONS:
            k = max(k, m.end())
        m = _AFTER_NAME.match(key, p, j)
        if m:
            k = max(k, m.end())
    return k


def _suffix_cands(v: View, fences: list[int]) -> list[Cand]:
    key, out = v.key, []
    for m in _OTHER.finditer(key):
        si, j = m.start(), m.end()
        i = si
        while i > 0 and si - i < 20 and i not in fences:
            if is_cjk(key[i - 1]):
                i -= 1
            elif (p := _bracketed(key, i)) is not None:
                i = p  # 上海张江(集团)有限公司, 某某(中国)有限公司
            else:
                break
        if key[i : i + 1] == "年" and key[max(0, i - 4) : i].isdigit() and i >= 4:
            i -= 4  # 2023年全球数字经济大会组委会 keeps its year
        i = _strip_lead(key, i, si)
        for inner in _INNER_NAME.finditer(key, i, si):
            if key[inner.end() : inner.end() + 1] not in (")", "）"):  # not 上海张江(集团)有限公司
                i = inner.end()  # 北京大学|国家发展研究院: two names, the second under the first
        for p in range(si - 4, i, -1):
            if key[p - 1] in "和及、":
                i = p  # 王府井大街和|李宁体育用品公司
                break
        if _year_head(key, i) is False:
            i += 5
        for clause in _CLAUSE.finditer(key, i, si):
            if clause.group() == "与" and m.group() in _ACADEMIC:
                continue  # 数学与系统科学研究院, 家具与工业设计学院: 与 inside an institute's name
            i = clause.end()  # 个人原因辞去|公司, 他非常看好行业龙头|公司: the name starts after the verb
        head = key[i:si]
        name = key[i:j]
        if _year_head(key, i) and head[5:].startswith(tuple(GENERIC_HEADS)):
            continue  # 2024年|全国三级医院: a time word before a class of bodies
        if len(head) < 2 or name in GENERIC_NAMES or name.endswith(_GENERIC_ENDS) or head[-1] in "家个所":
            continue
        if _COUNTED.match(head):
            continue  # 两所世界级大学, 3家上市公司: a number of bodies, not one
        if head.startswith(tuple(GENERIC_HEADS)):
            continue
        suffix = m.group()
        if suffix in _NEEDS_LONG_HEAD and len(head) < 4 and not _GOV_MARKS.search(head):
            continue  # 数据交易所, 行业协会: a class of bodies unless the name says more
        kind = "company" if suffix in COMPANY_SUFFIXES else "other"
        if (suffix == "委员会" and _GOV_MARKS.search(head)) or suffix in GOV_SUFFIXES:
            kind = "government"
        out.append(Cand(i, j, kind, "other"))
    return out


_BRACKETED = re.compile(f"[(（]{_C}{{1,6}}[)）]$")


def _bracketed(key: str, i: int) -> int | None:
    """Start of a bracketed word of a name that ends at `i`, with name characters before it."""
    m = _BRACKETED.search(key, max(0, i - 8), i)
    return m.start() if m and m.start() > 0 and is_cjk(key[m.start() - 1]) else None


def _year_head(key: str, i: int) -> bool | None:
    """None when no year starts the name; False for a time word (2023年以来, 2023年底)."""
    if not key[i : i + 4].isdigit():
        return None
    return not re.match(r"\d{4}年(?:\d|底|初|以来|前|上半|下半|第|末|中)", key[i:])


def _end_of_title(key: str, a: int) -> int:
    m = TITLE_RE.match(key, a)
    return m.end() if m else a


def _standalone_units(v: View, titles: list[tuple[int, int]], fences: list[int]) -> list[Cand]:
    """、国民经济综合统计司司长 … : a unit named right before a title, with no body before it."""
    key, out = v.key, []
    for a, _ in titles:
        i = a
        while i > 0 and is_cjk(key[i - 1]) and a - i < 14 and i not in fences:
            i -= 1
        if i in fences and i > 0 and is_cjk(key[i - 1]):
            continue  # glued to an organization: the chain takes it
        if a - i >= 14 and i > 0 and is_cjk(key[i - 1]):
            continue  # no start in sight: (清)华大学中国与世界经济研究中心 is not a name
        start, i = i, _strip_lead(key, i, a)
        unit = key[i:a]
        if unit.endswith(tuple(COMPANY_SUFFIXES)):
            continue  # 有限公司党委书记: the company is found by its suffix, with its whole name
        alone = start == 0 or not is_cjk(key[start - 1]) or i > start  # after a sign or a leading word
        if key[a:_end_of_title(key, a)] in _COMPANY_TITLES and _FIRM.fullmatch(unit) and alone:
            out.append(Cand(i, a, "company", "other"))  # ，中信证券首席经济学家褚明远: a firm named by its title
            continue
        listed = unit in ("办公厅", "办公室") and i > 0 and key[i - 1] == "、" and TITLE_RE.search(key, max(0, i - 8), i - 1)
        if listed:  # 人社部新闻发言人、办公厅副主任: the ministry's general office, listed after a post
            out.append(Cand(i, a, "government", "unit"))
            continue
        if len(unit) >= 3 and unit[-1] in "司局处厅科室署" or unit.endswith(("办公室", "办公厅", "中心")) and len(unit) >= 4:
            if unit not in GENERIC_NAMES and not unit.startswith(tuple(GENERIC_HEADS)) and not TITLE_RE.search(unit):
                inner = None
                for inner in _INNER_NAME.finditer(key, i + 2, a - 2):
                    pass
                if inner is None:
                    out.append(Cand(i, a, "government", "unit"))
                    continue
                # 兰德公司|亚洲太平洋政策中心, 台大医院|小儿感染科: a unit of a company or institution
                kind = "company" if inner.group() in COMPANY_SUFFIXES else "other"
                body = Cand(i, inner.end(), kind, "other")
                out += [body, Cand(inner.end(), a, kind, "unit")]
    return out


# words that belong to a clause, never to a name found by its suffix alone
_CLAUSE = re.compile(
    "[他她我你们而并也得了的是在给把被将从向或其该此这那些每及至各要靠还]|不(?!动产)|(?<![协人中])和(?![平谐讯])|"
    "与(?!会)|居(?![委民])|所属|新增|打造成?|建设成|合作建设|达到|(?<![成首京])都(?![会市])|已经?|"
    "报考|选择|整个|一下|就读|考入|毕业于|来到|前往|(?<!国)有(?![限色线机])|"
    + trie_pattern(words("""
        辞去 担任 看好 接受 享受 希望 觉得 认为 认购 督促 推动 落实 应该 下发 无法 代为 履行 开始 严禁
        违反 任职 切合 爆发 直接 通过 要求 允许 鼓励 支持 成立 设立 注册 收购 入股 控股了 旗下 一家 两家
        多家 各家 四家 三家 五家 几家 这家 那家 该家 所有 部分 国内 国外 海外 大型 中小 上市 非上市
        加上 依靠 落到 开展 成为 发行 自然 某知名 知名 一流 合资 私募
    """))
)
_COUNTED = re.compile("(?:近|约|超|逾)?[一二两三四五六七八九十百千几多数0-9]+[所家个位名]")
_NOT_A_START = frozenset("条份予个项名位种为在是的了和与及或等其该此这那家")


def _plausible(c: Cand, key: str) -> bool:
    """A name found by its suffix or a byline, not a clause that happens to end like one:
    it does not start with a measure word or particle (20条意见…报), hold a person's title
    (…公司董事长朱建民对本报), or stand for the paper itself (本报记者)."""
    if c.source not in ("other", "media"):
        return True
    name = key[c.i : c.j]
    starts = name[:1] not in _NOT_A_START or name.startswith(("家具", "家电", "家纺", "家居", "家政"))
    return starts and not TITLE_RE.search(name) and "本报" not in name


def _select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates, longest first (table and known names win ties)."""
    rank = {"table": 0, "branch": 0, "local": 1, "media": 1, "other": 2, "unit": 3}
    taken: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.i - c.j, 0 if c.known else rank[c.source], c.i)):
        if all(c.j <= t.i or c.i >= t.j for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.i)


def _chains(v: View, chosen: list[Cand], place: tuple[int, int] = (0, 0)) -> list[Cand]:
    """Units and branches glued after a body: 工业和信息化部|信息通信发展司, 人民银行|兰州中心支行|办公室.
    A dateline's place after its outlet is none (新华网|莫斯科)."""
    key, out = v.key, []
    starts = [c.i for c in chosen]
    merged: set[int] = set()
    for n, c in enumerate(chosen):
        if n in merged:
            continue
        out.append(c)
        if c.source in ("media", "unit"):
            continue
        if n + 1 < len(chosen) and c.source == "table" and chosen[n + 1].i == c.j and chosen[n + 1].source in ("other", "local") \
                and key[chosen[n + 1].i : chosen[n + 1].j].endswith(tuple(BRANCH_SUFFIXES)):
            c.anchor_len, c.j, c.source = c.j - c.i, chosen[n + 1].j, "branch"  # 证监会|上海监管局: its branch
            merged.add(n + 1)
            continue
        nxt = starts[n + 1] if n + 1 < len(starts) else len(key)
        m = _CHAIN.match(key, c.j, nxt)
        if not m or place[0] <= c.j < place[1]:
            continue
        prev = c
        for s in _SEG_RE.finditer(key, c.j, m.end()):
            seg = key[s.start() : s.end()]
            if any(seg.endswith(b) for b in BRANCH_SUFFIXES) and prev is c and c.source in ("table", "branch"):
                c.anchor_len = c.anchor_len or c.j - c.i
                c.j, c.source = s.end(), "branch"
                continue
            if len(seg) < 2 or seg in ("部", "委"):
                break
            unit = Cand(s.start(), s.end(), "government" if c.kind == "government" else c.kind, "unit", parent=prev)
            out.append(unit)
            prev = unit
    return out


def _link_units(key: str, chosen: list[Cand]) -> None:
    """A unit with no body glued before it belongs with the unit or body named before it:
    its sibling's parent (调查统计处 after 支行办公室), or a 司/局 it may sit under (a 处)."""
    prev: Cand | None = None
    for c in chosen:
        if c.source == "other" and prev is not None and prev.j == c.i and prev.source != "media":
            c.parent = prev  # 北京大学|国家发展研究院
        elif c.source == "unit" and c.parent is None and prev is not None:
            if prev.j == c.i and prev.source == "other":
                c.parent = prev  # 台大医院|小儿感染科
            elif prev.source == "unit":
                lower = key[c.j - 1] in "处科室" and key[prev.j - 1] in "司局厅"
                c.parent = prev if lower else prev.parent
            elif prev.kind == "government":
                c.parent = prev
        prev = c


def _known_names(views: list[View], found: list[list[Cand]]) -> tuple[re.Pattern, dict[str, Cand]]:
    """Names found by pattern in the first pass, to be found again wherever they recur."""
    protos: dict[str, Cand] = {}
    for v, cands in zip(views, found):
        for c in cands:
            k = v.key[c.i : c.j]
            if c.source != "table" and len(k) >= 3 and k not in _GENERIC_UNITS and not c.full:  # 广东省 is a place
                protos.setdefault(k, c)
            if m := _DECLARED.match(v.key, c.j):  # 中能储科技集团有限公司（以下简称“中能储集团”）
                short = m.group(1)
                protos.setdefault(short, Cand(0, 0, c.kind, c.source, c.entry, anchor_len=c.anchor_len,
                                              full=c.full, alias_of=c.alias_of or k))
    return re.compile(trie_pattern(protos)), protos
