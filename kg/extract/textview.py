"""A noise-free, simplified view of a sentence, with the way back to article offsets.

Mirror sites insert pinyin inside words (發(fā)言人, 統(tǒng)計) and stray ASCII (红星资本(局,
在今!日); pages break names with spaces (国务院新 闻办公室). Extractors match names on a view
of the sentence without that noise and without white space, then cut the name from the
view (`surface`, noise-free, as written) and map it back to article offsets (`span`), so the
mention still covers the text it came from.

`key` is the view in simplified characters, the same length as `text`: every vocabulary is
matched against `key`, every name is cut from `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.hanzi import to_simplified

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = (  # pinyin letters with tone marks
    "a-zA-Z\u00e0-\u00fc\u0101\u0113\u011b\u012b\u0144\u0148\u014d\u016b"
    "\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u0251\u0261"
)
# pinyin in brackets right after a Chinese character: 發(fā) 統(tǒng) 國（guó）
_PINYIN = re.compile(rf"(?<=[{CJK}])[(（][{_TONED}]{{1,7}}[)）]")
# a lone ASCII mark between two Chinese characters: 资本(局 (no closing bracket soon), 今!日
_STRAY = re.compile(rf"(?<=[{CJK}])(?:\((?![^()（）]{{0,30}}[)）])|[!?*&^$#@~`\\])(?=[{CJK}])")
# white space inside a name is noise; a tab, an ideographic space or two spaces in a row set
# fields apart (来源：四川省人民政府新闻办公室　　责任编辑：…) and stay as a boundary
_SPACE = re.compile(r"(?:(?![\t\u3000]|  )[\s\ufeff\u200b])+")
_NOISE = re.compile(f"{_PINYIN.pattern}|{_STRAY.pattern}|{_SPACE.pattern}")


@dataclass(frozen=True, slots=True)
class View:
    text: str  # noise-free text as written
    key: str  # `text` in simplified characters, same length
    pos: list[int]  # article offset of every view character
    gap: frozenset[int]  # view indexes that had white space just before them
    end: int  # article offset just past the sentence

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Article offsets [start, end) of the view stretch [i, j)."""
        return self.pos[i], (self.pos[j - 1] + 1 if j > i else self.pos[i])

    def surface(self, i: int, j: int) -> str:
        return self.text[i:j]

    def index(self, offset: int) -> int:
        """The first view index whose article offset is >= `offset` (len(text) if none)."""
        lo, hi = 0, len(self.pos)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.pos[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def boundary(self, i: int) -> bool:
        """True when a name may end just before view index `i`: end, white space, or not a Chinese character."""
        return i >= len(self.key) or i in self.gap or not is_cjk(self.key[i])


def is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def make_view(text: str, start: int = 0) -> View:
    """The view of `text`, which sits at article offset `start`."""
    if not _NOISE.search(text):
        return View(text, to_simplified(text), list(range(start, start + len(text))), frozenset(), start + len(text))
    parts: list[str] = []
    pos: list[int] = []
    gap: set[int] = set()
    last = 0
    for m in _NOISE.finditer(text):
        parts.append(text[last : m.start()])
        pos.extend(range(start + last, start + m.start()))
        if m.group()[0].isspace() or m.group()[0] in "\u3000\ufeff\u200b":
            gap.add(len(pos))
        last = m.end()
    parts.append(text[last:])
    pos.extend(range(start + last, start + len(text)))
    clean = "".join(parts)
    return View(clean, to_simplified(clean), pos, frozenset(gap), start + len(text))
