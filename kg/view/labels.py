"""Short readable labels for the view: compact figures (600亿元, ≥1.2万亿元, 1.76万家) and compact ids.

Figures are stored folded (schema:value 60000000000, unitText 元, ONTOLOGY.md §2.5); a reader
wants the Chinese large-number units back, and the qualifier as a sign.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import unquote

from kg.ns import BASE, PREFIXES

QUALIFIER_SIGN = {"exact": "", "lower": "≥", "upper": "≤", "approx": "≈"}

# Large-number units, biggest first. Applied to money and counts, never to percentages or durations.
_SCALES = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_UNSCALED_CODES = {"PERCENT", "YR", "MO", "WK", "DAY", "HR", "MIN", "SEC"}
_UNSCALED_TEXTS = {"%", "‰", "年", "个月", "月", "周", "天", "日", "小时", "分钟", "秒"}


def decimal(value: object) -> Decimal | None:
    """A literal's value as Decimal, or None when it is not a number."""
    if value is None:
        return None
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def plain(d: Decimal, places: int = 2) -> str:
    """`Decimal` as positional text: 600, 1.76, 5.9 (at most `places` decimals, no exponent)."""
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if d.as_tuple().exponent < -places else d
    text = format(q.normalize(), "f")
    return "0" if text in ("-0", "") else text


def figure_label(value: Decimal | None, unit_text: str = "", unit_code: str = "", qualifier: str = "exact") -> str:
    """`600亿元` for (6E10, 元, CCY_CNY, exact); `≥300项`, `5.9%`, `1.76万家`, `≈6%`."""
    sign = QUALIFIER_SIGN.get(qualifier, "")
    unit_text = unit_text or ""
    if value is None:
        return f"{sign}?{unit_text}"
    scalable = unit_code not in _UNSCALED_CODES and unit_text not in _UNSCALED_TEXTS and unit_text[:1] not in ("万", "亿")
    if scalable:
        for scale, name in _SCALES:
            if abs(value) >= scale:
                return f"{sign}{plain(value / scale)}{name}{unit_text}"
    return f"{sign}{plain(value, 4)}{unit_text}"


def short_metric(metric: str, subject: str = "", limit: int = 14) -> str:
    """The metric without its subject's name in front (国家…基金资金规模 → 资金规模), cut to `limit` chars."""
    if subject and metric.startswith(subject) and len(metric) > len(subject):
        metric = metric[len(subject) :]
    return metric if len(metric) <= limit else metric[: limit - 1] + "…"


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//)?")


def compact(iri: str) -> str:
    """A short id without any scheme: `id/org/工业和信息化部`, `wd:Q148`, `example.org/x`.

    The page must hold no `http(s)://` string, and readers want short ids anyway.
    """
    if iri.startswith(BASE):
        return unquote(iri[len(BASE) :])
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{unquote(iri[len(str(ns)):])}"
    return unquote(_SCHEME.sub("", iri))


def local_name(iri: str) -> str:
    """Last path or fragment segment, unquoted: a fallback label for nodes without one."""
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return unquote(tail) or iri
