"""Who leads or announces an initiative: `Initiative.by` from the organizations and officials
the article names (filled by the extractors that run before the initiatives one).

The agent of a clause is an organization standing as its subject (工信部将…, 发改委还组织…), or the
organization of an official who speaks (张云明介绍, 【何亚东】:, 他指出, 我们…). It stays in force
for the following sentences until another one appears or the article moves on for a few
paragraphs; partners after 会同/联合 join for the rest of their sentence.
"""

from __future__ import annotations

import bisect
import re

from kg.hanzi import to_simplified
from kg.types import Article, Sentence

_SPEECH = re.compile(r"】?\s*[:：]|[^，,。]{0,3}?(?:介绍|表示|指出|提到|说|强调|透露|称|回应|谈到|认为|宣布|坦言|提出|主持)")
_AGENT_CUE = re.compile(
    r"[^，,。]{0,4}?(?:将|还|已|正|会同|联合|牵头|明确|推出|出台|发布|印发|启动|建立|组织|制定|实施|开展|"
    r"部署|决定|宣布|提出|要求|正式|首次|近日|日前|今年|下一步)"
    r"|[^，,。；;]{0,20}?(?:介绍|表示|指出|提到|强调|透露|回应|谈到|宣布|主持)"  # 发改委副主任刘苏社在…上表示
)
_NATION = re.compile(r"(?:^|[，,：:])(?:我国|中国|全国)(?=正在|正|已|将|积极|还|也|大力|持续|不断|启动|实施|推进|开展|设立)")
_NOT_SUBJECT = re.compile(r"[在于据由从向对与和及、]$")  # 在国新办发布会上, 据统计局, 向工信部
_COAGENT = re.compile(r"(?:会同|联合|协同|携手)$")
_CONNECTIVE = re.compile(r"^(?:首先|其次|再次|此外|另外|同时|最后|[一二三四五六七八九十]是|第[一二三四五六七八九十]|[\u4e00-\u9fff]{2,4}[:：])")
_PRONOUN = re.compile(r"他|她|我们|我部|我委|我局|我署|我行|我会")
_HEADING_STOP = re.compile(r"[，,。；;：:！？!?\n]")


def attribute(article: Article) -> None:
    """`by`: the organization that is subject of a clause (工信部将…), or whose officer speaks
    (张云明介绍, 【何亚东】:, then 他指出, 我们…), stays the agent of the following sentences until
    another one appears or the article moves on for a few paragraphs. Partners after 会同/联合 join
    for the rest of their sentence; a clause with the nation as subject (我国正在…) has no agent;
    headings get none."""
    if not article.initiatives or not article.organizations:
        return
    text = to_simplified(article.text)  # the cues are written in simplified forms (會同 is 会同); same length
    events = sorted([(a, b, org, "org") for a, b, org in _org_spans(article)]
                    + [(a, b, org, "speaker") for a, b, org in _speaker_spans(article)])
    home = _home_organization(article)
    timeline: list[tuple[int, list[str]]] = []  # (offset, agents in force from there on)
    current: list[str] = []
    speaker: str | None = None
    paragraph, quiet, k = -1, 0, 0  # quiet: paragraphs passed without an agent of their own
    starts = [span.start for span in article.content]
    for sentence in article.sentences:
        p = bisect.bisect_right(starts, sentence.start) - 1  # the content stretch (paragraph) it is in
        if p != paragraph:
            paragraph, quiet = p, quiet + 1
            if quiet > 2 and not _CONNECTIVE.match(sentence.text):
                current = []
        if _is_heading(sentence):
            timeline.append((sentence.start, []))
            continue
        while k < len(events) and events[k][0] < sentence.start:
            k += 1
        j = k
        while j < len(events) and events[j][0] < sentence.end:
            j += 1
        cues = events[k:j]
        simple = text[sentence.start : sentence.end]
        cues += [(sentence.start + m.start(), sentence.start + m.end(), m.group(), "pronoun")
                 for m in _PRONOUN.finditer(simple)]
        cues += [(sentence.start + m.end(), sentence.start + m.end(), None, "nation") for m in _NATION.finditer(simple)]
        local = current
        timeline.append((sentence.start, local))
        for start, end, org, kind in sorted(cues):  # org: the organization, or the pronoun
            if kind == "speaker" and _SPEECH.match(text, end, sentence.end):
                current = local = [org]
                speaker, quiet = org, 0
            elif kind == "org" and _COAGENT.search(text, max(sentence.start, start - 2), start):
                local = local + [org] if org not in local else local
            elif kind == "org" and _AGENT_CUE.match(text, end, sentence.end) and not (
                    start > sentence.start and _NOT_SUBJECT.search(text, sentence.start, start)):
                current = local = [org]
                quiet = 0
            elif kind == "pronoun":
                who = speaker if org in ("他", "她") else speaker or home
                if who and (_SPEECH if org in ("他", "她") else _AGENT_CUE).match(simple, end - sentence.start):
                    current = local = [who]
                    quiet = 0
            elif kind == "nation":
                local = []
            else:
                continue
            timeline.append((start, local))
    offsets = [t[0] for t in timeline]
    for item in article.initiatives:
        for m in item.mentions:
            at = bisect.bisect_right(offsets, m.start) - 1
            for org in timeline[at][1] if at >= 0 else []:
                if org not in item.by:
                    item.by.append(org)


def _home_organization(article: Article) -> str | None:
    """The article's only top-level government body, if there is exactly one (我们 in a transcript)."""
    tops = {o.name for o in article.organizations if o.kind == "government" and not o.parent}
    return tops.pop() if len(tops) == 1 else None


def _is_heading(sentence: Sentence) -> bool:
    """A short line without punctuation: a title or a subheading."""
    return len(sentence.text) <= 30 and not _HEADING_STOP.search(sentence.text)


def _org_spans(article: Article) -> list[tuple[int, int, str]]:
    """Where government bodies are named, each standing for its top organization: companies,
    associations and media report on state undertakings, they do not lead them."""
    top = _top_organizations(article)
    spans = []
    for o in article.organizations:
        if o.kind != "government":
            continue
        if o.mentions:
            spans.extend((m.start, m.end, top[o.name]) for m in o.mentions)
        else:
            spans.extend(_occurrences(article.text, (o.name, *o.aliases), top[o.name]))
    return sorted(spans)


def _speaker_spans(article: Article) -> list[tuple[int, int, str]]:
    """Where officers of government bodies are named, with their top organization."""
    top = _top_organizations(article)
    kinds = {o.name: o.kind for o in article.organizations}
    spans = []
    for person in article.persons:
        org = next((q.org for q in person.posts if q.org and kinds.get(q.org) == "government"), None)
        if org is None:
            continue
        org = top.get(org, org)
        if person.mentions:
            spans.extend((m.start, m.end, org) for m in person.mentions)
        else:
            spans.extend(_occurrences(article.text, (person.name,), org))
    return sorted(spans)


def _top_organizations(article: Article) -> dict[str, str]:
    """Organization -> the organization at the top of its parent chain (a 司 leads through its 部)."""
    parents = {o.name: o.parent for o in article.organizations}
    top = {}
    for name in parents:
        seen, cur = {name}, name
        while parents.get(cur) and parents[cur] not in seen:
            cur = parents[cur]
            seen.add(cur)
        top[name] = cur
    return top


def _occurrences(text: str, names, label: str) -> list[tuple[int, int, str]]:
    out = []
    for name in names:
        if len(name) < 2:
            continue
        pos = text.find(name)
        while pos >= 0:
            out.append((pos, pos + len(name), label))
            pos = text.find(name, pos + len(name))
    return out
