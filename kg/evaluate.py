"""Score predicted answer keys against gold answer keys (the scorer behind `kg eval`).

Both sides are dicts in the answer-key format of corpus/GUIDELINES.md, and the rules
are the ones it states under "How extraction is scored". Choices the guidelines leave open:

- Precision, recall and F1 of a section are 1.0 when there is nothing to find and nothing
  was predicted (tp = fp = fn = 0); any other 0/0 is 0.0 (predicting nothing when there
  is something to find gives P = R = 0; predicting something when there is nothing gives
  P = R = 0).
- Organizations and initiatives match when *any* predicted name or alias meets *any* gold
  name or alias under the section's rule.
- A post is optional when the post or its person is marked optional.
- Figure values agree when |pred - gold| <= 0.5 % of |gold| (so a gold 0 needs exactly 0),
  computed in exact decimals. The Dice coefficient counts bigrams as a multiset; two equal
  metrics score 1.0 even when they are too short to have bigrams.
- Each gold item is matched at most once, by a maximum bipartite matching (augmenting
  paths) that first matches as many non-optional gold items as possible and then as many
  optional ones as possible: true positives are maximal and false positives minimal, and
  the counts do not depend on the order of items. A second prediction of an already
  matched item is a false positive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import InputError

SECTIONS = ("persons", "organizations", "posts", "initiatives",
            "figures", "figure+metric", "figure+period")
VALUE_TOLERANCE = Decimal("0.005")
DICE_THRESHOLD = 0.4
_MARKS = re.compile("[“”‘’\"'《》「」]")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- counts and reports

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def _ratio(self, wrong: int) -> float:
        if self.tp + wrong:
            return self.tp / (self.tp + wrong)
        return 1.0 if self.tp == self.fp == self.fn == 0 else 0.0

    @property
    def precision(self) -> float:
        return self._ratio(self.fp)

    @property
    def recall(self) -> float:
        return self._ratio(self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


class Item(NamedTuple):
    """A gold item missed or a prediction unmatched, with a short readable label."""

    section: str
    label: str


@dataclass
class ArticleScore:
    id: str | None
    counts: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SECTIONS})
    misses: list[Item] = field(default_factory=list)  # gold items not matched
    false_hits: list[Item] = field(default_factory=list)  # predictions not matched

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id,
                "sections": {s: c.to_dict() for s, c in self.counts.items()},
                "misses": [i._asdict() for i in self.misses],
                "false_hits": [i._asdict() for i in self.false_hits]}


@dataclass
class Report:
    """Micro-averaged scores over all articles, with the per-article scores kept."""

    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, Counts]:
        total = {s: Counts() for s in SECTIONS}
        for article in self.articles:
            for section, counts in article.counts.items():
                total[section] = total[section] + counts
        return total

    def table(self) -> str:
        rows = [("section", "P", "R", "F1", "tp", "fp", "fn")]
        for section, c in self.counts.items():
            rows.append((section, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                         str(c.tp), str(c.fp), str(c.fn)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [" ".join([row[0].ljust(widths[0])] + [v.rjust(w) for v, w in zip(row[1:], widths[1:])])
                 for row in rows]
        return "\n".join(line.rstrip() for line in lines)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": len(self.articles),
                "sections": {s: c.to_dict() for s, c in self.counts.items()},
                "per_article": [a.to_dict() for a in self.articles]}


# ---------------------------------------------------------------- text comparison

def norm(text: object) -> str:
    """NFKC, then no white space at all. None becomes ""."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text))) if text is not None else ""


def norm_initiative(text: object) -> str:
    return _MARKS.sub("", norm(text))


def dice(a: str, b: str) -> float:
    """Dice coefficient over the character bigrams of two normalized strings."""
    a, b = norm(a), norm(b)
    if a == b:
        return 1.0
    x, y = Counter(zip(a, a[1:])), Counter(zip(b, b[1:]))
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def _names(item: dict, normalize: Callable[[object], str] = norm) -> set[str]:
    names = {normalize(n) for n in [item.get("name"), *(item.get("aliases") or [])]}
    return names - {""}


def _number(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


# ---------------------------------------------------------------- match rules

def initiative_names_match(pred: str, gold: str) -> bool:
    """Equal, or one contains the other and the shorter is >= 2/3 as long (normalized)."""
    if pred == gold:
        return True
    short, long_ = sorted((pred, gold), key=len)
    return bool(short) and short in long_ and 3 * len(short) >= 2 * len(long_)


def values_agree(pred: object, gold: object) -> bool:
    p, g = _number(pred), _number(gold)
    return p is not None and g is not None and abs(p - g) <= VALUE_TOLERANCE * abs(g)


def _figure(pred: dict, gold: dict) -> bool:
    return norm(pred.get("unit")) == norm(gold.get("unit")) and values_agree(pred.get("value"), gold.get("value"))


def _figure_metric(pred: dict, gold: dict) -> bool:
    return _figure(pred, gold) and dice(pred.get("metric") or "", gold.get("metric") or "") >= DICE_THRESHOLD


def _figure_period(pred: dict, gold: dict) -> bool:
    period = norm(gold.get("period"))
    return _figure(pred, gold) and (not period or norm(pred.get("period")) == period)


def _org_lookup(key: dict) -> dict[str, frozenset[str]]:
    """Every normalized name or alias of an organization -> all names of that organization."""
    lookup: dict[str, frozenset[str]] = {}
    for org in key.get("organizations") or []:
        names = frozenset(_names(org))
        for name in names:
            lookup.setdefault(name, names)
    return lookup


def _posts(key: dict) -> list[dict]:
    """One item per (person, title, org), the org widened to its alias set in this key."""
    lookup = _org_lookup(key)
    posts = []
    for person in key.get("persons") or []:
        for post in person.get("posts") or []:
            org = norm(post.get("org"))
            posts.append({"person": norm(person.get("name")), "title": norm(post.get("title")),
                          "org": post.get("org"), "orgs": lookup.get(org, frozenset({org})) if org else None,
                          "optional": bool(person.get("optional") or post.get("optional"))})
    return posts


def _post(pred: dict, gold: dict) -> bool:
    if not pred["person"] or pred["person"] != gold["person"] or pred["title"] != gold["title"]:
        return False
    return gold["orgs"] is None or bool(pred["orgs"] and pred["orgs"] & gold["orgs"])


def _same_name(pred: dict, gold: dict) -> bool:
    return bool(_names(pred) & _names(gold))


def _same_initiative(pred: dict, gold: dict) -> bool:
    golds = _names(gold, norm_initiative)
    return any(initiative_names_match(p, g) for p in _names(pred, norm_initiative) for g in golds)


def _label(section: str, item: dict) -> str:
    if section == "posts":
        return f"{item['person']} / {item['title']} @ {item['org'] if item['org'] is not None else '-'}"
    if section.startswith("figure"):
        parts = [str(item.get("surface") or ""), f"= {item.get('value')} {item.get('unit') or ''}".rstrip()]
        parts += [f"[{item[k]}]" for k in ("metric", "period") if item.get(k)]
        return " ".join(p for p in parts if p)
    return str(item.get("name"))


# ---------------------------------------------------------------- matching

def match(preds: list[dict], golds: list[dict], same: Callable[[dict, dict], bool]) -> dict[int, int]:
    """Maximum bipartite matching {gold index: pred index}, non-optional gold items first.

    Kuhn's augmenting paths never unmatch a matched vertex, so serving non-optional gold
    items first keeps the most of them matched while the total still ends up maximal.
    """
    edges = [[j for j, pred in enumerate(preds) if same(pred, gold)] for gold in golds]
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional"))):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _items(key: dict, section: str) -> list[dict]:
    if section == "posts":
        return _posts(key)
    name = "figures" if section.startswith("figure") else section
    return [item for item in key.get(name) or [] if isinstance(item, dict)]


RULES: dict[str, Callable[[dict, dict], bool]] = {
    "persons": _same_name, "organizations": _same_name, "posts": _post,
    "initiatives": _same_initiative, "figures": _figure,
    "figure+metric": _figure_metric, "figure+period": _figure_period,
}


def score_article(pred: dict, gold: dict) -> ArticleScore:
    result = ArticleScore(id=gold.get("id") or pred.get("id"))
    for section in SECTIONS:
        preds, golds = _items(pred, section), _items(gold, section)
        pairs = match(preds, golds, RULES[section])
        counts = result.counts[section]
        for i, item in enumerate(golds):
            if item.get("optional"):
                continue
            if i in pairs:
                counts.tp += 1
            else:
                counts.fn += 1
                result.misses.append(Item(section, _label(section, item)))
        matched = set(pairs.values())
        for j, item in enumerate(preds):
            if j not in matched:
                counts.fp += 1
                result.false_hits.append(Item(section, _label(section, item)))
    return result


def score(pairs: Iterable[tuple[dict, dict]]) -> Report:
    """Score (prediction, gold) pairs; the report's counts are micro-averaged."""
    return Report([score_article(pred, gold) for pred, gold in pairs])


# ---------------------------------------------------------------- gold files

def load_gold(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError("E001", path) from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError("E010", path, str(e)) from e
    except OSError as e:
        raise InputError("E007", path, e.strerror or "") from e
    if not isinstance(data, dict):
        raise InputError("E010", path, "expected a JSON object")
    return data


def gold_pairs(folder: str | Path) -> list[tuple[Path, Path]]:
    """(NAME.txt, NAME.gold.json) for every article in `folder` that has an answer key."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("E001", folder)
    pairs = [(txt, txt.with_suffix(".gold.json")) for txt in sorted(folder.glob("*.txt"))
             if txt.with_suffix(".gold.json").is_file()]
    if not pairs:
        raise InputError("E011", folder)
    return pairs
