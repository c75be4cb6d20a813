"""Numbers in Chinese text: find `qualifier + number + magnitude + unit` and fold it to a value.

`find_numbers(text)` yields every quantity written with a measure word, currency, sign or
percent (超300项, 1.76万家, 70%以上, 突破1.2万亿元, 连续16年, 近6万亿元, 3%左右, 超四成,
9500萬(wàn)千瓦), with its exact `Decimal` value, the unit left once the magnitude is folded,
and the qualifier (lower / upper / approx / exact). Dates, years, ordinals (第一阶段), phone
numbers, model names (5G, G20) and numbers without a unit are not quantities.

Everything is done by regular expressions compiled once at import. Traditional forms
(萬 億 個 項 輛 超過 餘) and the pinyin that mirror sites put after characters (萬(wàn))
are matched; the pinyin stays in the surface but not in the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# pinyin noise inserted after a character by mirror sites: 發(fā), 萬(wàn)
NOISE = r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,8}\))"
NOISE_RE = re.compile(NOISE)

# simplified -> traditional forms of the characters used in the vocabularies below
_TRADITIONAL = {
    "个": "個", "项": "項", "亿": "億", "万": "萬", "辆": "輛", "种": "種", "类": "類", "张": "張",
    "条": "條", "笔": "筆", "场": "場", "吨": "噸", "亩": "畝", "余": "餘", "过": "過", "续": "續",
    "约": "約", "门": "門", "块": "塊", "颗": "顆", "间": "間", "处": "處", "户": "戶", "头": "頭",
    "对": "對", "节": "節", "轮": "輪", "栋": "棟", "岁": "歲", "级": "級", "点": "點", "时": "時",
    "钟": "鐘", "两": "兩", "标": "標", "册": "冊", "单": "單", "双": "雙", "术": "術", "台": "臺",
    "连": "連", "将": "將", "内": "內", "币": "幣", "卢": "盧", "韩": "韓", "欧": "歐", "镑": "鎊",
    "顷": "頃",
}


def fuzzy(word: str) -> str:
    """A pattern for `word` accepting traditional forms and pinyin noise after each character."""
    out = []
    for ch in word:
        alt = _TRADITIONAL.get(ch)
        out.append(f"[{ch}{alt}]" if alt else re.escape(ch))
        if "\u3400" <= ch <= "\u9fff":
            out.append(NOISE + "?")
    return "".join(out)


def alternation(words: list[str]) -> str:
    """Longest first, so that 个百分点 wins over 个 and 千瓦时 over 千瓦."""
    return "|".join(fuzzy(w) for w in sorted(set(words), key=len, reverse=True))


# measure words, currencies and signs; longest alternatives are tried first
UNITS = [
    "%", "％", "‰", "个百分点", "百分点",
    "元", "美元", "欧元", "日元", "港元", "港币", "英镑", "澳元", "卢布", "韩元", "澳门元", "澳门币", "新台币",
    "家", "项", "个", "款", "户", "人", "人次", "名", "位", "种", "类", "件", "台", "套", "台套",
    "辆", "艘", "架", "列", "座", "所", "只", "头", "条", "批", "份", "部", "篇", "场", "次",
    "批次", "架次", "车次", "航次", "班次", "艘次", "户次", "件次", "家次", "单",
    "宗", "笔", "张", "株", "棵", "枚", "颗", "块", "处", "间", "栋", "床", "册", "门", "起",
    "亩", "公顷", "平方米", "平方公里", "平方千米", "千米", "公里", "米", "吨", "千克", "公斤", "克", "斤", "盎司",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏", "度", "立方米", "升", "桶", "标准箱", "标箱",
    "吨公里", "人公里", "班", "标准机架", "机架", "EFLOPS", "PFLOPS", "TFLOPS",
    "倍", "年", "个月", "个季度", "天", "小时", "分钟", "个工作日", "工作日",
    "微克", "毫克", "毫米", "厘米", "毫升", "海里", "兆瓦时", "吉瓦时", "℃", "摄氏度", "基点", "个基点",
    "GW", "MW", "kW", "GWh", "MWh", "kWh", "TEU",
]
# what a rate is counted per: 27微克/立方米, 3.5元/公斤, 80美元/桶
_PER = ["吨", "千克", "公斤", "斤", "克", "立方米", "平方米", "桶", "升", "小时", "天", "年", "月", "人", "户",
        "亩", "千瓦时", "度", "公里", "千米", "米", "股", "件", "台", "辆", "张"]
_UNIT_ALT = (
    "(?:" + alternation(UNITS) + ")(?:[/／](?:" + alternation(_PER) + "))?"
    + r"|成(?![员員立本果效功熟型交绩績就长長都])"  # 三成, 超四成
)

# units of time: a time expression unless it is the length of a record (连续16年, 3个月)
_TIME_UNITS = {"年", "个月", "個月", "个季度", "個季度", "天", "小时", "小時", "分钟", "分鐘"}

_LENGTHS = ("天数", "时长", "期限", "周期", "工期", "用时", "历时", "天數", "時長", "週期")  # what a length measures
_BOUND = frozenset("签節节制预預合公条條契履违違特相邀")  # 签约, 节约, 制约: 约 ends a word, it is no "about"
_PRE_QUALIFIERS = {
    "lower": ["超过", "超", "逾", "突破", "不少于", "不低于", "至少", "不少於", "不低於"],
    "upper": ["近", "将近", "接近", "不到", "不足", "不超过", "不超", "最高", "最多", "至多", "不高于", "不多于",
              "不高於", "不多於"],
    "approx": ["约", "大约", "大概"],
}
_POST_QUALIFIERS = {
    "lower": ["以上", "多", "余", "有余"],
    "upper": ["以下", "以内"],
    "approx": ["左右", "上下"],
}
# non-qualifying prefixes kept in the surface
_PRE_OTHER = ["连续"]

_PRE_ALT = alternation([w for ws in _PRE_QUALIFIERS.values() for w in ws] + _PRE_OTHER)
_POST_ALT = alternation(["以上", "以下", "以内", "左右", "上下", "有余"])
_SOME = fuzzy("多") + "|" + fuzzy("余")  # 1700多项, 3.5万余家

_DIGITS = "0-9０-９"
_ARABIC = rf"[{_DIGITS}]{{1,3}}(?:,[0-9]{{3}})+(?![{_DIGITS}])(?:[.．][{_DIGITS}]+)?|[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?"
_CN_DIGITS = "零〇一二两兩三四五六七八九十百千万萬亿億"
_CHINESE = rf"[{_CN_DIGITS}]+"
_MAGNITUDE = (
    fuzzy("万亿") + "|" + fuzzy("千亿") + "|" + fuzzy("百亿") + "|" + fuzzy("千万") + "|" + fuzzy("百万")
    + "|" + fuzzy("亿") + "|" + fuzzy("万") + r"|千(?![瓦克米伏])|百(?!分)"
)

FIGURE = re.compile(
    rf"(?P<pre>{_PRE_ALT})?"
    rf"(?:(?<![{_DIGITS}A-Za-zＡ-Ｚａ-ｚ.．第])(?P<sign>(?<![{_DIGITS}%％])[-－−](?=[{_DIGITS}]))?(?P<arabic>{_ARABIC})"
    rf"|(?<![第{_CN_DIGITS}])(?P<chinese>{_CHINESE}))"
    rf"(?P<some1>{_SOME})?"
    rf"(?P<mag>{_MAGNITUDE})?"
    rf"(?P<some2>{_SOME})?"
    rf"(?P<unit>{_UNIT_ALT})"
    rf"(?![A-Za-z])"
    rf"(?P<post>{_POST_ALT})?"
)

_MAG_VALUE = {"万亿": 12, "千亿": 11, "百亿": 10, "千万": 7, "百万": 6, "亿": 8, "万": 4, "千": 3, "百": 2}
_FOLD = str.maketrans({t: s for s, t in _TRADITIONAL.items()})
_QUALIFIER = {w: q for q, ws in _PRE_QUALIFIERS.items() for w in ws}
_QUALIFIER.update({w: q for q, ws in _POST_QUALIFIERS.items() for w in ws})
_BEFORE_TIME = frozenset("前近后後这這每")  # 前5个月, 近3个月, 这两年: time expressions


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # offsets into the searched text
    end: int
    surface: str
    value: Decimal
    unit: str
    qualifier: str


def clean(text: str) -> str:
    """Text without pinyin noise."""
    return NOISE_RE.sub("", text) if "(" in text else text


def _key(text: str) -> str:
    return clean(text).translate(_FOLD)


_CN_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def chinese_number(text: str) -> int | None:
    """一千七百 -> 1700, 三 -> 3, 十四 -> 14, 万 -> 10000, 三万五千 -> 35000; None if malformed."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_NUM:
            if digit is not None:  # two digits in a row (一二) is not a number
                return None
            digit = _CN_NUM[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            big = _CN_BIG[ch]
            if section == 0 and total == 0:
                section = 1
            total = (total + section) * big if big > 10**4 else total + section * big
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def arabic_number(text: str) -> Decimal | None:
    t = text.replace(",", "").replace("．", ".")
    t = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in t)
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def tidy(value: Decimal) -> Decimal:
    """1200000000000.0 -> 1200000000000, 5.90 -> 5.9 (no exponent for whole numbers)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def find_numbers(text: str, start: int = 0, end: int | None = None):
    """Yield every `Quantity` in text[start:end] (offsets are into `text`), in order."""
    end = len(text) if end is None else end
    found = [q for m in FIGURE.finditer(text, start, end) if (q := _quantity(text, m)) is not None]
    for m in _FRACTION.finditer(text, start, end):  # 近五分之一 → 20 %, 四分之一左右 → 25 %
        if not any(q.start < m.end() and m.start() < q.end for q in found):
            found.append(_fraction(m))
    yield from sorted(found, key=lambda q: q.start)


_FRACTION = re.compile(
    r"(?P<pre>约|約|近|超过|超過|超|逾|不到|不足)?(?P<den>[二三四五六七八九十]|十[一二三四五六七八九]?)分之"
    r"(?P<num>[一二三四五六七八九])(?P<post>以上|左右|以下)?"
)


def _fraction(m: re.Match) -> Quantity:
    value = tidy((Decimal(chinese_number(m["num"])) * 100 / Decimal(chinese_number(m["den"]))).quantize(Decimal("0.01")))
    qualifier = _QUALIFIER.get(_key(m["pre"] or "") or _key(m["post"] or ""), "exact")
    if m["post"] and _key(m["post"]) in _QUALIFIER:
        qualifier = _QUALIFIER[_key(m["post"])]
    return Quantity(m.start(), m.end(), m.group(), value, "%", qualifier)


def _quantity(text: str, m: re.Match) -> Quantity | None:
    pre = _key(m["pre"]) if m["pre"] else ""
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if before and before in "±＋+":
        return None  # ±800千伏特高压: a rating in a name, not a statistic
    if pre == "约" and text[m.start() - 1 : m.start()] in _BOUND:
        return _quantity(text, FIGURE.match(text, m.start() + 1)) if FIGURE.match(text, m.start() + 1) else None
    q = text.rfind("“", max(0, m.start() - 12), m.start())
    if (before and before in "“「" and after and after in "”」") or (
        q >= 0 and "”" not in text[q : m.start()] and after == "”"
    ):
        return None  # “十六条”, “制造业当家22条”: a name that holds a number
    if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
        return None  # 《…优结构十六条措施》: so does a title
    unit = clean(m["unit"])
    ukey = unit.translate(_FOLD)
    mag = _key(m["mag"]) if m["mag"] else ""
    if m["arabic"]:
        number = arabic_number(m["arabic"])
        if number is None:
            return None
        if m["sign"]:
            number = -number
    else:
        raw = m["chinese"]
        n = chinese_number(raw)
        if n is None or n == 0:
            return None
        if len(raw) == 1 and raw in "十百千万萬亿億" and not (m["some1"] or m["some2"] or pre in _QUALIFIER):
            return None  # 万家灯火, 千行百业: a lone magnitude counts only as 万余家, 超万家
        if n < 10 and ukey not in ("成", "个月", "倍", "年"):
            return None  # 一批, 两个, 三家: words, not statistics
        number = Decimal(n)
    if ukey in ("名", "位") and text[m.start() - 1 : m.start()] == "前":
        return None  # 前10名: a rank
    if ukey == "年" and pre != "连续" and not (m["arabic"] and "." in m["arabic"]):
        return None  # 2025年, 近12年, 三年行动: time expressions (平均期限16.3年 is a length)
    if ukey in _TIME_UNITS and (pre in ("近", "将近", "接近") or text[m.start() - 1 : m.start()] in _BEFORE_TIME):
        if pre != "连续" and not text.endswith(_LENGTHS, 0, m.start()) and not mag:  # 近2600万小时: a total
            return None  # 前5个月, 近3个月: periods; but 可用天数近30天 is a length
    if ukey == "成":
        if mag or number > 10:
            return None
        number, unit = number * 10, "%"
    elif ukey in ("%", "％"):
        unit = "%"
    value = tidy(number.scaleb(_MAG_VALUE[mag]) if mag else number)
    qualifier = "exact"
    for word in (pre, _key(m["some1"] or ""), _key(m["some2"] or ""), _key(m["post"] or "")):
        if word in _QUALIFIER:
            qualifier = _QUALIFIER[word]
    return Quantity(m.start(), m.end(), m.group(), value, unit, qualifier)
