"""The article's organizations from the candidates found sentence by sentence: one per body.

Candidates group by key: a table entry, a branch of a bank or ministry, a unit, or the name as
written (中华人民共和国/中国/全国 before a long name folded away). Groups of one canonical name
merge, and so do a local body's forms that contract alike (四川省政府新闻办, 四川省人民政府新闻办公室)
and a body named relative to the article's place (省统计局 after 四川省统计局) when only one full
name fits. Canonical names: the table's full name (in the article's script), else the fullest
form used; the other forms are aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.orgtable import Entry
from kg.extract.textview import View
from kg.hanzi import to_simplified, to_traditional
from kg.ns import norm
from kg.types import Article, Mention, Organization

if TYPE_CHECKING:
    from kg.extract.organizations import Cand

_ACRONYM = re.compile(r"\s*[(（]\s*([A-Z][A-Z0-9&]{1,9})\s*[)）]")
_PREFIX_FOLD = ("中华人民共和国", "中国", "全国")
_RELATIVE = "省市县区"  # 省统计局, 市发改委: a body of the article's own province or city
_CONTRACTIONS = (("发展和改革委员会", "发改委"), ("发展改革委员会", "发改委"), ("发展改革委", "发改委"),
                 ("人民政府", "政府"), ("办公室", "办"), ("办公厅", "办"), ("委员会", "委"))


@dataclass(slots=True)
class _Group:
    key: tuple
    kind: str
    entry: Entry | None = None
    surfaces: list[str] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    parent: _Group | None = None
    english: list[str] = field(default_factory=list)
    branch: tuple[str, str] | None = None  # (surface of the bank part, rest) of the fullest branch form
    name: str = ""
    merged: bool = False  # folded into an earlier group of the same name


def assemble(article: Article, views: list[View], found: list[list[Cand]], trad: bool) -> list[Organization]:
    groups: dict[tuple, _Group] = {}
    order: list[_Group] = []
    body: _Group | None = None  # the government body named last, for units named on their own
    for sentence, v, cands in zip(article.sentences, views, found):
        for c in cands:
            g = _group_of(c, v, groups)
            if g.key not in groups:
                groups[g.key] = g
                order.append(g)
                if g.key[0] == "U" and c.parent is None and body is not None and g.kind == "government":
                    g.parent = body  # 出席的有:发展规划司副司长…, after 国家能源局 was named
            if g.key[0] != "U" and g.kind == "government":
                body = g
            surface, (start, end) = v.surface(c.i, c.j), v.span(c.i, c.j)
            g.surfaces.append(c.full or surface)
            g.raws.append(c.full or article.text[start:end])
            g.mentions.append(Mention(start, end, sentence.index))
            if c.source == "branch" and c.anchor_len:
                g.branch = (v.surface(c.i, c.i + c.anchor_len), v.surface(c.i + c.anchor_len, c.j))
            if c.parent is not None and g.parent is None:
                g.parent = c.parent.group and groups.get(c.parent.group)
            if (m := _ACRONYM.match(article.text, end)) and m.group(1) not in g.english:
                g.english.append(m.group(1))
    orgs = []
    by_name: dict[str, _Group] = {}
    for g in order:
        g.name = _canonical(g, trad)
        first = by_name.setdefault(norm(g.name), g)
        if first is not g:  # found twice under different keys: one organization
            first.surfaces += g.surfaces
            first.raws += g.raws
            first.mentions += g.mentions
            first.parent = first.parent or g.parent
            g.merged = True
    _fold_relative(order)
    for g in order:
        if g.merged:
            continue
        names = {norm(g.name)}
        aliases = []
        for s in g.surfaces + g.raws:
            if norm(s) not in names:
                names.add(norm(s))
                aliases.append(s.strip())
        table_english = g.entry.english if g.entry and g.key[0] == "T" else ()  # a branch is not its bank
        english = list(dict.fromkeys([*g.english, *table_english]))
        parent = g.parent.name if g.parent is not None and g.parent is not g else None
        mentions = sorted(set(g.mentions), key=lambda m: m.start)
        orgs.append(Organization(g.name, g.kind, aliases, parent, mentions, english))
    return orgs


def _contracted(name: str) -> str:
    """The short form of a local body's name: 人民政府 → 政府, 办公室 → 办, 发展和改革委员会 → 发展改革委."""
    for long, short in _CONTRACTIONS:
        name = name.replace(long, short)
    return name


def _fold_relative(order: list[_Group]) -> None:
    """Fold a body named relative to the article's place into the one full name it stands for:
    省政府新闻办 after 四川省人民政府新闻办公室, 市发改委 after 深圳市发展和改革委员会. A short
    form two full names could stand for (成都市委, 绵阳市委) stays on its own."""
    full: dict[str, _Group] = {}  # 四川省政府新闻办 and 四川省人民政府新闻办公室 are one body
    for g in order:
        if not g.merged and g.kind == "government" and g.name[0] not in _RELATIVE:
            f = full.setdefault(_contracted(to_simplified(g.name)), g)
            if f is not g:
                _fold(g, f)
    full = [g for g in full.values() if not g.merged]
    for g in order:
        name = to_simplified(g.name)
        if g.merged or g.kind != "government" or name[0] not in _RELATIVE or len(name) < 2:
            continue
        short = _contracted(name)
        targets = []
        for f in full:
            fname = to_simplified(f.name)
            for p in range(2, min(len(fname) - 1, 9)):  # 四川省|…, 内蒙古自治区|…, 四川省成都市|…
                if fname[p] == name[0] and _contracted(name[0] + fname[p + 1 :]) == short:
                    targets.append(f)
                    break
        if len(targets) == 1:
            _fold(g, targets[0])


def _fold(g: _Group, into: _Group) -> None:
    """`g` is another name of `into`, which keeps the longer of the two names."""
    into.surfaces += g.surfaces
    into.raws += g.raws
    into.mentions += g.mentions
    into.parent = into.parent or g.parent
    into.name = max(into.name, g.name, key=len)
    g.merged, g.name = True, into.name


def _group_of(c: Cand, v: View, groups: dict) -> _Group:
    k = c.alias_of or v.key[c.i : c.j]  # a declared short form groups with the name it stands for
    if c.source == "table" and c.entry is not None:
        c.group = ("T", c.entry.name)
    elif c.source == "branch":
        bank = c.entry.name if c.entry is not None else k[: c.anchor_len]
        c.group = ("B", bank + k[c.anchor_len :])
    elif c.source == "unit":
        c.group = ("U", k)
    elif c.full:
        c.group = ("S", to_simplified(c.full))
    else:
        folded = next((k[len(p) :] for p in _PREFIX_FOLD if k.startswith(p) and len(k) - len(p) >= 4), k)
        c.group = ("S", folded)
    return groups.get(c.group) or _Group(c.group, c.kind, c.entry)


def _canonical(g: _Group, trad: bool) -> str:
    def script(s: str) -> str:
        return to_traditional(s) if trad else s

    if g.key[0] == "T" and g.entry is not None:
        full = g.entry.name
        same = [s for s in g.surfaces if to_simplified(s) == full]
        return same[0] if same else script(full)
    if g.key[0] == "B" and g.entry is not None and g.branch:
        full = [s for s in g.surfaces if to_simplified(s) == g.key[1]]
        return full[0] if full else script(g.entry.name) + g.branch[1]
    return max(g.surfaces, key=len)
