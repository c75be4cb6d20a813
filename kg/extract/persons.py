"""Persons and their posts: names found only next to a cue, never bare.

Cues, on the noise-free simplified view of each sentence (kg/extract/textview.py):

- ORG + TITLE + NAME: 工信部副部长张云明; title chains share one name
  (国家统计局新闻发言人、国民经济综合统计司司长付凌晖: two posts), and a title with no body
  glued before it takes the body of the chain or the list it continues
  (中国证券监督管理委员会主席易会满,副主席李超、副主席方星海: all three at the commission);
- bylines: 记者 X, 红星新闻记者 王田 (at the outlet), 编辑 X, 审核 X, (責編:焦隆、周婉婷);
- credits: (陳誠) or (褚新兵 张宇晖 雨蝶) after a dateline's 电/讯, (史丽 摄);
- speakers in transcripts: 【何亚东】: and 胡凯红: at the start of a line, 主持人 寿小丽;
- an honorific after a full name standing on its own: 李超先生 (王女士 is not enough).

A name is two or three characters (four with a compound surname) starting with a known
surname; its length is chosen by what follows it (介绍, 表示, 在, a comma …). Once a person is
found, every later mention of the same name in the article is added.
"""

from __future__ import annotations

import re

from kg.hanzi import to_simplified
from kg.extract.textview import CJK, View, is_cjk, make_view
from kg.extract.vocab import (
    BYLINE, COMPOUND_SURNAMES, DECLARED, FOLLOWER_RE, FOREIGN_STATES, NOT_GIVEN, NOT_NAMES, SURNAMES, TITLE_RE, trie_pattern, words,
)
from kg.ns import norm
from kg.types import Article, Mention, Organization, Person, Post

_CREDIT = re.compile("(?:电|讯|电讯)[(（]([^()（）]{2,30})[)）]")
_PHOTO = re.compile(f"[(（]([{CJK}、,，]{{2,30}}?)摄(?:影)?[)）]")
_HONORIFIC = re.compile("先生|女士")
_HOST = re.compile("主持人[:：]?")  # a cue for the name after it, but no post
_LEADERS = re.compile("(?<![\u4e00-\u9fff])(?:[省市县区州]|中央|国家)?领导(?:同志)?(?=[\u4e00-\u9fff])")
_ROLE = re.compile("(?<![党人])(?:村民|居民|市民|农民|菜农|果农|茶农|种植户|养殖户|脱贫户|游客|网友|消费者|职工|工人|学生|家长|患者|志愿者|店主|摊主|创业者)")
_ADDRESS = re.compile("女士|先生|大爷|大妈|阿姨|师傅|大姐|大哥|老汉|奶奶|爷爷|同学|小姐|老师|某")
_SAYS = re.compile(f"(?:[{CJK}]{{1,3}}地)?(?:说|表示|介绍|告诉记者|坦言|感慨|笑着说)")
_DATELINE_PLACE = re.compile("报道|发自|电|讯")
_DECLARED_BEFORE = re.compile(DECLARED + "[^（）()]{1,24}[）)]$")
_NAME_IN_BRACKETS = re.compile(f"[（(][{CJK}]{{2,16}}[）)]$")
_NO_POST = frozenset(("作者",))
_CLAUSE_MARK = re.compile("[，,。；;！!？?]")
_CLAUSE_END = re.compile(f"{_CLAUSE_MARK.pattern}|$")
_TOP_SENTENCES = 4  # an author's name alone on a line comes right under the title
_RANK = re.compile("[（(][^（）()]{1,8}[）)]")
_BRACKETED = re.compile(f"[（(][{CJK}、]{{2,30}}[）)]")
_FOREIGN_STATE = re.compile(f"(?:{trie_pattern(FOREIGN_STATES)})$")
_FOREIGN_NAME = re.compile(f"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,8}})?[·•・]([{CJK}]{{1,6}})")
_AFTER_FOREIGN = re.compile(
    r"\d|日前|近日|今天|昨天|当天|此前|将|在|于|自|从|曾|是|为|和|与|的|等|对|向|也|还|"
    r"表示|称|说|指出|强调|介绍|认为|会见|出席|访问|应邀|在接受|告诉|补充|回应|透露|不幸|逝世"
)
_REPORTS_FROM = re.compile(f"[{CJK}]{{2,4}}?报道")
_LIST_SEP = "、,，"
_CHAIN_SEP = ("、", "兼")
_SELF_REF = "委部局署行办"
_BEFORE_HONORIFIC = "、和与及请由向对让给的是有了谢迎见为即:：“"
_NEARBY = 30  # characters between a body and a title that refers back to it


def extract_persons(article: Article) -> Article:
    found: dict[str, Person] = {}
    views = [make_view(s.text, s.start) for s in article.sentences]
    org_spans = _org_spans(article.organizations)
    line_starts = {c.start for c in article.content}
    governments = _governments(article.organizations)
    for s, v in zip(article.sentences, views):
        spans = [(v.index(a), v.index(b), o) for a, b, o in org_spans.get(s.index, [])]
        add = _Adder(found, v, s.index)
        _titled(v, spans, add, governments)
        _credits(v, add)
        if s.start == 0 or article.text[s.start - 1] in "\n\r>" or s.start in line_starts:
            _speaker(v, spans, add)
            whole_line = (s.start == 0 or article.text[s.start - 1] in "\n\r") and article.text[s.end : s.end + 1] in "\n\r"
            if s.index <= _TOP_SENTENCES and whole_line and name_at(v, 0) == len(v.key) and not spans:
                add(0, len(v.key))  # 人民时评…\n杜若衡\n: the author's name on its own line under the title
        _honorifics(v, spans, add)
        _name_first(v, spans, add)
        _bracketed_post(v, spans, add)
        _name_is_title(v, spans, add)
        _hosts(v, spans, add)
    _later_mentions(found, article, views)
    article.persons = list(found.values())
    return article


def _governments(orgs: list[Organization]) -> dict[str, str]:
    """The people's government of each level (省 市 县 区) when the article names only one of it."""
    found: dict[str, set[str]] = {}
    for o in orgs:
        for n in (o.name, *o.aliases):
            n = to_simplified(n)
            for tail in ("人民政府", "政府"):
                if n.endswith(tail) and len(n) > len(tail) and n[-len(tail) - 1] in "省市县区":
                    found.setdefault(n[-len(tail) - 1], set()).add(o.name)
    return {level: next(iter(names)) for level, names in found.items() if len(names) == 1}


def _org_spans(orgs: list[Organization]) -> dict[int, list[tuple[int, int, Organization]]]:
    out: dict[int, list] = {}
    for o in orgs:
        for m in o.mentions:
            out.setdefault(m.sentence, []).append((m.start, m.end, o))
    return out


class _Adder:
    """Adds a name (view span) with its posts to the article's persons."""

    def __init__(self, found: dict[str, Person], v: View, sentence: int) -> None:
        self.found, self.v, self.sentence = found, v, sentence
        self.added: set[tuple[str, Mention]] = set()  # a list lookup made long texts quadratic

    def mention(self, i: int, j: int) -> Mention:
        return Mention(*self.v.span(i, j), self.sentence)

    def __call__(self, i: int, j: int, posts: list[tuple[int, int, str | None]] = ()) -> None:
        name = self.v.surface(i, j)
        k = to_simplified(norm(name))
        person = self.found.get(k)
        if person is None:
            person = self.found[k] = Person(name)
        m = self.mention(i, j)
        if (k, m) not in self.added:  # mentions of earlier sentences differ in `sentence`
            self.added.add((k, m))
            person.mentions.append(m)
        for a, b, org in posts:
            title = self.v.surface(a, b)
            same = [p for p in person.posts if norm(p.title) == norm(title)]
            if org is None and same:
                continue  # 副主席 said again without the body: the same post
            if any(p.org == org for p in same):
                continue
            person.posts.append(Post(title, org, self.mention(a, b)))


# -- names ------------------------------------------------------------------------------------


def name_at(v: View, i: int, titled: bool = False) -> int | None:
    """End of the name starting at view index `i`, or None when no name starts there. Right
    after a title (`titled`) a given name may hold characters that are words elsewhere (薛其坤)."""
    key = v.key
    if m := _FOREIGN_NAME.match(key, i):  # 马尔科·约万诺维奇: a name in transliteration, ending
        for e in range(m.end() - len(m.group(1)) + 2, m.end() + 1):  # where a verb, a date or a sign follows
            if v.boundary(e) or _AFTER_FOREIGN.match(key, e):
                return e
        return None
    if key[i : i + 2] in COMPOUND_SURNAMES:
        lengths = (4, 3)
    elif i < len(key) and key[i] in SURNAMES:
        lengths = (3, 2)
    else:
        return None
    ok = [n for n in lengths if _plausible(v, i, i + n, titled)]
    if not ok:
        return None
    if len(ok) == 2 and (f := FOLLOWER_RE.match(key, i + ok[1])):
        if f.end() > i + ok[0] or not FOLLOWER_RE.match(key, i + ok[0]):
            return i + ok[1]  # 王田说, 辛格参与: the shorter name, when the longer one swallows a follower
    return i + ok[0]


def _plausible(v: View, i: int, j: int, titled: bool = False) -> bool:
    key = v.key
    if j > len(key) or any(not is_cjk(c) for c in key[i:j]):
        return False
    if any(p in v.gap for p in range(i + 1, j)) and not (j - i == 2 and j in v.gap | {len(key)}):
        return False  # a space inside a name only pads a two-character one: 王 军
    if key[i:j] in NOT_NAMES or TITLE_RE.match(key, i) or TITLE_RE.match(key, i + 1):
        return False
    given = key[i + 2 : j] if key[i : i + 2] in COMPOUND_SURNAMES else key[i + 1 : j]
    if any(c in (_NEVER_GIVEN if titled else NOT_GIVEN) for c in given):
        return False
    return (v.boundary(j) or bool(FOLLOWER_RE.match(key, j)) or bool(TITLE_RE.match(key, j))
            or (titled and bool(_REPORTS_FROM.match(key, j))))  # 记者张宁北京报道


# particles no given name holds, even right after a title (NOT_GIVEN adds 其 和 均 即 表 示 指 …)
_NEVER_GIVEN = frozenset("的了们着者这那该每各与及等说称对从被把让将也都就还又并已在是党")


def _names_list(v: View, i: int, many: bool) -> list[tuple[int, int]]:
    """Names starting at `i`: one, or for bylines a list (焦隆、周婉婷 / 褚新兵 张宇晖)."""
    out = []
    while i < len(v.key):
        j = name_at(v, i, titled=True)
        if j is None or (out and _DATELINE_PLACE.match(v.key, j)):
            break  # 记者 王欢 徐州报道: the place, not a second name
        out.append((i, j))
        if not many:
            break
        if j < len(v.key) and v.key[j] in _LIST_SEP:
            i = j + 1
        elif j in v.gap:
            i = j
        else:
            break
    return out


# -- cues -------------------------------------------------------------------------------------


def _titled(v: View, spans: list[tuple[int, int, Organization]], add: _Adder, governments: dict[str, str]) -> None:
    """ORG TITLE NAME, with title chains and lists sharing a body."""
    key = v.key
    ends = {b: (a, o) for a, b, o in spans}
    pending: list[tuple[int, int, str | None]] = []
    pending_outer: str | None = None
    pending_end = -1
    last_end, last_outer = -1, None
    for m in TITLE_RE.finditer(key):
        a, b = m.span()
        if any(sa < b and a < sb for sa, sb, _ in spans):
            continue  # a title word inside an organization name
        if a >= 2 and key.startswith(("第一", "驻华"), a - 2) and not any(sa < a and a - 2 < sb for sa, sb, _ in spans):
            a -= 2  # 第一副总理, 驻华大使: one title
        title = key[a:b]
        byline = title in BYLINE
        # 国家电网有限公司（以下简称“国家电网”）副总经理, 国家林业和草原局（国家公园管理局）副局长
        bracket = _DECLARED_BEFORE.search(key, max(0, a - 40), a) or _NAME_IN_BRACKETS.search(key, max(0, a - 20), a)
        inner = ends.get(a) or (ends.get(bracket.start()) if bracket else None)
        start, outer = a, None
        if inner:
            start, outer = inner[0], inner[1]
            while start in ends:  # 国务院新闻办公室|新闻局|局长: the outermost body glued before
                start, outer = ends[start][0], ends[start][1]
        if not inner and pending and a > 0 and key[a - 1] in _SELF_REF and key[pending_end : a - 1] in _CHAIN_SEP:
            start = a - 1  # 国家发展改革委政策研究室副主任、委新闻发言人: 委 is the commission again
        if not (pending and key[pending_end:start] in _CHAIN_SEP):
            pending, pending_outer = [], None
        if inner and (not byline or inner[1].kind == "media"):
            org = inner[1].name
        elif byline:  # 【大公报讯】记者张宁: the outlet named before in the line
            org = next((o.name for a0, b0, o in reversed(spans) if start - 16 <= b0 <= start and o.kind == "media"), None)
        elif pending:
            org = pending_outer
        elif last_end >= 0 and 0 < start - last_end <= 2 and all(c in _LIST_SEP for c in key[last_end:start]):
            org = last_outer  # 主席易会满,副主席李超
        elif _FOREIGN_STATE.search(key, max(0, start - 8), start):
            org = None  # 塞尔维亚共和国第一副总理: a post of a state, which is no organization
        else:
            org = _nearby_body(spans, start)  # 商务部召开例行新闻发布会,新闻发言人束珏婷…
        if not inner and title in _PLACE_HEADS and (org is None or org.endswith("委")):
            # 市委常委、常务副市长…; 深圳市委书记…，市长覃伟中: a mayor heads the city's government, not
            # its party committee: the one government of that level the article names, if any
            org = governments.get(_PLACE_HEADS[title])
        if not pending:
            pending_outer = outer.name if outer else org
        pending.append((a, b, org))
        j = b
        while j < len(key) and key[j] in ":：）)":  # ）: the end of a post in brackets, below
            j += 1
        if key.startswith(("（兼", "(兼"), j):  # 司长（兼…办公室副主任）温立平: a second post in brackets
            pending_end = j + 1
            continue
        if (m := _RANK.match(key, j)) and not TITLE_RE.search(key, j, m.end()):
            j = m.end()  # 副主任（正司局级）帕尔哈提: a rank, not a post
        if j < len(key) and (key[j] == "、" or key.startswith("兼", j)):
            pending_end = j
            continue
        names = _names_list(v, j, byline)
        for i, e in names:
            add(i, e, [] if title in _NO_POST else pending)  # 作者：汤一鸣: a byline, no post
        if names:
            last_end, last_outer = names[-1][1], pending_outer
            h = _HONORIFIC.match(key, last_end)
            last_end = h.end() if h else last_end
        pending = []


def _nearby_body(spans: list[tuple[int, int, Organization]], start: int) -> str | None:
    """The government body named last before `start` in the sentence, not too far back."""
    before = [(b, o) for a, b, o in spans if b <= start and start - b <= _NEARBY and o.kind == "government"]
    return max(before, key=lambda x: x[0])[1].name if before else None


def _credits(v: View, add: _Adder) -> None:
    """(陳誠) after a dateline, (褚新兵 张宇晖 雨蝶), (史丽 摄): names with no post."""
    for regex in (_CREDIT, _PHOTO):
        for m in regex.finditer(v.key):
            i, j = m.span(1)
            if TITLE_RE.match(v.key, i):
                continue  # (记者 张三): a byline, read with its title
            items, s = [], i
            for p in range(i, j + 1):
                if p == j or v.key[p] in _LIST_SEP or (p in v.gap and p > s):
                    if p > s:
                        items.append((s, p))
                    s = p + 1 if p < j and v.key[p] in _LIST_SEP else p
            sure = [it for it in items if name_at(v, it[0]) == it[1]]
            if sure and all(2 <= e - s_ <= 4 and all(is_cjk(c) for c in v.key[s_:e]) for s_, e in items):
                for s_, e in items:
                    add(s_, e)


def _speaker(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """【何亚东】: / 胡凯红: at the start of a line (商务部： is a body)."""
    i = 1 if v.key[:1] in ("【", "[") else 0
    j = name_at(v, i)
    if j is not None and any(a < j and i < b for a, b, _ in spans):
        return
    if j is not None and v.key[j : j + 1] in ("】", "]", ":", "："):
        k = j + 1 if v.key[j] in "】]" else j
        if v.key[k : k + 1] in (":", "："):
            add(i, j)


def _honorifics(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """张三先生 / 李四女士, the name standing on its own before the honorific."""
    key = v.key
    for m in _HONORIFIC.finditer(key):
        e = m.start()
        for s in _names_ending_at(v, e, spans):
            if _stands_alone(v, s) or TITLE_RE.search(key, max(0, s - 6), s):
                add(s, e)
                break


def _bracketed_post(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """黄蕙兰（国家医保局医药服务管理司司长）说: the post in brackets right after the name."""
    key = v.key
    for m in _BRACKETED.finditer(key):
        t = TITLE_RE.search(key, m.start() + 1, m.end() - 1)
        while t and t.end() < m.end() - 1:  # the last title, the one that closes the bracket
            t = TITLE_RE.search(key, t.end(), m.end() - 1)
        if t is None or t.end() != m.end() - 1:
            continue
        org = next((o.name for a, b, o in spans if b == t.start() and a > m.start()), None)
        for s in _names_ending_at(v, m.start(), spans):
            if _stands_alone(v, s) or key[s - 1] in "”\"’据":  # 据龙海燕（科技部基础研究司副司长）介绍
                add(s, m.start(), [(t.start(), t.end(), org)])
                break


def _name_is_title(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """谷雨辰是国网新疆电力副总经理，他告诉记者: a feature introduces the person after the quote."""
    key = v.key
    for m in TITLE_RE.finditer(key):
        if not _CLAUSE_END.match(key, m.end()):
            continue
        k = key.rfind("是", max(0, m.start() - 14), m.start())
        if k < 2 or _CLAUSE_MARK.search(key, k, m.start()):
            continue
        between = [(a, o) for a, b, o in spans if k < a and b == m.start()]
        if key[k + 1 : m.start()] and not between:
            continue  # 是…的副总经理 with no body: too loose
        for s in _names_ending_at(v, k, spans):
            if _stands_alone(v, s) or key[s - 1] in "”\"’":
                add(s, k, [(m.start(), m.end(), between[0][1].name if between else None)])
                break


def _stands_alone(v: View, s: int) -> bool:
    """Does a name starting at `s` follow the start, a gap, a sign or a word like 由, 请, 谢?"""
    return s == 0 or s in v.gap or not is_cjk(v.key[s - 1]) or v.key[s - 1] in _BEFORE_HONORIFIC


def _names_ending_at(v: View, e: int, spans: list[tuple[int, int, Organization]]):
    """Starts of the names that could end at view index `e` (three characters, two, four with a
    compound surname; likeliest first): a surname, Chinese characters only, no word that is
    never a name, no particle in the given name, no overlap with an organization."""
    key = v.key
    for n in (3, 2, 4):
        s = e - n
        if s < 0 or not (key[s : s + 2] in COMPOUND_SURNAMES or (n < 4 and key[s] in SURNAMES)):
            continue
        if not all(is_cjk(c) for c in key[s:e]) or key[s:e] in NOT_NAMES:
            continue
        if any(c in NOT_GIVEN for c in key[s + 1 : e]) or any(sa < e and s < sb for sa, sb, _ in spans):
            continue
        yield s


# words that stand before a title without being a name: 常务副部长, 时任局长
_PLACE_HEADS = {t: t.removeprefix("常务").removeprefix("副")[0] for t in words(
    "省长 副省长 常务副省长 市长 副市长 常务副市长 区长 副区长 县长 副县长 州长 镇长 乡长")}
_TITLE_MODIFIERS = frozenset(words("""
    常务 执行 第一 名誉 荣誉 首席 高级 专职 兼职 代理 新任 时任 现任 前任 原任 驻华 特别 分管 主管
"""))
_WEAK_TITLES = frozenset(words("代表 成员 委员"))  # 商家代表, 华贸为代表: too often not a post


def _name_first(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """NAME + TITLE as official news writes it: 工业和信息化部张云明副部长出席, 会上，李天威司长介绍.

    The name stands right after a body, a separator or the start, and the title is followed by a
    verb of saying or doing, or ends the clause. The post's body is the one glued before the
    name, or else the government body named last nearby."""
    key = v.key
    ends = {b: o for a, b, o in spans}
    for m in TITLE_RE.finditer(key):
        t, te = m.span()
        if m.group() in BYLINE or m.group() in _WEAK_TITLES or any(sa < te and t < sb for sa, sb, _ in spans):
            continue
        if not (te == len(key) or te in v.gap or not is_cjk(key[te]) or FOLLOWER_RE.match(key, te)):
            continue
        for s in _names_ending_at(v, t, spans):
            name = key[s:t]
            if name[-2:] in _TITLE_MODIFIERS or "任" in name[1:] or TITLE_RE.search(name):
                continue
            if any(p in v.gap for p in range(s + 1, t)):
                continue
            if "谢谢" in key[max(0, s - 1) : t]:  # 谢谢刘秘书长: thanks, and a surname
                continue
            body = ends.get(s)
            if not (body or _stands_alone(v, s)):
                continue
            org = body.name if body else _nearby_body(spans, s)
            add(s, t, [(t, te, org)])
            break


def _hosts(v: View, spans: list[tuple[int, int, Organization]], add: _Adder) -> None:
    """主持人 寿小丽: the host of a press conference, named after the word; 市领导周立平、韩雪松:
    leaders named as such; 村民吴德顺高兴地说: a villager quoted by name (roles, not posts)."""
    for m in _HOST.finditer(v.key):
        j = name_at(v, m.end())
        if j is not None:
            add(m.end(), j)
    for m in _LEADERS.finditer(v.key):  # 市领导周立平、韩雪松参加活动
        for i, j in _names_list(v, m.end(), True):
            add(i, j)
    for m in _ROLE.finditer(v.key):
        if _ADDRESS.match(v.key, m.end() + 1):
            continue  # 村民王大爷, 市民李女士: no name
        for n in (3, 2):
            e = m.end() + n
            if _SAYS.match(v.key, e) and m.end() in _names_ending_at(v, e, spans):
                add(m.end(), e)
                break


def _later_mentions(found: dict[str, Person], article: Article, views: list[View]) -> None:
    for k, person in found.items():
        taken = {(m.start, m.end) for m in person.mentions}
        for s, v in zip(article.sentences, views):
            p = v.key.find(k)
            while p >= 0:
                span = v.span(p, p + len(k))
                if span not in taken:
                    taken.add(span)
                    person.mentions.append(Mention(*span, s.index))
                p = v.key.find(k, p + len(k))
        person.mentions.sort(key=lambda m: m.start)
