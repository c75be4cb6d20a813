"""Bytes or HTML in, an `Article` out: decode, render HTML, mark page chrome, pick up metadata.

The article text is never altered: boilerplate is removed by leaving it out of
`Article.content` (the stretches later stages read), and recorded in `Article.dropped`
with the reason. Offsets therefore always index into the exact decoded text. The one change
(`clean`) replaces, character for character, what no output format can carry: control
characters, lone surrogates, U+FFFE/U+FFFF.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kg import ns
from kg.errors import InputError
from kg.types import Article, Span

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BM", b"Rar!", b"7z\xbc\xaf")


MAX_BYTES = 16 * 2**20  # a larger file is no news article (a dump, a wrong file): refused, E012
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_SAMPLE = 60_000  # characters scored when guessing between encodings


def decode(data: bytes, path: object = None) -> str:
    """Bytes to text. A BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8 when the bytes are
    UTF-8; otherwise the reading among UTF-8, GB18030, Big5 and BOM-less UTF-16 with the fewest
    characters that are undecodable or outside common Chinese (GB 2312, Big5 level 1). GB18030
    accepts almost any bytes, Big5 among them: taking the first encoding that decodes would turn
    traditional articles into nonsense.

    Bytes the chosen encoding cannot read (mostly UTF-8 with a few stray bytes, a cut-off last
    character) become U+FFFD: kept when at most 1 % of the text, else E004. Offsets index the
    decoded text, so they stay exact. Empty input is E002, binary input (magic numbers, many
    control characters) E003, more than MAX_BYTES E012.
    """
    if len(data) > MAX_BYTES:
        raise InputError("E012", path, _too_large(len(data)))
    if not data.strip():
        raise InputError("E002", path)
    if data.startswith(_MAGIC):
        raise InputError("E003", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, "replace"), path)
    order = _utf16_order(data)
    try:
        return _checked(data.decode(f"utf-16-{order}" if order else "utf-8"), path)
    except UnicodeDecodeError:
        pass
    readings = [data.decode(encoding, "replace") for encoding in ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be")]
    text = min(readings, key=_oddness)  # the first wins a tie
    if len(text) > 64 and _oddness(text) > 0.25:  # no reading makes sense: mixed encodings, or not text
        raise InputError("E004", path, "no encoding reads it as common Chinese (mixed encodings?)")
    return _checked(text, path)


def _too_large(size: int, unit: str = "MB") -> str:
    return f"{size / 2**20:.1f} {unit}; kg reads articles of up to {MAX_BYTES // 2**20} MB"


def _utf16_order(data: bytes) -> str | None:
    """"le" or "be" for UTF-16 without a BOM, told by NUL bytes in every other place (ASCII text)."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "be"
    return None


def _checked(text: str, path: object) -> str:
    head = text[:4096]
    controls = sum(1 for c in head if unicodedata.category(c) == "Cc" and c not in "\r\n\t\f")
    if controls > 0.05 * len(head):
        raise InputError("E003", path)
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 100):
        raise InputError("E004", path, f"{bad} of {len(text)} characters are not valid in any of them")
    return text


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """The symbols and level-1 hanzi of GB 2312 (its 3755 frequent ones) and of Big5 (5401)."""
    chars = set()
    pairs = [("gb2312", hi, lo) for hi in range(0xA1, 0xD8) for lo in range(0xA1, 0xFF)]
    pairs += [("big5", hi, lo) for hi in range(0xA1, 0xC7) for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF))]
    for encoding, hi, lo in pairs:
        if encoding == "big5" and (hi, lo) > (0xC6, 0x7E):
            continue
        try:
            chars.add(bytes((hi, lo)).decode(encoding))
        except UnicodeDecodeError:
            continue
    return frozenset(chars)


def _oddness(text: str) -> float:
    """Share of the non-ASCII characters (in a sample) that are not common Chinese or are U+FFFD."""
    if len(text) > _SAMPLE:
        third = _SAMPLE // 3
        text = text[:third] + text[len(text) // 2 : len(text) // 2 + third] + text[-third:]
    common = _common()
    wide = [c for c in text if c >= "\x80"]
    return sum(c not in common for c in wide) / max(len(wide), 1)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<head" in head)


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "blockquote", "pre", "dd", "dt", "hr",
}


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Render HTML to text with a line break after every block element; returns (text, title)."""
    from bs4 import BeautifulSoup  # imported here: plain-text articles never pay for it

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "template", "head", "iframe", "svg"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.append("\n")
    text = soup.get_text("")
    text = re.sub(r"[ \t\u3000\xa0]*\n[\s\u3000\xa0]*", "\n", text).strip()
    return text, title or None


# -- page chrome ------------------------------------------------------------------------

_TAG = re.compile(r"<[!/]?[A-Za-z][^<>\n]{0,400}>|<!--.*?-->|&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_HEADER = re.compile(r"^(?:更新时间|發布時間|发布时间|更新時間|时间|時間|日期|发布日期|來源|来源)\s*[:：]")
_SOURCE = re.compile(r"(?:来源|來源)\s*[:：]\s*([^\s|:：()（）]{2,30})")
_CHROME = re.compile(
    r"copyright|版权\s*所有|版權\s*所有|all rights reserved|©|ICP|公网安备|公網安備|网络经营许可证|"
    r"违法和不良信息|舉報|举报(?:邮箱|电话|中心|专区)|^\s*地址\s*[:：]|爆料电话|联系电话|客服电话|"
    r"转载请注明|轉載請注明|首页\s*(?:[>＞›»]|&gt;)|^\s*关注(?:微信|微博)|^\s*手动刷新|打开\S*(?:新闻|客户端)\s*查看|"
    r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|當前位置|您的位置)\s*[:：]",
    re.I,
)
_SPAM_WORDS = re.compile(r"亚洲一区|日韩|精品|中文字幕|无码|成人|色情|娱乐城|棋牌|av在线|福利视频", re.I)  # 博彩, 彩票: news of Macao and lotteries
_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?")
_ASCII_RUN = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")
_STANDALONE_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_BYLINE_CUE = re.compile(r"记者|記者|编辑|編輯|审核|審核|责编|責編|摄影|攝影|通讯员|通訊員")
_SHORT = 120  # page chrome comes in short lines: a long line that mentions 版权所有 is prose
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _garbage(run: str) -> bool:
    """An ASCII stretch that is mirror-site noise: IP:port, or a string of one- and two-letter tokens."""
    if _IP.search(run):
        return True
    tokens = run.split()
    return len(tokens) >= 4 and sum(len(t) <= 2 for t in tokens) >= 0.6 * len(tokens)


def _line_spans(text: str):
    """(start, end) of every line, without its line break."""
    start = 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _pieces(text: str, start: int, end: int):
    """Split a line at markup tags and noise runs; yield (start, end, dropped-reason-or-None)."""
    pos = start
    cuts = [(m.start() + start, m.end() + start, "markup") for m in _TAG.finditer(text[start:end])]
    for m in _ASCII_RUN.finditer(text[start:end]):
        if _garbage(m.group()):
            cuts.append((m.start() + start, m.end() + start, "noise"))
    for a, b, why in sorted(cuts):
        if a < pos:
            continue
        if a > pos:
            yield pos, a, None
        yield a, b, why
        pos = b
    if pos < end:
        yield pos, end, None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "\u3000\ufeff"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "\u3000\ufeff"):
        b -= 1
    return a, b


def mark_chrome(article: Article) -> Article:
    """Fill `content` with the stretches that are article text, `dropped` with the rest, and metadata."""
    text = article.text
    seen_lines: set[str] = set()
    related = False  # past a 相关推荐 heading: links to other articles, to the end of the page
    for number, (line_start, line_end) in enumerate(_line_spans(text)):
        pieces = list(_pieces(text, line_start, line_end))
        plain = "".join(text[a:b] for a, b, why in pieces if why is None).strip()
        if not plain:
            for a, b, why in pieces:
                if why:
                    article.dropped.append((Span(a, b), why))
            continue
        reason = None
        related = related or bool(article.content and _RELATED.match(plain))
        if related:
            reason = "related"
        elif len(plain) <= _SHORT and (_HEADER.match(plain) or (_SOURCE.search(plain) and _DATE.search(plain))):
            reason = "header"
            _metadata(article, plain)
        elif _STANDALONE_DATE.match(plain) or (number < _TOP_LINES and _dateline(plain)):
            reason = "header"
            _metadata(article, plain)
        elif len(plain) <= _SHORT and (_CHROME.search(plain) or _CHROME.search(text, line_start, line_end)):
            reason = "footer"  # the raw line too: 首页 &gt; 国内
        elif len(plain) <= _SHORT and (_navigation(plain) or _navigation(_ENTITY_GT.sub(">", text[line_start:line_end]))):
            reason = "navigation"  # 首页 &gt; 国内 &gt; 时政 reads as a trail too
        elif 8 < len(plain) <= 2 * _SHORT and len(_CJK.findall(plain)) < 0.2 * len(plain.replace(" ", "")):
            reason = "noise"
        elif plain in seen_lines:
            reason = "repeat"
        elif number < _TOP_LINES and (m := _BRACKETED_DATE.search(plain)):
            _metadata(article, m.group())  # 商务部召开例行新闻发布会（2025年5月8日）: a title that dates itself
        seen_lines.add(plain)
        if reason == "header" and (cue := _HEADER_BYLINE.search(text, line_start, line_end)):
            # 2025-11-13 来源：中证网 作者：彭扬: the date and source are metadata, the byline is text
            pieces = [(a, min(b, cue.start()), why) for a, b, why in pieces if a < cue.start()] + [
                (max(a, cue.start()), b, why or "byline") for a, b, why in pieces if b > cue.start()]
        for a, b, why in pieces:
            if why == "byline":
                why = None
            else:
                why = why or reason
            if why is None and b - a <= 4 * _SHORT and _SPAM_WORDS.search(text[a:b]):
                yield_spans = _split_spam(text, a, b)
            else:
                yield_spans = [(a, b, why)]
            for sa, sb, swhy in yield_spans:
                sa, sb = _strip(text, sa, sb)
                if sa == sb:
                    continue
                if swhy:
                    article.dropped.append((Span(sa, sb), swhy))
                else:
                    article.content.append(Span(sa, sb))
    if not article.content:
        raise InputError("E005", article.source)
    if article.title is None:
        first = text[article.content[0].start : article.content[0].end]
        if len(first) <= 60 and not re.search(r"[。！？!?]$", first) and not _BYLINE_CUE.search(first):
            article.title = first
    return article


_ENTITY_GT = re.compile(r"&gt;|&#62;|&#x3[eE];")
_TOP_LINES = 6  # a page's own dateline comes under its title
_HEADER_BYLINE = re.compile(r"(?<![^\s　|｜])(?:作者|记者|記者|编辑|編輯|责任编辑|責任編輯|责编|責編)\s*[:：]\s*\S")
_RELATED = re.compile(
    r"^[【\[〖]?\s*(?:相关|相關|延伸|推荐|推薦|更多|热门|熱門|热点|熱點|精彩|为你|為你|猜你|往期)"
    r"(?:推荐|推薦|阅读|閱讀|新闻|新聞|文章|链接|鏈接|报道|報道|喜欢|喜歡|回顾|回顧)\s*[】\]〗]?\s*[:：]?$"
)
_BRACKETED_DATE = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]")


def _navigation(line: str) -> bool:
    """A menu: four or more short items between bars (鹏城资讯港 | 首页 | 深圳要闻 | 财经 | 登录), or a
    trail of three or more (金融界 > 银行频道 > 正文)."""
    fields = re.split(r"[\u3000\t]{2,}| {3,}", line)  # 光明网 > 时政 > 正文　　　【光明日报客户端】
    if len(fields) > 1:
        return any(_navigation(f) for f in fields if f.strip())
    items = [t.strip() for t in re.split(r"[|｜]", line)]
    if len(items) >= 4 and all(len(t) <= 10 for t in items):
        return True
    crumbs = [t.strip() for t in re.split(r">>|»|>|›|＞|→", line)]  # 人民网 >> 健康·生活 >> 医改
    return len(crumbs) >= 3 and all(0 < len(t) <= 10 for t in crumbs)


def _dateline(line: str) -> bool:
    """浙江在线 2025年3月18日, 新华网 2025-03-18 10:20:05: a source and a full date, no sentence."""
    m = _DATE.search(line)
    if m is None or len(line) > 40 or re.search("[。，,；;！？]", line):
        return False
    rest = re.sub(r"[\s日:：\d|｜丨/]", "", line[: m.start()] + line[m.end() :])
    return rest == "" or (len(rest) <= 12 and re.search("(?:网|網|在线|在線|报|報|社|台|客户端|新闻|新聞|频道|頻道|版)$", rest))


def _split_spam(text: str, a: int, b: int) -> list[tuple[int, int, str | None]]:
    """Drop the |-separated segments of a line that carry spam words; keep the rest."""
    out, pos = [], a
    for m in re.finditer(r"[|｜]", text[a:b]):
        out.append((pos, a + m.start()))
        pos = a + m.end()
    out.append((pos, b))
    return [(x, y, "spam" if y - x <= _SHORT // 2 and _SPAM_WORDS.search(text[x:y]) else None) for x, y in out]


def _metadata(article: Article, line: str) -> None:
    if article.published is None and (m := _DATE.search(line)):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            article.published = f"{y:04d}-{mo:02d}-{d:02d}"
    if article.publisher is None and (m := _SOURCE.search(line)):
        article.publisher = m.group(1)


# -- entry points -------------------------------------------------------------------------


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SAFE_FOR = {"\x0b": "\n", "\x0c": "\n"}


def clean(text: str) -> str:
    """Replace, one for one, the characters no Turtle, XML or HTML output can carry: control
    characters become spaces (vertical tab and form feed line breaks), lone surrogates (from a
    JSON `\\ud800` escape) and U+FFFE/U+FFFF become U+FFFD. Lengths and offsets do not change."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _SAFE_FOR.get(m.group(), " " if m.group() < " " else "\ufffd"), text)


def article_from_text(text: str, *, id: str = "article", source: str = "-", html: bool | None = None) -> Article:
    """An `Article` from decoded text; HTML is rendered when `html` is true or the text looks like a page."""
    if len(text) > MAX_BYTES:
        raise InputError("E012", source, _too_large(len(text), "M characters"))
    text = clean(text)
    title = None
    if html or (html is None and looks_like_html(text)):
        text, title = html_to_text(text)
        text, title = clean(text), title and clean(title)  # character references: &#1; &#xD800;
        if not text.strip():
            raise InputError("E005", source)
    article = Article(id=id, source=source, text=text, digest=ns.digest(text), title=title)
    return mark_chrome(article)


def read_article(path: str | Path) -> Article:
    """Read one article file (.txt, .html, .htm) into an `Article`."""
    path = Path(path)
    if not path.exists():
        raise InputError("E001", path)
    if path.is_dir():
        raise InputError("E007", path, "is a folder, not a file")
    if not path.is_file():  # a pipe or a device (/dev/zero) would never end
        raise InputError("E007", path, "is not a regular file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError("E012", path, _too_large(path.stat().st_size))
        data = path.read_bytes()
    except OSError as e:
        raise InputError("E007", path, e.strerror or type(e).__name__) from e
    text = decode(data, path)
    html = True if path.suffix.lower() in (".html", ".htm") else None
    return article_from_text(text, id=path.stem, source=str(path), html=html)


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into article files, sorted within each folder."""
    found: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError("E001", p)
        if p.is_dir():
            inside = sorted(
                f for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.endswith(".gold.json")
            )
            if not inside:
                raise InputError("E006", p)
            found.extend(inside)
        else:
            found.append(p)
    return found
