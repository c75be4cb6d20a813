from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SAMPLE
from kg.errors import InputError, KgError
from kg.ingest import article_from_text, decode, find_articles, read_article

SEED_LINE = "会上介绍,2025年规模以上工业增加值同比增长5.9%。"


@pytest.mark.parametrize(
    "data",
    [
        SEED_LINE.encode("utf-8"),
        b"\xef\xbb\xbf" + SEED_LINE.encode("utf-8"),
        SEED_LINE.encode("gb18030"),
        SEED_LINE.encode("gbk"),
        SEED_LINE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom"],
)
def test_decode_encodings(data):
    assert decode(data) == SEED_LINE


@pytest.mark.parametrize(
    "name,code",
    [("empty.txt", "E002"), ("whitespace.txt", "E002"), ("image.txt", "E003"), ("document.html", "E003"),
     ("chrome-only.html", "E005")],
)
def test_bad_files(name, code):
    with pytest.raises(InputError) as e:
        read_article(DATA / "bad" / name)
    assert e.value.code == code
    assert str(DATA / "bad" / name) in str(e.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError) as e:
        read_article(tmp_path / "nope.txt")
    assert e.value.code == "E001"
    with pytest.raises(InputError) as e:
        find_articles([tmp_path])
    assert e.value.code == "E006"
    with pytest.raises(InputError) as e:
        read_article(tmp_path)
    assert e.value.code == "E007"


def test_offsets_index_the_exact_text_with_crlf():
    text = "标题\r\n更新时间:2026-01-21 来源:某网\r\n" + SEED_LINE + "\r\n"
    a = article_from_text(text)
    assert a.text == text  # nothing translated, CRLF kept
    assert [a.text[s.start : s.end] for s in a.content] == ["标题", SEED_LINE]
    assert a.published == "2026-01-21" and a.publisher == "某网"


@pytest.mark.parametrize("line,date", [
    ("浙江在线 2025年3月18日", "2025-03-18"),
    ("新华网 2025-03-18 10:20:05", "2025-03-18"),
    ("人民日报 2025年03月18日 第02版", "2025-03-18"),
])
def test_a_dateline_under_the_title_dates_the_article(line, date):
    a = article_from_text(f"标题\n{line}\n{SEED_LINE}\n")
    assert a.published == date
    assert [a.text[s.start : s.end] for s in a.content] == ["标题", SEED_LINE]


def test_a_title_that_dates_itself_in_brackets():
    a = article_from_text(f"商务部召开例行新闻发布会（2025年5月8日）\n{SEED_LINE}\n")
    assert a.published == "2025-05-08"
    assert a.text[a.content[0].start : a.content[0].end] == "商务部召开例行新闻发布会（2025年5月8日）"


def test_a_title_with_a_date_is_no_dateline():
    a = article_from_text(f"2025年3月18日国务院常务会议\n{SEED_LINE}\n")
    assert a.published is None
    assert a.text[a.content[0].start : a.content[0].end] == "2025年3月18日国务院常务会议"


def test_seed_chrome_and_markup_dropped():
    a = read_article(SAMPLE)
    kept = "\n".join(a.text[s.start : s.end] for s in a.content)
    for chrome in ("ICP", "举报", "地址", "<p", "</p>", "Copyright", "更新时间"):
        assert chrome not in kept
    reasons = {why for _, why in a.dropped}
    assert {"header", "footer", "markup"} <= reasons
    assert "2025年规模以上工业增加值同比增长5.9%" in kept
    assert a.published == "2026-01-21"


@pytest.mark.parametrize("heading", ["相关推荐", "【相关阅读】", "延伸阅读：", "相關新聞"])
def test_links_to_other_articles_are_dropped_to_the_end(heading):
    text = f"全省生产总值增长5.6%。\n编辑：黄思琪\n{heading}\n浙江：前三季度GDP同比增长5.7%\n2025年浙江省政府工作报告全文\n"
    a = article_from_text(text)
    kept = "\n".join(a.text[s.start : s.end] for s in a.content)
    assert kept == "全省生产总值增长5.6%。\n编辑：黄思琪"
    assert {a.text[s.start : s.end] for s, why in a.dropped if why == "related"} == {
        heading.strip(), "浙江：前三季度GDP同比增长5.7%", "2025年浙江省政府工作报告全文"}


def test_menus_breadcrumbs_and_entities_are_chrome():
    text = ("鹏城资讯港 | 首页 | 深圳要闻 | 政策解读 | 财经 | 登录 注册\n当前位置：首页 &gt; 政策解读 &gt; 正文\n"
            "深圳印发低空经济行动方案\n近日，深圳市印发方案。&nbsp;全市低空经济规模突破1500亿元。\n")
    a = article_from_text(text)
    assert a.title == "深圳印发低空经济行动方案"
    kept = "".join(a.text[s.start : s.end] for s in a.content)
    assert "&" not in kept and "首页" not in kept and "鹏城资讯港" not in kept
    assert {"navigation", "footer", "markup"} <= {why for _, why in a.dropped}


@pytest.mark.parametrize("trail", ["金融界 > 银行频道 > 央行动态 > 正文", "人民网 >> 健康·生活 >> 医改"])
def test_a_trail_of_sections_is_navigation(trail):
    a = article_from_text(f"{trail}\n央行：9月末M2余额335.38万亿元\n正文内容。")
    assert a.title == "央行：9月末M2余额335.38万亿元"
    assert [(a.text[s.start : s.end], why) for s, why in a.dropped] == [(trail, "navigation")]


def test_a_trail_written_with_entities_is_chrome():
    a = article_from_text("【手机看新闻】扫一扫，下载客户端　　｜　　首页 &gt; 国内 &gt; 时政\n标题\n正文。")
    assert [a.text[s.start : s.end] for s in a.content] == ["标题", "正文。"]


def test_a_trail_in_a_field_of_a_wider_line_is_navigation():
    a = article_from_text("光明网 > 时政 > 滚动新闻 > 正文　　　　【光明日报客户端】\n\n标题\n正文。")
    assert [a.text[s.start : s.end] for s in a.content] == ["标题", "正文。"]
    b = article_from_text("标题\n　　全省生产总值增长5.6%。\n")  # an indented paragraph is prose
    assert len(b.content) == 2


def test_a_line_with_bars_that_is_prose_is_kept():
    a = article_from_text("标题\n会议指出，要坚持稳中求进 | 以进促稳 | 先立后破，推动经济持续回升向好。\n")
    assert len(a.content) == 2


def test_a_byline_in_a_header_line_is_kept_as_text():
    a = article_from_text("标题\n2025-11-13 17:30:12 来源：中国证券报·中证网 作者：彭扬\n正文内容。")
    assert [a.text[s.start : s.end] for s in a.content] == ["标题", "作者：彭扬", "正文内容。"]
    assert [(a.text[s.start : s.end], why) for s, why in a.dropped] == [("2025-11-13 17:30:12 来源：中国证券报·中证网", "header")]
    assert a.published == "2025-11-13"


def test_a_related_heading_inside_a_sentence_is_prose():
    a = article_from_text("相关推荐会议于今日召开。\n全省生产总值增长5.6%。")
    assert not a.dropped


def test_html_rendered_with_paragraph_breaks():
    page = (
        "<!DOCTYPE html><html><head><title>标题</title><script>var x='脚本';</script></head>"
        "<body><p>第一段。</p><p>第二段<b>加粗</b>。</p></body></html>"
    )
    a = article_from_text(page)
    assert a.title == "标题"
    assert [a.text[s.start : s.end] for s in a.content] == ["第一段。", "第二段加粗。"]
    assert "脚本" not in a.text


@pytest.mark.parametrize(
    "line,kept",
    [
        ("稳中求进 2025年四大特点|亚洲一区 日韩精品 中文字幕", "稳中求进 2025年四大特点"),
        ("! z; B5 K8 v& x3 h. W, O5.39.217.77:88982 w* S+ w( e4 E", None),
        ("首页 > 资讯 > 国内 > 正文", None),
    ],
)
def test_noise_lines(line, kept):
    a = article_from_text(line + "\n" + SEED_LINE)
    texts = [a.text[s.start : s.end] for s in a.content]
    assert texts[0] == (kept or SEED_LINE)


def test_exact_repeats_dropped():
    a = article_from_text("网页标题一\n" + SEED_LINE + "\n网页标题一\n")
    assert [a.text[s.start : s.end] for s in a.content] == ["网页标题一", SEED_LINE]
    assert [why for _, why in a.dropped] == ["repeat"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_article_or_kg_error(text):
    try:
        a = article_from_text(text)
    except KgError:
        return
    for s in a.content:
        assert a.text[s.start : s.end].strip()
