"""Initiatives: the named undertakings of the state (plans, actions, guidelines, funds, zones …).

Three kinds of evidence, sentence by sentence:

1. book titles 《…》 ending in a policy word (法, 条例, 规划, 倡议 …);
2. quoted names “…” that are slogans or mechanisms on their own (“一带一路”, “5G+工业互联网”,
   “揭榜挂帅” after 任务, a quote ending in 机制);
3. noun phrases ending in a head word (规划, 行动, 指南, 基金, 先导区, 服务网, 机制 …) that stands
   at the end of the phrase. The left edge is found with general cues: punctuation and 的,
   words no name holds (是, 根据, 今年 …), the last policy verb whose object still makes a name
   (制定, 实施, 推进 …), leading adverbs (深入, 加快 …), quantities (一批, 189个), leading
   agencies, conjunctions joining a long first conjunct. Generic heads (机制, 平台, 基金 …) must
   be the object of a policy verb; generic modifiers (国家标准, 各项政策) make no name.

Matching runs on a clean view of each sentence (pinyin noise such as 發(fā) and stray spaces
removed, traditional characters mapped to simplified for the word lists); names are cut from the
clean view, offsets point into `Article.text`. Shorter forms that the article also uses become
aliases, `by` comes from the organization that is subject of the clause or whose officer speaks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.initiative_agents import attribute
from kg.extract.initiative_words import (
    CUTS, LOCAL_AGENCIES, GENERIC, HEADS, NEEDS_VERB, QUOTE_HEADS, SPECIFIC, STRIP, TITLE_HEADS, TOPICS, TRIGGERS,
)
from kg.extract.vocab import DECLARED
from kg.ns import norm
from kg.hanzi import to_simplified
from kg.types import Article, Initiative, Mention, Sentence

# -- compiled patterns --------------------------------------------------------------------

# a phrase ending in one of these is a category, not a name: 各项政策, 相关标准
_DETERMINER = re.compile(
    r"(?:各项|各类|相关|有关|这些|一系列|系列|多项|若干|其他|其它|具体|有效|上述|该项|此项|一些|多个|各个|此次|本次|"
    r"积极|正|该|这|那|本|其|此)$"
)


# names of what is no undertaking of the state: a share of plans (大部分省级规划), fund products
# (第四只沪深300指数基金), books (《孙子兵法》). An ordinal stays: 第三轮…专项行动 is one.
_NOT_AN_UNDERTAKING = re.compile(
    r"^[“《]?(?:大部分|部分|上一轮|下一轮|本轮|每个|每项)"
    r"|(?:指数|债券|货币|股票|混合|型|LOF|ETF|QDII)基金[”》]?$"
    r"|(?:兵法|书法|语法|算法|写法|做法|看法|想法|说法|手法|方法|疗法|笔法|心法)[”》]?$"
)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


_NOISE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]|(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
# a standard's code or its kind right before its title: GB 46317—2025《…》, 国家标准《…》
_STANDARD_CODE = re.compile(r"(?:(?<![A-Za-z])[A-Z]{1,4}(?:/[TZ])?\s*\d+(?:\.\d+)*\s*[—\-–－]\s*(?:19|20)\d{2}|国家标准|行业标准)\s*$")
_QUOTE = re.compile(r"“([^“”\n]{1,40})”")
_CORNER_QUOTES = str.maketrans("「」", "“”")  # 「兩重」建設: quotes of traditional script, read as “…”
_HEAD = re.compile(_alternation(HEADS))
_HEAD_BEFORE = re.compile(  # 水利工程|建设…, 乡村医生队伍|建设提升行动: a noun's work
    f"(?:{_alternation(['工程', '项目', '平台', '体系', '基地', '园区', '队伍', '设施', '能力'])})$")
_TITLE_HEAD = re.compile(rf"(?:{_alternation(TITLE_HEADS)})(?:[(（][^()（）]{{1,12}}[)）]){{0,3}}$")
_TITLE_END = re.compile(rf"(?:{_alternation(TITLE_HEADS)})$")
_QUOTE_HEAD = re.compile(rf"(?:{_alternation(QUOTE_HEADS)})$")
_QUOTE_TAIL = re.compile(_alternation(QUOTE_HEADS))
_TRIGGER = re.compile(_alternation(TRIGGERS))
_AMOUNT = re.compile(r"(?:约|近|超|达|共|逾)?\d|利率|额度|余额")
_CARRIED_OUT = re.compile(
    r"(?:将|已|已经|正式|继续|延续|全面)?(?:实施|施行|落地|出台|印发|发布|上线|启用|运行|减免|减税|退税|惠及)"
)  # 研发费用加计扣除政策减免税额6380亿元: what the policy did
_NOMINAL = frozenset(("培育", "建设", "提升", "改造", "推广", "示范", "培训", "治理"))  # verbs that name work (集群培育工程)
_FRAME_END = re.compile(r"(?:的)?(?:带动|支持|推动|作用|引导|拉动|激励|指导|框架)下")
_FUNDING = frozenset(("安排", "下达", "拨付", "投入", "动用", "争取", "发行", "统筹"))  # verbs that govern a fund
_STRIP_RE = re.compile(_alternation(STRIP))
_GENERIC_RE = re.compile(_alternation(GENERIC))
_CUT = re.compile(
    rf"{_alternation(CUTS)}|是|了(?!解)|(?<![存现实所内外自潜])在(?![线建华职校岗地途])|"
    r"(?<![面相针反核绝])对(?![外口接标话冲等象])|(?<![成造迁])就(?![业医地近])|(?<![方导走转定取倾意指双单])向|"
    r"(?<!一)把|被|(?<![得达收看报遇受])到(?![期位])|(?<![大中少武])将(?!来)|(?<![自理经缘])由(?!于)|"
    r"(?<![服随顺自])从|(?<![供补配])给(?![予付])|(?<![转出退])让|(?<![大公特行即])使(?!用)|已(?!有)|怎|谁|哪|"
    r"(?<![从因然进继])而(?!言)|但|(?<![原基成诱主])因(?!素)|没|(?<![思理构设梦])想(?!法)|做(?!法)"
)


@lru_cache(maxsize=1)
def _agency() -> re.Pattern:
    """Every name of a government body in the alias table, and the local subjects (省政府, 我部)."""
    from kg.extract.orgtable import load_table

    names = [key for key, entry in load_table().by_key.items() if entry.kind == "government"]
    return re.compile(_alternation([*names, *LOCAL_AGENCIES]))
_TOPIC_RE = re.compile(rf"[0-9]+G|{_alternation(TOPICS)}")
# what may follow a head that ends its phrase: punctuation, a particle, or a common verb
_FOLLOW = re.compile(
    rf"(?:$|[^{_CJK}A-Za-z0-9]|[的和与及或等对在将已为是中上里下了着过并还也都要会有由从向给把被以于至后时正均]|"
    r"建设|实施|推进|部署|落地|取得|成为|覆盖|进展|成效|工作|方面|相关|情况|首批|发布(?!会)|启动|开展|支持|推动|带动|加快|"
    r"形成|运行|投资|资金|规模|试点|项目|任务|提供|助力|实现|通过|印发|出台|明确|提出|要求|规定|显示|指出|"
    r"持续|发挥|累计|继续|不断|进一步|顺利|有效|提质|提升|升级|优化|扩容|延续|减免|减税|退税|惠及|共|资助|高质量|成果|"
    r"(?:近|约|超|逾)\d+(?:个|家|座|处|所)|\d+(?:个|家|座|处|所)(?![0-9A-Za-z\u4e00-\u9fff]))"
)
# events named after a quoted theme: “宏观经济形势与政策”发布会
_EVENT = re.compile(r"[^，,。；;\n]{0,2}?(?:发布会|座谈会|研讨会|报告会|吹风会|通气会|会议|论坛|大会|峰会|博览会|展览会)")
_YEAR = re.compile(r"(?:19|20)\d\d年?度?")
_PAREN = re.compile(rf"[(（]([{_CJK}]{{1,6}})[)）]")
# quantities in front of a name are not part of it: 一批, 首批, 189个, 7大类 (第一批 is kept)
_QUANTITY = re.compile(
    r"(?<![第0-9.])(?:[0-9.]+|[一二两三四五六七八九十百千几多数]+)[万亿千百]*[多余]?(?:大类|个|家|项|批|类|款|种|所|座|条|场|次|届|元|倍|只|份|名|位|户|台|套|张)(?!性)"
    r"|首批|这批|该批|多批|一系列"
)
_CONJ = re.compile(r"以及|和|与|及|并")
# words holding a conjunction, and the ministries' fixed pairs (文化和旅游消费行动计划 is one name)
_CONJ_WORD = re.compile(r"和平|共和|参与|给与|并购|合并|以及时|文化和旅游|工业和信息化|住房和城乡|人力资源和社会|发展和改革|农业和农村")
_ETC = re.compile(r"等(?!级|于|同|额)")
_ETC_WORDS = re.compile(r"平等|高等|中等|初等|同等|对等|均等|等级|等于|等同|等额")
_PERIOD = re.compile(r"^十[一二三四五六七八九十]五$")
_SLOGAN = re.compile(r"^[一二两三四五六七八九十百千万双]+[个大项条批]?[\u4e00-\u9fff]{1,4}$")
_SLOGAN_BEFORE = re.compile(r"(?:共建|形成|实施|推进|推动|落实|开展|参与|加入|建设)$")
_SLOGAN_AFTER = re.compile(r"沿线|倡议|框架|合作|建设|战略|项目|工程|行动|国家|机制|试点")
_PLUS = re.compile(r"[A-Za-z\u4e00-\u9fff][0-9A-Za-z]*[+＋]|[+＋][0-9]*[A-Za-z\u4e00-\u9fff]")
_APPOSITION = re.compile(r"(?:组织)?(?:任务|活动|行动|工程|机制|模式|方式|专项|计划|工作|试点)")
_LISTED_NAME = re.compile(f"(?:{_alternation(HEADS)})(?:(?:近|约|超|逾)?\\d+(?:个|家|座|处|所))?$")
_GOVERNED_LIST = re.compile(f"(?:{_alternation(TRIGGERS)})[^，,。；;：:]*$")
_MANNER = re.compile(r"(?:方式|模式)(?![\u4e00-\u9fff]{0,2}(?:的|是))")
_APPOSITION_END = re.compile(rf"(?:{_APPOSITION.pattern})$")
_SYSTEM = re.compile(
    r"(?:试点|实行|推行|全面推行|实施|推广)([\u4e00-\u9fff]{2,3}制(?![度造定作约品冷])|[\u4e00-\u9fff]{0,4}“[\u4e00-\u9fff]{2,4}制”)"
)  # 推行注册制, 推行产业链“链长制”
_SYSTEM_FIRST = re.compile(r"(?:^|[，,；;。])([\u4e00-\u9fff]{2,3}制)(?=全面推行|全面推开|全面实行|推行|实行)")
_HARD = re.compile(r"[，,。；;：:！？!?\n]")
_SHORT_FORM = re.compile(DECLARED + r"([“《]?[^”》()（）]{2,20}[”》]?)[)）]")
_MARKS = re.compile(r"[“”‘’\"'《》「」]")


# -- the extractor --------------------------------------------------------------------------


def extract_initiatives(article: Article) -> Article:
    """Fill `article.initiatives` from the article's sentences."""
    found: list[tuple[str, str, Mention]] = []  # (clean name, raw slice, mention)
    short_forms: dict[str, str] = {}  # a short form the article declares -> the full name
    agencies = _agency_names(article)
    for sentence in article.sentences:
        clean, where = _clean_view(sentence)
        simple = to_simplified(clean).translate(_CORNER_QUOTES)  # the name keeps the article's own marks
        for a, b in _candidates(simple):
            if agencies and (m := agencies.match(simple, a, b)):  # 工信部XX行动 → XX行动
                a = _strip_front(simple, m.end(), b)
                if b - a < 4 or simple[a] in "”":
                    continue
            if _NOT_AN_UNDERTAKING.search(simple[a:b]):
                continue
            start, end = where[a], where[b - 1] + 1
            found.append((clean[a:b], article.text[start:end], Mention(start, end, sentence.index)))
            if m := _SHORT_FORM.match(simple, b):
                short_forms[_bare(m.group(1))] = clean[a:b]
    if short_forms:  # 《…攻坚行动方案》（以下简称《攻坚方案》）: the short form is an alias
        found = [(short_forms.get(_bare(name), name), raw, mention) for name, raw, mention in found]
    article.initiatives = _fold(found)
    attribute(article)
    return article


def _bare(name: str) -> str:
    return _MARKS.sub("", norm(name))


def _agency_names(article: Article) -> re.Pattern | None:
    """The article's organizations (simplified), to be cut off the front of a name."""
    names = {to_simplified(n) for o in article.organizations for n in (o.name, *o.aliases) if len(n) >= 2}
    return re.compile(_alternation(names)) if names else None


def _clean_view(sentence: Sentence) -> tuple[str, list[int]]:
    """The sentence without pinyin noise and spaces, and the text offset of every kept character."""
    text, keep, where, pos = sentence.text, [], [], 0
    for m in _NOISE.finditer(text):
        if m.group().strip() and not (m.start() and _is_cjk(text[m.start() - 1])):
            continue  # a bracketed Latin word that does not follow a character is not noise
        keep.append(text[pos : m.start()])
        where.extend(range(sentence.start + pos, sentence.start + m.start()))
        pos = m.end()
    keep.append(text[pos:])
    where.extend(range(sentence.start + pos, sentence.start + len(text)))
    return "".join(keep), where


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def _candidates(s: str) -> list[tuple[int, int]]:
    """Spans of initiative names in one clean, simplified sentence; the longest of overlapping ones."""
    spans: list[tuple[int, int]] = []
    titles = []
    for m in _TITLE.finditer(s):
        titles.append((m.start(), m.end()))
        if _TITLE_HEAD.search(m.group(1)) and not _TITLE_HEAD.fullmatch(m.group(1)):
            spans.append((m.start(), m.end()))
        elif _STANDARD_CODE.search(s, max(0, m.start() - 24), m.start()):
            spans.append((m.start(), m.end()))  # 国家标准GB/T 46402—2025《家用可燃气体探测器》
    quotes = []
    for m in _QUOTE.finditer(s):
        quotes.append(m.span())
        spans.extend(_quoted(s, m))
    for m in _SYSTEM.finditer(s):
        spans.append(m.span(1))
    for m in _SYSTEM_FIRST.finditer(s):  # 林长制全面推行
        spans.append(m.span(1))
    for m in _HEAD.finditer(s):
        if not any(a <= m.start() < b for a, b in titles + quotes):
            spans.extend(_phrase(s, m.start(), m.end()))
    kept: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):  # longest first
        if not any(a < kb and ka < b for ka, kb in kept):
            kept.append((a, b))
    return sorted(kept)


def _quoted(s: str, m: re.Match) -> list[tuple[int, int]]:
    """A quote that names an undertaking: with a head after it (“两重”建设), ending in a head
    (“…合作机制”), a numbered slogan (“一带一路”), a formula (“5G+工业互联网”), or in apposition
    to a kind of undertaking (任务“揭榜挂帅”)."""
    inner = m.group(1)
    if len(inner) < 2 or _PERIOD.match(inner) or _HARD.search(inner):
        return []
    if (t := _QUOTE_TAIL.match(s, m.end())) and (_FOLLOW.match(s, t.end()) or s[t.end() : t.end() + 1].isdigit()):
        return [(m.start(), t.end())]
    if _QUOTE_HEAD.search(inner) and len(inner) >= 4:  # with its modifier: 数字经济“一号发展工程”
        if _EVENT.match(s, m.end()):
            return []
        spans = _phrase(s, m.start(), m.end(), governed_only=True)
        return spans if spans and not _YEAR.fullmatch(s, spans[0][0], m.start()) else [m.span()]
    if _PLUS.search(inner):
        return [m.span()]
    if _SLOGAN.match(inner):
        before = s[max(0, m.start() - 2) : m.start()]
        return [m.span()] if _SLOGAN_BEFORE.search(before) or _SLOGAN_AFTER.match(s, m.end()) else []
    before = s[max(0, m.start() - 4) : m.start()]
    if _APPOSITION_END.search(before) and not _HARD.search(before):
        return [m.span()]
    after = m.end()
    while (nxt := _QUOTE.match(s, after)) is not None:  # “揭榜挂帅”“赛马”等组织方式: a run of quotes
        after = nxt.end()
    if s.startswith("等", after) and _APPOSITION.match(s, after + 1):
        return [m.span()]
    return [m.span()] if _MANNER.match(s, m.end()) else []  # 通过“揭榜挂帅”方式


def _phrase(s: str, h0: int, h1: int, governed_only: bool = False) -> list[tuple[int, int]]:
    """The noun phrase ending in the head s[h0:h1] (none when it is no name)."""
    head = s[h0:h1]
    end = h1
    if p := _PAREN.match(s, h1):  # 示范平台(基地)
        if _HEAD.fullmatch(p.group(1)):
            end = p.end()
    if not (_FOLLOW.match(s, end) or (HEADS.get(head) == "Fund" and head != "基金" and _AMOUNT.match(s, end))):
        return []  # 专项资金9.6亿元, 再贷款利率: a fund with its amount or terms
    # raw left edge: punctuation, 的, or the start; quotes in between are jumped over
    i, quoted = h0, False
    while i > 0 and h0 - i < 40:
        c = s[i - 1]
        if c in "”’":  # 防汛‘叫应’机制: single quotes too
            j = s.rfind("“" if c == "”" else "‘", max(0, i - 42), i - 1)
            if j < 0:
                break
            i, quoted = j, True
            continue
        if c == "的" or not (_is_cjk(c) or c.isalnum() or c in "+＋·.%"):
            break
        i -= 1
    listed = (i > 0 and s[i - 1] == "、" and HEADS.get(head) not in (None, "Fund", "Action") and bool(_LISTED_NAME.search(s, max(0, i - 20), i - 1))
              and bool(_GOVERNED_LIST.search(s, max(0, i - 40), i)))  # a policy verb before the list, in its clause
    if i > 0 and (s[i - 1] == "等" or (s[i - 1] == "、" and head in NEEDS_VERB and not listed)):
        return []  # X、Y等重点行业标准: a category, not a name
    if listed and head in NEEDS_VERB:  # 建设国家技术创新中心34个、国家临床医学研究中心: the verb governs both
        return _object(s, i, h0, end, head, governed=True)
    raw, cut_word = i, ""
    for m in _CUT.finditer(s, raw, h0):
        if s.count("“", raw, m.start()) == s.count("”", raw, m.start()):
            i, cut_word = m.end(), m.group()
    if cut_word in _FUNDING and HEADS.get(head) == "Fund" and head != "基金":  # 发行…基金: a fund product
        return _object(s, i, h0, end, head, governed=True)  # 安排文化旅游发展专项资金: money is allotted from it
    verbs = _triggers(s, i, h0)
    for verb in reversed(verbs):  # the last policy verb whose object makes a name
        if spans := _object(s, verb, h0, end, head, governed=True):
            return spans
    nominal = bool(verbs) and verbs[-1] == h0 and i < (v0 := _verb_start(s, h0)) and s[v0:h0] in _NOMINAL
    if governed_only or (verbs and not nominal):
        return []  # 调整规划: a verb with a bare object; but 随着先进制造业集群培育工程: a verb inside the name
    if s.startswith("在", raw) and _FRAME_END.match(s, end):  # 在大规模设备更新政策带动下
        return _object(s, raw + 1, h0, end, head, governed=True)
    if head in NEEDS_VERB and HEADS.get(head) != "Fund" and _CARRIED_OUT.match(s, end) and not verbs:  # …政策延续实施
        return _object(s, i, h0, end, head, governed=True)
    if head in NEEDS_VERB and not quoted and not (raw > 0 and s[raw - 1] == "的" and _verb_before_de(s, raw)):
        return []  # 机制, 平台 … only as the object of a policy verb (建立…机制, 建设…的平台)
    return _object(s, i, h0, end, head, governed=quoted)


def _object(s: str, i: int, h0: int, end: int, head: str, governed: bool) -> list[tuple[int, int]]:
    """The name in s[i:end] once leading adverbs, quantities, agencies and a long first conjunct
    are cut off (a long first conjunct of 政策 is a policy of its own)."""
    i = _strip_front(s, i, h0)
    if _ETC.search(s, i, h0) and not _ETC_WORDS.search(s, i, h0):
        return []
    for m in _QUANTITY.finditer(s, i, h0):
        if "”" not in s[i : m.start()]:  # a quantity after a quote belongs to the name (“…”五位一体)
            i = m.end()
    i = _strip_front(s, i, h0)
    i = _strip_agency(s, i, h0)
    conj, cut = _conjunction_cut(s[i:h0])
    spans = []
    if cut and head == "政策" and governed and "“" not in s[i:h0]:  # 设备更新和以旧换新政策: two policies
        if _named(s[i : i + conj], "政策"):
            spans.append((i, i + conj))
    i += cut
    if i < h0 and (s[i] == "”" or s.count("“", i, h0) != s.count("”", i, h0)):
        return spans  # 一个专班”推进机制: a name never starts inside a quote
    if _named(s[i:h0], head, governed):
        spans.append((i, end))
    return spans


def _verb_start(s: str, end: int) -> int:
    """Start of the policy verb that ends at `end`."""
    return max(m.start() for m in _TRIGGER.finditer(s, max(0, end - 6), end) if m.end() == end)


def _verb_before_de(s: str, i: int) -> bool:
    """Does the stretch before 的 (s[i-1]) hold a policy verb? (建立重大项目的…机制)"""
    j = i - 1
    while j > 0 and s[j - 1] != "的" and (_is_cjk(s[j - 1]) or s[j - 1].isalnum()):
        j -= 1
    return any(m.start() == 0 or s[m.start() - 1] != "”" for m in _TRIGGER.finditer(s, j, i - 1))


def _strip_agency(s: str, i: int, h0: int) -> int:
    """A leading agency is the subject, not part of the name: 工信部5G新政策 → 5G新政策."""
    if m := _agency().match(s, i, h0):
        return _strip_front(s, m.end(), h0)
    return i


def _nominal_use(s: str, i: int, k: int) -> bool:
    """Is the policy verb at k a noun's work (水利工程|建设质量提升三年行动), not a verb of the clause?
    Only after a named head: 推进平台|建设行动 is a verb on a bare 平台."""
    h = _HEAD_BEFORE.search(s, i, k)
    return bool(h) and h.start() - 2 >= i and not _TRIGGER.fullmatch(s, h.start() - 2, h.start())


def _triggers(s: str, i: int, h0: int) -> list[int]:
    """Ends of the policy verbs in s[i:h0] outside quotes (a name may start after any of them)."""
    ends = []
    for m in _TRIGGER.finditer(s, i, h0):
        if s.count("“", i, m.start()) == s.count("”", i, m.start()) and not _nominal_use(s, i, m.start()):
            ends.append(m.end())
    return ends


def _strip_front(s: str, i: int, h0: int) -> int:
    """Past leading adverbs, verbs and particles (深入推进加快 …)."""
    while i < h0 and (m := _STRIP_RE.match(s, i, h0)):
        i = m.end()
    return i


def _conjunction_cut(modifier: str) -> tuple[int, int]:
    """(start, end) of the conjunction after which the name starts, or (0, 0): a long first
    conjunct is cut off, a short one is kept (政府和社会资本合作新机制)."""
    conj = cut = 0
    held = [w.span() for w in _CONJ_WORD.finditer(modifier)]  # 和平, 文化和旅游: no conjunction
    for m in _CONJ.finditer(modifier):
        if modifier.count("“", 0, m.start()) > modifier.count("”", 0, m.start()):
            continue
        if any(a <= m.start() < b for a, b in held):
            continue
        if m.group() == "并" or m.start() - cut > 5:
            conj, cut = m.start(), m.end()
    return conj, cut


def _named(modifier: str, head: str, governed: bool = True) -> bool:
    """Does the modifier make a specific name? Not when bare, one character, ending in a
    determiner or a conjunction, or made of generic words only; a phrase that no policy verb
    governs needs a longer specific part."""
    plain = re.sub(r"[“”‘’\"'《》]", "", modifier)
    if len(plain) < 2 or plain[-1] in "和与及或、":
        return False
    if _DETERMINER.search(plain) and not (modifier.endswith("”系列") and len(plain) > 3):
        return False  # 一系列活动, 相关政策; but “购在中国”系列活动 is named
    if "“" in modifier or head in SPECIFIC:
        return True
    if governed and len(plain) >= 5 and head != "政策":  # 国家技术创新中心: generic words, yet a name
        return True
    rest = re.sub(r"[0-9.%]+", "", _GENERIC_RE.sub("", plain))
    return len(rest) >= (4 if head == "政策" else 2 if governed else 3)


# -- folding, types, topics -----------------------------------------------------------------


def _fold(found: list[tuple[str, str, Mention]]) -> list[Initiative]:
    """One initiative per name; shorter forms the article also uses become aliases of a longer one."""
    by_key: dict[str, Initiative] = {}
    for name, raw, mention in found:
        k = norm(name)
        item = by_key.get(k)
        if item is None:
            item = by_key[k] = Initiative(name=name, type=_type(name), topics=_topics(name))
        if raw != name and raw not in item.aliases:
            item.aliases.append(raw)
        item.mentions.append(mention)
    items = sorted(by_key.values(), key=lambda i: -len(norm(i.name)))
    out: list[Initiative] = []
    for item in items:
        host = next((o for o in out if _shorter_form(norm(item.name), norm(o.name)) or _quoted_in(item.name, o.name)), None)
        if host is None:
            out.append(item)
            continue
        for n in (item.name, *item.aliases):
            if n not in host.aliases and norm(n) != norm(host.name):
                host.aliases.append(n)
        host.mentions.extend(item.mentions)
    for item in out:
        item.mentions.sort(key=lambda m: m.start)
    out.sort(key=lambda i: i.mentions[0].start)
    return out


def _quoted_in(short: str, long: str) -> bool:
    """“三年倍增”行动 in 《…“三年倍增”行动方案》: a quoted name with its head, the same undertaking."""
    return "“" in short and len(short) < len(long) and short.strip("《》") in long


def _shorter_form(short: str, long: str) -> bool:
    """`short` is `long` cut at the front or the back, or with a middle stretch left out."""
    if len(short) >= len(long) or len(short) < 3:
        return False
    if long.endswith(short):
        return True
    if long.startswith(short):  # cut at the back: only for the same kind (示范平台 / 示范平台(基地))
        if _TITLE_END.search(short) and _TITLE_HEAD.fullmatch(long[len(short) :].removeprefix("实施")):
            return False  # 标准化法 / 标准化法实施条例: a law and the regulation that carries it out
        return _type(short) == _type(long) or long[len(short)] in "(（"
    return any(long.startswith(short[:k]) and long.endswith(short[k:]) for k in range(2, len(short) - 1))


def _type(name: str) -> str:
    """The type read off the suffix (规划 Plan, 行动 Action, 指南 Guideline …); Action by default."""
    bare = re.sub(r"[“”‘’\"'《》「」]", "", to_simplified(name))
    bare = re.sub(r"(?:[(（][^()（）]*[)）])+$", "", bare)
    if m := _TITLE_END.search(bare):
        return TITLE_HEADS[m.group()]
    if m := _QUOTE_HEAD.search(bare):
        return QUOTE_HEADS[m.group()]
    return "Mechanism" if bare.endswith("制") else "Action"


def _topics(name: str) -> list[str]:
    simple = to_simplified(name)
    return list(dict.fromkeys(name[m.start() : m.end()] for m in _TOPIC_RE.finditer(simple)))
