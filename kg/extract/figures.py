"""Figures: every statistic stated as a fact or target, with what it measures and when.

For each sentence the quantities (kg.extract.numbers) and time expressions
(kg.extract.periods) are found by regular expressions compiled at import. Then, clause by
clause:

- the *metric* is the article's own words around the number: the stretch of the clause
  before it (subject and verb, without discourse markers, time words and copulas such as
  为/达到) and, for a counted noun, the noun after it (培育15家领航级智能工厂 ->
  培育领航级智能工厂). Values listed together are paired with the items named before
  分别 (装备制造业、高技术制造业增加值同比分别增长9.2%、9.4%). A clause that starts with its
  verb (同比增长10.1%) borrows the subject of the figure before it in the paragraph; a
  metric of a word or two takes the clause before it or its time words as context;
- the *period* is the last time expression before the number in its sentence, or else the
  one carried over from earlier sentences (目前 and 今年以来 hold for their sentence only;
  比去年同期, 较2024年 are comparisons, not periods).

A fact stated twice (a headline and the body, a summary and the text) is kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.extract.numbers import NOISE, Quantity, alternation, find_numbers
from kg.extract.periods import Period, find_periods, reference
from kg.extract.vocab import DECLARED
from kg.ns import norm
from kg.types import Article, Figure, Mention, Sentence, Span

_CLAUSE_END = re.compile(r"[,，;；﹔:：。！？!?]")
_SEPARATOR = frozenset("、和与與及")
_RESPECTIVELY = re.compile(r"分别|分別")
# discourse markers and speaker's subjects that do not belong in a metric, at the start
_LEAD = re.compile(NOISE + r"|[\s“”\"'（]|" + alternation([
    "据介绍", "据了解", "据悉", "据统计", "据测算", "据透露", "据初步统计", "据预测", "据有关机构测算",
    "據介紹", "據了解", "據悉", "據統計", "據測算", "據透露", "據預測", "数据显示", "統計數據顯示",
    "统计数据显示", "數據顯示", "统计显示", "統計顯示", "调查显示", "調查顯示", "根据", "根據",
    "其中", "同时", "同時", "此外", "另外", "其次", "首先", "预计", "預計",
    "而且", "并且", "並且", "但是", "但", "而", "并", "並", "且", "也", "还", "還", "我国", "我國", "中国", "中國",
]) + r"|[约約](?![谈談定束请請见見])|(?:据|據)?(?:统计|統計)(?=已|显示|顯示|表明)")  # 约谈230人: a verb
# copulas and particles between the metric and its number (达到, 为, 是, 了)
_TRAIL = re.compile("(?:" + alternation([
    "达到", "達到", "已达", "已達", "已有", "达", "達", "为", "為", "是", "了", "有", "约", "約", "仅", "僅", "共",
    "将", "將", "有望",
]) + ")+$")
_AFTER_LEAD = re.compile(r"(?:的|也|均|都|已|还|還|并|並|\s)+")
_AFTER_TRAIL = re.compile("(?:为|為|达到|達到|是)$")
_AFTER_STOP = re.compile(r"已|将|將|正在|(?<![现現存所])在|(?<!平)均|(?<![首成京])都|也|并|並|，|,")
_MAX_AFTER = 20
# words a clause starts with when its subject is the one of the clause before
_PREDICATE = re.compile(
    r"同比|环比|環比|增长|增長|下降|增加|减少|減少|提高|降低|回落|上涨|上漲|下跌|扩大|擴大|加快|放缓|放緩"
    r"|多增|少增|占|佔|比(?!重|例|率)|较|較"
)
_DROP = re.compile(r"了|\s|[—–]|(?:之间|之內|之内)$|" + NOISE)  # 48%—70%之间: the range's marks
# 受灾人次、因灾死亡失踪人数和直接经济损失: the last item may follow 和 after a list in 、
_ITEM_SEPARATORS = (re.compile("[,，]"), re.compile("、"), re.compile("[和与與及]"), re.compile("[、和与與及]"))
_ANY_SEPARATOR = re.compile("[,，、和与與及]")
_AND_ABOVE = re.compile("及以[上下]")
_UNTIL = re.compile("截至|截止")
_DECLARED = re.compile(DECLARED + r"[^（）()]{0,24}[)）]")  # （以下简称“中能储集团”）
_SOURCE = re.compile(r"\s*(?:据|據|根据|根據|经|經)[^，,。]{0,24}?(?:预测|預測|统计|統計|测算|測算|介绍|介紹|显示|顯示|调查|調查|估计|估計|监测|監測)\s*")
# a word that names two measures at once, each in its own word
_PAIRED = {"产销": ("产量", "销量"), "產銷": ("產量", "銷量"), "进出口": ("进口", "出口"), "進出口": ("進口", "出口"),
           "收支": ("收入", "支出")}
_PAIRED_WORD = re.compile("(?:" + "|".join(_PAIRED) + ")$")
_OF_WHICH = re.compile(r"\s*(?:其中|其中，|其中,)")
_THIS_YEAR = re.compile("今年|本年")
_SHARED_END = re.compile(r"[也均都还還]+$")
_SHORT = 5  # a metric shorter than this gets context


@dataclass(slots=True)
class _Item:
    q: Quantity
    clause: int  # start of its clause in the sentence
    before: tuple[int, int]  # the words naming the metric before the number
    after: tuple[int, int]  # the counted noun after it
    group: int  # values written as one list (9.2%、9.4%) share a group
    inherit: bool = False  # a list member with no words of its own before it (3万家A、8200家B)
    listed: bool = False  # one of several values paired with the items before 分别
    metric: str = ""
    lead: tuple[int, int] = (0, 0)  # time words stripped from the start of its clause
    quote: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class _Found:
    figure: Figure
    explicit: bool  # its period is stated in its own sentence
    paragraph: int
    headline: bool = False  # stated in the title, which names things in short


@dataclass(slots=True)
class _State:
    period: str | None = None  # carried over from earlier sentences
    period_words: str = ""
    local: tuple[str | None, str] | None = None  # a sentence's own period, held past its semicolon
    title: int = -1  # the content stretch that is the article's title
    topic: str = ""  # subject of the last figure in the paragraph
    topic_sentence: int = -1
    topic_start: int = 0  # where the words of the topic start in that sentence
    paragraph: int = -1
    found: list[_Found] = field(default_factory=list)


def extract_figures(article: Article) -> Article:
    ref = reference(article.published, article.text, article.id)
    paragraphs = _paragraph_of(article)
    state = _State()
    if article.title is not None and article.content:
        first = article.content[0]
        state.title = 0 if article.text[first.start : first.end].strip() == article.title.strip() else -1
    for sentence in article.sentences:
        if paragraphs[sentence.index] != state.paragraph:
            state.topic, state.paragraph = "", paragraphs[sentence.index]
        periods = list(find_periods(sentence.text, ref))
        quantities = list(find_numbers(sentence.text))
        if quantities:
            _sentence(sentence, quantities, periods, state)
        carries = [p for p in periods if p.kind == "carry"]
        if len(carries) < 3:  # 一季度…，二季度…，三季度…，四季度…: a run of periods, none goes on
            for p in carries:
                state.period, state.period_words = _iso(p, sentence.text, state.period), sentence.text[p.start : p.end]
        # 今年以来，…；…: a period for its sentence holds past a semicolon, up to the full stop (目前 does not)
        last = next((p for p in reversed(periods) if p.kind in ("carry", "local")), None)
        held = (last.iso, sentence.text[last.start : last.end]) if last and last.kind == "local" and last.iso else (
            state.local if last is None else None)
        state.local = held if sentence.text.rstrip().endswith(("；", ";")) else None
    article.figures.extend(_dedupe(state.found))
    return article


def _iso(p: Period, text: str, before: str | None) -> str | None:
    """The period `p` names; a bare 全年 is the whole of the year in force (2024年，…，全年完成…)."""
    if before and text.startswith("全年", p.start) and p.end - p.start == 2:
        return before[:4]
    return p.iso


def _paragraph_of(article: Article) -> list[int]:
    """The content stretch each sentence lies in: a stretch is a line or a tagged block."""
    out, k, content = [], 0, article.content
    for s in article.sentences:
        while k + 1 < len(content) and content[k].end <= s.start:
            k += 1
        out.append(k)
    return out


def _sentence(sentence: Sentence, quantities: list[Quantity], periods: list[Period], state: _State) -> None:
    text = sentence.text
    items = _items(text, _distribute(text, quantities))
    _metrics(text, items, periods)
    for item in items:
        q = item.q
        period, words, explicit = state.period, state.period_words, False
        if state.local is not None:
            (period, words), explicit = state.local, True
        for p in periods:
            if p.end <= q.start and p.kind in ("carry", "local"):
                if explicit and _THIS_YEAR.match(text, p.start) and _UNTIL.match(words) and period[:4] == p.iso:
                    continue  # 截至10月底，今年新增专项债券已发行…: as of the end of October
                period, words, explicit = _iso(p, text, period), text[p.start : p.end] if p.iso else "", True
        metric, quote_start = item.metric, item.quote[0]
        borrowed = False  # the metric took the topic's words
        near = state.topic_sentence == sentence.index
        if _PREDICATE.match(metric):  # 同比增长10.1%: the subject is the one before
            metric = state.topic + metric
            if near and state.topic:
                quote_start = min(quote_start, state.topic_start)
        else:
            part = len(metric) >= 2 and item.before[0] == item.clause and (
                _OF_WHICH.match(text, item.clause) or text[max(0, item.clause - 3) : item.clause].startswith("其中"))
            # 其中出口3.52万亿元: a part named in full
            if len(metric) < _SHORT and not item.listed and not part and not _PREDICATE.search(metric):  # 资金规模
                lead = (_words(text, *item.lead), item.lead[0])
                topic = (state.topic, state.topic_start) if near else ("", 0)
                for context, start in (_context(text, item, items, periods), topic, lead, (words, None)):
                    if context:
                        metric = context + metric
                        quote_start = quote_start if start is None else min(quote_start, start)
                        # …专项债，已经发行2.83万亿元，发行率是90%: the topic is still the bonds
                        borrowed = context == topic[0]
                        break
            if not borrowed and (subject := _subject(item.metric)):
                state.topic, state.topic_sentence, state.topic_start = subject, sentence.index, item.quote[0]
        if not metric.strip():  # a bare "3.8%" measures nothing we can name (and the shapes need a metric)
            continue
        base = sentence.start
        figure = Figure(
            surface=q.surface, value=q.value, unit=q.unit, qualifier=q.qualifier, metric=metric,
            mention=Mention(base + q.start, base + q.end, sentence.index),
            quote=Span(base + quote_start, base + item.quote[1]), period=period,
        )
        state.found.append(_Found(figure, explicit, state.paragraph, state.paragraph == state.title))


def _distribute(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """3.3个、3.5个百分点: the unit written once at the end belongs to every value of the list."""
    out = list(quantities)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if b.unit != a.unit and b.unit.startswith(a.unit) and text[a.end : b.start].strip() in _SEPARATOR:
            out[i] = replace(a, unit=b.unit)
    return out


def _subject(metric: str) -> str:
    m = _PREDICATE.search(metric)
    if m is None:
        return metric
    return metric[: m.start()] if m.start() >= 2 else ""


def _items(text: str, quantities: list[Quantity]) -> list[_Item]:
    """Cut each clause into the words before and after every number in it."""
    items: list[_Item] = []
    bounds = [m.start() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    clause_start, bi, group = 0, 0, 0
    prev: _Item | None = None
    for q in quantities:
        while bounds[bi] < q.start:
            clause_start = bounds[bi] + 1
            bi += 1
            prev = None
        clause_end = bounds[bi]
        group += 1
        if prev is None:
            item = _Item(q, clause_start, (clause_start, q.start), (q.end, clause_end), group)
        else:
            gap = text[prev.q.end : q.start]
            cut = gap.rfind("、")
            if cut < 0:  # 及 of 地级及以上城市 joins no list
                cut = max((i for i, c in enumerate(gap) if c in _SEPARATOR and not _AND_ABOVE.match(gap, i)), default=-1)
            if gap.strip() == "" or gap.strip() in _SEPARATOR:  # 9.2%、9.4%: one list of values
                prev.after = (prev.q.end, prev.q.end)
                item = _Item(q, clause_start, (q.start, q.start), (q.end, clause_end), prev.group)
            elif cut >= 0:  # 3.5万余家基础级、8200余家先进级
                prev.after = (prev.q.end, prev.q.end + cut)
                start = prev.q.end + cut + 1
                item = _Item(q, clause_start, (start, q.start), (q.end, clause_end), group,
                             inherit=not gap[cut + 1 :].strip())
            else:  # 31个省份中28个省份: the words between serve both
                prev.after = (prev.q.end, q.start)
                item = _Item(q, clause_start, (prev.q.end, q.start), (q.end, clause_end), group)
        items.append(item)
        prev = item
    return items


def _strip_before(text: str, a: int, b: int, periods: list[Period]) -> tuple[int, int, tuple[int, int]]:
    """Drop discourse markers and time words at the start, copulas at the end.

    Returns (start, end, (start, end) of the time words dropped)."""
    lead_start = lead_end = a
    while a < b:
        m = _LEAD.match(text, a, b)
        if m and m.end() > a:
            a = m.end()
            continue
        p = next((p for p in periods if p.start == a and p.kind != "compare"), None)
        if p is None:
            break
        if lead_end == lead_start:
            lead_start = a
        a = lead_end = min(p.end, b)
    if b > a and (m := _TRAIL.search(text, a, b)):
        b = m.start()
    return a, b, (lead_start, lead_end)


def _strip_after(text: str, a: int, b: int, share: bool) -> tuple[int, int]:
    """The counted noun after a number: 15家领航工厂已在… -> 领航工厂 (a share keeps the clause)."""
    m = _AFTER_LEAD.match(text, a, b)
    if m:
        a = m.end()
    if text.startswith(("人民币", "人民幣"), a):  # 6219.3亿元人民币: the currency, said again
        a += 3
    if a >= b:
        return a, a
    if not share:
        stop = _AFTER_STOP.search(text, a + 1, b)
        if stop:
            b = stop.start()
        b = min(b, a + _MAX_AFTER)
        if m := _AFTER_TRAIL.search(text, a, b):  # …城市平均空气质量优良天数比例为87.6%: the next figure's copula
            b = max(a, m.start())
    return a, b


def _words(text: str, a: int = 0, b: int | None = None) -> str:
    b = len(text) if b is None else b
    return _DROP.sub("", _DECLARED.sub("", text[a:b])) if b > a else ""


def _context(text: str, item: _Item, items: list[_Item], periods: list[Period]) -> tuple[str, int]:
    """The clause before the item's clause when it holds no figure (我国启动运行X基金，资金规模达600亿元)."""
    start = _previous_clause(text, item, items, periods)
    words = _words(text, start, item.clause - 1) if start is not None else ""
    if not words or _SOURCE.fullmatch(words):
        return "", 0  # 据中国汽车工业协会预测，…: who says it, not what is measured
    return words, start


def _metrics(text: str, items: list[_Item], periods: list[Period]) -> None:
    heads: list[str] = []  # the items of the last list paired in this sentence
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and items[j + 1].group == items[i].group:
            j += 1
        members = items[i : j + 1]
        first = members[0]
        a, b, lead = _strip_before(text, *first.before, periods)
        verb = ""
        if first.inherit and i > 0:  # 3.5万余家基础级、8200余家先进级: share 累计建成
            a0, b0, _ = _strip_before(text, *items[i - 1].before, periods)
            verb = _words(text, a0, b0)
        quote_start = a if b > a else first.q.start
        if len(members) > 1:
            words = text[a:b]
            metrics, heads = _pair(words, len(members), heads)
            paired = metrics is not None
            if metrics is None:  # the items may stand in the clause before (A、B，C生产指数分别增长)
                prev = _previous_clause(text, first, items, periods)
                if prev is not None:
                    metrics, heads = _pair(text[prev:first.clause - 1] + "，" + words, len(members), [])
                    quote_start = prev if metrics else quote_start
                    paired = metrics is not None
            if metrics is None:
                metrics, heads = [_TRAIL.sub("", _RESPECTIVELY.sub("", _words(words)))] * len(members), []
            for item, metric in zip(members, metrics):
                item.metric, item.lead, item.quote = metric, lead, (quote_start, item.q.end)
                item.listed = paired
        else:
            share = first.q.unit == "%" and text.startswith("的", first.after[0], first.after[1])
            c, d = _strip_after(text, *first.after, share)
            first.metric = verb + _words(text, a, b) + _words(text, c, d)
            first.lead, first.quote = lead, (quote_start, max(d, first.q.end))
        i = j + 1


def _previous_clause(text: str, item: _Item, items: list[_Item], periods: list[Period]) -> int | None:
    """Start of the words of the clause before the item's, if that clause has words and no figure."""
    if item.clause == 0:
        return None
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, item.clause - 1)), default=0)
    if any(start <= other.q.start < item.clause for other in items):
        return None
    a, b, _ = _strip_before(text, start, item.clause - 1, periods)
    return a if b > a else None


def _pair(words: str, k: int, heads: list[str]) -> tuple[list[str] | None, list[str]]:
    """Metrics for k values listed together, paired with the k items named before 分别.

    Without items of its own the list reuses the items of the list before it in the
    sentence (分别增长8.4%、5.9%，分别比规模以上工业快4.6个、2.1个百分点)."""
    m = _RESPECTIVELY.search(words)
    left, verb = (words[: m.start()], words[m.end() :]) if m else ("", words)
    verb = _TRAIL.sub("", _words(verb))
    parts = _split_items(left, k)
    if parts is None and k == 2 and (pair := _PAIRED_WORD.search(_words(left))):  # 汽车产销分别为A与B
        subject = _words(left)[: pair.start()]
        return [subject + w + verb for w in _PAIRED[pair.group()]], []
    if parts is None:
        if len(heads) == k and not _ANY_SEPARATOR.search(left):  # 同比分别增长73%和145%
            return [h + _words(left) + verb for h in heads], heads
        return None, heads
    heads, tail = _heads(parts)
    shared = tail[: m.start()] if (m := _PREDICATE.search(tail)) else tail  # 增加值同比 -> 增加值
    return [h + tail + verb for h in heads], [h + shared for h in heads]


def _split_items(left: str, k: int) -> list[str] | None:
    left = _DROP.sub("", left).strip("，,")
    if not left:
        return None
    for seps in _ITEM_SEPARATORS:
        parts = [p for p in seps.split(left) if p]
        if len(parts) == k:
            return parts
    return None


def _heads(parts: list[str]) -> tuple[list[str], str]:
    """The listed items and the words shared after the last (原油、金属矿砂等进口量 -> 进口量)."""
    last = parts[-1]
    if "等" in last:
        head, tail = last.split("等", 1)
    else:
        p = last.find(parts[0][-1])
        head, tail = (last[: p + 1], last[p + 1 :]) if 0 < p < len(last) - 1 else (last, "")
        named = parts[1:-1] or parts[:1]  # the first item may carry the list's scope (全国基本养老)
        short = max(len(x) for x in named)
        if p < 0 and short <= 3 and len(last) >= short + 3 and all(len(x) == short for x in named):
            head, tail = last[:short], last[short:]  # 东盟、瑞士、日本对华实际投资: names of one length
    return parts[:-1] + [head], _SHARED_END.sub("", tail)


# -- the same fact stated twice ---------------------------------------------------------


def _dedupe(found: list[_Found]) -> list[Figure]:
    """Keep one figure per fact; a copy whose period is stated in its own sentence wins."""
    kept: list[_Found] = []
    for f in found:
        for k, g in enumerate(kept):
            if _same_fact(f, g):
                if g.headline and not f.headline:  # the body names it in full; the title may add its period
                    period = f.figure.period if f.explicit or not g.explicit else g.figure.period
                    kept[k] = replace(f, figure=replace(f.figure, period=period), explicit=f.explicit or g.explicit)
                elif f.explicit and not g.explicit and not f.headline:
                    kept[k] = f  # the copy that states its period
                break
        else:
            kept.append(f)
    return [f.figure for f in kept]


def _same_fact(x: _Found, y: _Found) -> bool:
    f, g = x.figure, y.figure
    if (f.value, f.unit, f.qualifier) != (g.value, g.unit, g.qualifier):
        return False
    if x.headline != y.headline and f.unit != "%":
        return True  # 央行：9月末M2余额335.38万亿元: the title repeats an amount the body states
    if x.explicit and y.explicit and f.period != g.period:
        return False  # 7月份增长3.5%, 1-7月份增长3.5%: two facts
    a, b = norm(f.metric), norm(g.metric)
    short, long_ = sorted((a, b), key=len)
    if a == b or (len(short) >= 4 and short in long_):
        return True
    if f.mention.sentence == g.mention.sentence and f.qualifier != "exact" and f.surface == g.surface:
        return True  # 首次突破2万亿元大关，成为第二个突破2万亿元大关的指标
    if x.paragraph == y.paragraph or (f.period and g.period and f.period != g.period):
        return False
    # restated elsewhere in other words: 各项贷款余额同比增长10.1% … 高于同期各项贷款增速10.1%
    return _common(_PREDICATE.sub("", a), _PREDICATE.sub("", b)) >= 4


def _common(a: str, b: str) -> int:
    """Length of the longest common substring."""
    best, row = 0, [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b, 1):
            cur = row[j]
            row[j] = prev + 1 if ca == cb else 0
            best = max(best, row[j])
            prev = cur
    return best
