"""The data that flows through kg: one `Article` carrying its text, sentences and extracted items.

Every stage takes the article and fills its own field (`article = stage(article)`).
Offsets are code-point offsets into `Article.text`, so `article.text[span.start:span.end]`
is always the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: [start, end) in code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # == article.text[start:end]


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named: the span of the name and the sentence it sits in."""

    start: int
    end: int
    sentence: int  # index into Article.sentences


@dataclass(slots=True)
class Organization:
    name: str  # canonical: fullest official form
    kind: str = "government"  # government | media | company | other
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None  # canonical name of the parent organization
    mentions: list[Mention] = field(default_factory=list)
    english: list[str] = field(default_factory=list)  # Latin acronyms such as MIIT


@dataclass(slots=True)
class Post:
    title: str
    org: str | None  # canonical organization name, None when the article names none
    mention: Mention  # the title cue (e.g. "副部长") in its sentence


@dataclass(slots=True)
class Person:
    name: str
    posts: list[Post] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Initiative:
    name: str  # as written, fullest form, with its quotation / book-title marks
    type: str = "Action"  # Plan Action Guideline Standard Regulation Fund Zone Platform Mechanism
    aliases: list[str] = field(default_factory=list)
    by: list[str] = field(default_factory=list)  # canonical names of leading/announcing organizations
    topics: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    surface: str  # as written: qualifier word + number + unit
    value: Decimal  # magnitude words folded in; percent stays a percent number
    unit: str  # measure word / currency / sign left after folding: % 个百分点 元 家 项 …
    qualifier: str  # exact | lower | upper | approx
    metric: str
    mention: Mention  # span of the surface
    quote: Span  # shortest span holding the figure and its metric
    period: str | None = None  # ISO 8601 date or interval
    about: str | None = None  # canonical name of the initiative/organization it measures


@dataclass(slots=True)
class Article:
    """An article as it flows through the pipeline.

    `text` is the exact decoded text that offsets index into (for HTML input, the text
    rendered from the markup). `content` lists the stretches that survived boilerplate
    removal; `dropped` records what was removed and why.
    """

    id: str  # file stem, e.g. "seed-miit-2025-review"
    source: str  # path or URL it came from
    text: str
    digest: str = ""  # sha256(text)[:16], the document key
    content: list[Span] = field(default_factory=list)
    dropped: list[tuple[Span, str]] = field(default_factory=list)
    published: str | None = None  # ISO date
    publisher: str | None = None
    title: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding `offset`, by binary search."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None
