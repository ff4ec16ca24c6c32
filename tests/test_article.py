from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor import ArticleError, article_from_parts, parse_article, read_article
from tests.conftest import SEEDS

SEED = """Title: Big News: A Subtitle
Author: Chen Xinhai, Shi Zai
Date: 1957-01-30
Page: 2

Big News
A Subtitle

The Lingxi Coal Mine produced coal.

<hr />

Original:


### 大新闻
陈心海　石在
1957-01-30
第2版()
专栏：

    大新闻
    岭西煤矿生产了煤。
"""


def test_seed_format_fields() -> None:
    article = parse_article(SEED, article_id="x")
    assert article.title == "Big News: A Subtitle"
    assert article.subtitles == ["A Subtitle"]
    assert article.authors == ["Chen Xinhai", "Shi Zai"]
    assert article.date == dt.date(1957, 1, 30)
    assert article.page == 2
    assert article.zh_title == "大新闻"
    assert article.en.startswith("Big News") and article.en.endswith("produced coal.")
    assert article.zh.startswith("    大新闻") and article.zh.endswith("岭西煤矿生产了煤。")
    assert article.warnings == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_reads_cleanly(path: Path) -> None:
    article = read_article(path)
    assert article.id == path.stem
    assert article.en and article.zh and article.title and article.date and article.page
    assert "<hr" not in article.en and "Original:" not in article.zh and "专栏" not in article.zh
    assert article.warnings == []


def test_chinese_markdown_only() -> None:
    article = parse_article(SEED.split("Original:")[1], article_id="zh-only")
    assert article.en is None
    assert article.zh_title == "大新闻"
    assert article.page == 2 and article.date == dt.date(1957, 1, 30)
    assert article.authors == ["陈心海", "石在"]


def test_plain_texts() -> None:
    assert parse_article("The Lingxi Coal Mine produced coal.", article_id="e").en is not None
    chinese = parse_article("　　岭西煤矿生产了原煤一百零一万吨。\n", article_id="z")
    assert chinese.zh == "　　岭西煤矿生产了原煤一百零一万吨。" and chinese.en is None


def test_missing_chinese_part_warns() -> None:
    article = parse_article(SEED.split("<hr />")[0], article_id="x")
    assert article.zh is None
    assert any("no Chinese original" in warning for warning in article.warnings)
    article = parse_article(SEED.split("Original:")[0] + "Original:\n", article_id="x")
    assert article.zh is None and any("nothing after" in warning for warning in article.warnings)


def test_garbled_header_warns() -> None:
    article = parse_article(
        SEED.replace("Date: 1957-01-30", "Date: sometime").replace("Page: 2", "Page: two"), article_id="x"
    )
    assert any("Date" in w for w in article.warnings) and any("Page" in w for w in article.warnings)
    assert article.date == dt.date(1957, 1, 30)  # recovered from the Chinese header


def test_crlf_is_normalised() -> None:
    assert "\r" not in parse_article(SEED.replace("\n", "\r\n"), article_id="x").zh


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        ("岭西煤矿".encode("gb18030"), "not valid UTF-8"),
        (b"\x00\x01binary", "binary"),
        (b"Title: x\nAuthor:\nDate: 1957-01-30\nPage: 1\n\n<hr />\nOriginal:\n", "neither English nor Chinese"),
    ],
)
def test_bad_files_raise_specific_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as info:
        read_article(path)
    assert "bad.txt" in str(info.value)


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(ArticleError, match="over the 100-byte limit"):
        read_article(path, max_bytes=100)
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "nope.txt")


def test_parts() -> None:
    article = article_from_parts("a1", en="Coal.\r\n", zh="煤。", meta={"title": "T", "page": 3, "color": "red"})
    assert (article.en, article.zh, article.title, article.page) == ("Coal.", "煤。", "T", 3)
    assert article.warnings == ["ignored unknown meta fields: color"]
    with pytest.raises(ArticleError):
        article_from_parts("a2", en="  ", zh="")
