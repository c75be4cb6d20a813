"""Reference periods: time expressions in Chinese text turned into ISO 8601 dates and intervals.

`find_periods(text, ref)` yields every time expression with what it means for the figures
after it:

- `carry` — a reference period that holds from here on (2025年 → 2025, 一季度 →
  2024-01/2024-03, 前5个月 → 2025-01/2025-05, 截至4月底 → 2023-04, 十四五 → 2021/2025,
  截至6月30日 → 2024-06-30);
- `local` — holds for the rest of its sentence only (今年以来 → 2024; 目前 → no period);
- `compare` — a base of comparison, not a period (比去年同期, 较2024年); `since` — a
  starting point (去年9月份以来) or a word naming no period we can place; `date` — a day
  (4月24日), never a period.

Months and quarters without a year take the reference year `ref` (the year of publication,
or the year before when the month has not yet come by the publication month).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_CN = "一二两兩三四五六七八九十"
_PART = (
    rf"前[{_CN}1-4][个個]?季度?|第?[一二三四1-4][个個]?季度[末底]?|[上下]半年|全年|"
    rf"[前首](?:\d{{1,2}}|[{_CN}]{{1,3}})[个個]?月(?:份)?|"
    r"(?<![\d.])\d{1,2}(?:月份?)?\s*[-－—–~～至到]\s*\d{1,2}月份?|"
    r"(?<![\d.])\d{1,2}月份?[末底初]?"
)
PERIOD = re.compile(
    r"(?P<pre>截至|截止|到|至|自|从|從|比|较|較|与|與|同|是|占|佔)?"
    r"(?:(?P<date>(?:(?P<dy>(?:19|20)\d{2})年)?(?P<dm>\d{1,2})月(?P<dd>\d{1,2})[日号號]"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2}))"
    r"|“?(?P<plan>十[一二三四五六七八九]五)”?"
    r"|(?P<y1>(?:19|20)\d{2})年?\s*[-－—–~～至到]\s*(?P<y2>(?:19|20)\d{2})年"
    rf"|(?:(?P<year>(?:19|20)\d{{2}})年|(?P<rel>今年|本年|去年|上年|明年|前年))(?P<yend>[末底])?(?P<part1>{_PART})?"
    rf"|(?P<part2>{_PART})"
    r"|(?P<now>截至目前|目前|当前|當前|现阶段|現階段))"
    r"(?P<post>同期|以来|以來|相比)?"
)
_PART_PARTS = re.compile(
    rf"前(?P<q>[{_CN}1-4])[个個]?季度?|第?(?P<quarter>[一二三四1-4])[个個]?季度(?P<qend>[末底])?"
    r"|(?P<half>[上下])半年|(?P<whole>全年)"
    rf"|[前首](?P<first>\d{{1,2}}|[{_CN}]{{1,3}})[个個]?月(?:份)?"
    r"|(?P<m1>\d{1,2})(?:月份?)?\s*[-－—–~～至到]\s*(?P<m2>\d{1,2})月份?"
    r"|(?P<month>\d{1,2})月份?[末底初]?"
)
_QUOTA = re.compile("(?:的)?(?:目标|任务|计划|额度|预算)")
_COMPARE = frozenset(("比", "较", "較", "与", "與", "同", "是", "占", "佔"))  # 占全年额度的: a share of it
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2}
_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_SMALL["两"] = _SMALL["兩"] = 2


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int
    iso: str | None
    kind: str  # carry | local | compare | since | date


@dataclass(frozen=True, slots=True)
class Reference:
    """The year months and quarters belong to, and the month of publication if known."""

    year: int | None
    month: int | None = None


_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*\d{1,2}")
_ID_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def reference(published: str | None, text: str, name: str = "") -> Reference:
    """Publication date; else the year of a full date near the top; else a year in the file
    name; else the year the text names most often. Only a publication date gives a month."""
    if published and (m := _FULL_DATE.match(published)):
        return Reference(int(m.group(1)), int(m.group(2)))
    if m := _FULL_DATE.search(text, 0, 400):  # a dateline; its month may be a statistic's
        return Reference(int(m.group(1)))
    if m := _ID_YEAR.search(name):
        return Reference(int(m.group(1)))
    years = Counter(_YEAR.findall(text))
    return Reference(int(years.most_common(1)[0][0])) if years else Reference(None)


def _small(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _SMALL:
        return _SMALL[text]
    if text.startswith("十"):  # 十一, 十二
        return 10 + _SMALL.get(text[1:], 0) if len(text) <= 2 else None
    return None


def _months(part: str) -> tuple[int, int] | None:
    """The first and last month a period word covers (一季度 -> (1, 3), 9月底 -> (9, 9))."""
    m = _PART_PARTS.fullmatch(part)
    if m is None:
        return None
    if m["q"]:
        n = _small(m["q"])
        return (1, 3 * n) if n and 1 <= n <= 4 else None
    if m["quarter"]:
        n = _small(m["quarter"])
        if not n or not 1 <= n <= 4:
            return None
        return (3 * n, 3 * n) if m["qend"] else (3 * n - 2, 3 * n)  # 一季度末 -> March
    if m["half"]:
        return (1, 6) if m["half"] == "上" else (7, 12)
    if m["whole"]:
        return (1, 12)
    if m["first"]:
        n = _small(m["first"])
        return (1, n) if n and 1 <= n <= 12 else None
    if m["m1"]:
        a, b = int(m["m1"]), int(m["m2"])
        return (a, b) if 1 <= a <= b <= 12 else None
    n = int(m["month"])
    return (n, n) if 1 <= n <= 12 else None


def _iso(year: int, first: int, last: int) -> str:
    if (first, last) == (1, 12):
        return f"{year}"
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _meaning(m: re.Match, ref: Reference) -> str | None:
    if m["plan"]:
        n = 10 + _SMALL[m["plan"][1]]
        start = 1971 + 5 * (n - 4)  # the 4th five-year plan ran 1971-1975
        return f"{start}/{start + 4}"
    if m["y1"]:
        a, b = int(m["y1"]), int(m["y2"])
        return f"{a}/{b}" if a < b else None
    part = m["part1"] or m["part2"]
    if m["year"] or m["rel"]:
        if m["year"]:
            year = int(m["year"])
        elif ref.year is None:
            return None
        else:
            year = ref.year + _REL[m["rel"]]
        if m["yend"]:  # 2025年末: the stock at December; 到2027年底: the target's year
            return f"{year}" if m["pre"] in ("到", "至") else f"{year}-12"
        if not part:
            return f"{year}"
        months = _months(part)
        return _iso(year, *months) if months else None
    months = _months(part)
    if months is None or ref.year is None:
        return None
    year = ref.year
    if months == (1, 12):  # 全年: last year's in a review of the first quarter, else this year's
        return f"{year - 1}" if ref.month is not None and ref.month <= 3 else f"{year}"
    if ref.month is not None and months[1] > ref.month:
        year -= 1  # published in January about 12月末: last year's December
    return _iso(year, *months)


def _day(m: re.Match, ref: Reference) -> str | None:
    """截至2024年6月30日 -> 2024-06-30: a day counts as a period when a total is taken on it."""
    year = m["dy"] or m["iy"]
    month, day = int(m["dm"] or m["im"]), int(m["dd"] or m["id"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is None:
        if ref.year is None:
            return None
        year = ref.year - 1 if ref.month is not None and month > ref.month else ref.year
    return f"{int(year)}-{month:02d}-{day:02d}"


def find_periods(text: str, ref: Reference, start: int = 0, end: int | None = None):
    """Yield every `Period` in text[start:end]."""
    end = len(text) if end is None else end
    for m in PERIOD.finditer(text, start, end):
        if m["date"]:
            iso = _day(m, ref) if m["pre"] in ("截至", "截止", "到", "至") else None
            yield Period(m.start(), m.end(), iso, "carry" if iso else "date")
            continue
        if m["now"]:
            yield Period(m.start(), m.end(), None, "local")
            continue
        iso = _meaning(m, ref)
        post = m["post"]
        if m["pre"] in _COMPARE or post in ("同期", "相比") or (
            _QUOTA.match(text, m.end()) and text.endswith(("完成", "完成了"), 0, m.start())
        ):
            kind = "compare"  # 完成全年目标任务的88%: the year's target, not the figure's period
        elif post:  # 以来: 今年以来 is this year so far, so is 十四五以来; 去年9月份以来 is a starting point
            kind = "local" if (m["rel"] in ("今年", "本年") and not m["part1"]) or m["plan"] else "since"
        elif text.endswith("其中", max(0, m.start() - 2), m.start()):
            kind = "local"  # 前三季度…，其中上半年…: a part of the period in force, for its sentence
        else:
            kind = "carry"
        if iso is None and kind in ("carry", "local"):
            kind = "since"
        yield Period(m.start(), m.end(), iso, kind)
