"""One canonical item per real entity within an article.

Extractors may report the same organization, person, initiative or figure more than once
(工信部 and 工业和信息化部; a fact repeated in the summary and the body). Here they are
folded together: mentions, aliases, posts and agencies are united under one canonical name.
"""

from __future__ import annotations

from kg.ns import norm
from kg.types import Article, Figure, Initiative, Organization, Person


def resolve(article: Article) -> Article:
    article.organizations = _fold_organizations(article.organizations)
    article.persons = _fold_persons(article.persons)
    _repoint_organizations(article)
    article.initiatives = _fold_initiatives(article.initiatives)
    article.figures = _fold_figures(article.figures)
    _point_figures(article)
    return article


def _fold_organizations(orgs: list[Organization]) -> list[Organization]:
    by_key: dict[str, Organization] = {}
    out: list[Organization] = []
    for o in orgs:
        keys = {norm(n) for n in (o.name, *o.aliases)}
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is None:
            out.append(o)
            hit = o
        else:
            for n in (o.name, *o.aliases):
                if norm(n) != norm(hit.name) and n not in hit.aliases:
                    hit.aliases.append(n)
            hit.mentions.extend(m for m in o.mentions if m not in hit.mentions)
            hit.parent = hit.parent or o.parent
            hit.english.extend(e for e in o.english if e not in hit.english)
        for k in keys:
            by_key.setdefault(k, hit)
    return out


def _repoint_organizations(article: Article) -> None:
    """Posts and parents name an organization by its canonical name, whatever form they were given in."""
    canonical = {norm(n): o.name for o in article.organizations for n in (o.name, *o.aliases)}
    for o in article.organizations:
        if o.parent is not None:
            o.parent = canonical.get(norm(o.parent), o.parent)
            if o.parent == o.name:
                o.parent = None
    for p in article.persons:
        for q in p.posts:
            if q.org is not None:
                q.org = canonical.get(norm(q.org), q.org)


def _fold_persons(persons: list[Person]) -> list[Person]:
    by_name: dict[str, Person] = {}
    for p in persons:
        hit = by_name.setdefault(norm(p.name), p)
        if hit is p:
            continue
        hit.mentions.extend(m for m in p.mentions if m not in hit.mentions)
        known = {(norm(q.title), q.org) for q in hit.posts}
        for q in p.posts:
            if (norm(q.title), q.org) not in known:
                hit.posts.append(q)
                known.add((norm(q.title), q.org))
    return list(by_name.values())


def _fold_initiatives(items: list[Initiative]) -> list[Initiative]:
    by_key: dict[str, Initiative] = {}
    out: list[Initiative] = []
    for i in items:
        keys = {norm(n) for n in (i.name, *i.aliases)}
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is None:
            out.append(i)
            hit = i
        else:
            if len(norm(i.name)) > len(norm(hit.name)):  # the fullest form is the name
                hit.aliases.append(hit.name)
                hit.name, hit.type = i.name, i.type
            for n in (i.name, *i.aliases):
                if norm(n) != norm(hit.name) and n not in hit.aliases:
                    hit.aliases.append(n)
            hit.by.extend(b for b in i.by if b not in hit.by)
            hit.topics.extend(t for t in i.topics if t not in hit.topics)
            hit.mentions.extend(m for m in i.mentions if m not in hit.mentions)
        for k in keys:
            by_key.setdefault(k, hit)
    for i in out:
        i.aliases = [a for a in dict.fromkeys(i.aliases) if norm(a) != norm(i.name)]
    return out


def _fold_figures(figures: list[Figure]) -> list[Figure]:
    """A fact stated twice (same value, unit, qualifier, period and metric) is kept once."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(figures, key=lambda f: f.mention.start):
        k = (f.value, f.unit, f.qualifier, f.period, norm(f.metric))
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _point_figures(article: Article) -> None:
    """A figure whose metric names an initiative (or else an organization) is about it."""
    names = [(norm(n), i.name) for i in article.initiatives for n in (i.name, *i.aliases)]
    names += [(norm(n), o.name) for o in article.organizations for n in (o.name, *o.aliases)]
    names.sort(key=lambda x: -len(x[0]))
    for f in article.figures:
        if f.about is None:
            metric = norm(f.metric)
            f.about = next((name for k, name in names if len(k) >= 2 and k in metric), None)
