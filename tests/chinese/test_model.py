"""The shipped statistical NER beside the Chinese rules: it adds names they miss, and they win overlaps."""

from __future__ import annotations

import pytest

from extractor import Settings
from extractor.chinese import ChinesePipeline


@pytest.fixture(scope="module")
def pipelines() -> tuple[ChinesePipeline, ChinesePipeline]:
    return ChinesePipeline(Settings()), ChinesePipeline(Settings(chinese_ner=False))


def _found(pipeline: ChinesePipeline, text: str) -> set[tuple[str, str, str]]:
    return {(text[f.start : f.end], f.type, f.source) for f in pipeline.find(text)}


def test_model_adds_names_without_context(pipelines: tuple[ChinesePipeline, ChinesePipeline]) -> None:
    text = "　　据报道，王大明、李小红和赵新华昨天在开封参加了会议。"
    with_model, rules_only = (_found(p, text) for p in pipelines)
    added = with_model - rules_only
    assert {(name, "person") for name, _, _ in added} >= {("王大明", "person"), ("李小红", "person")}
    assert all(source == "model:zh_ner" for _, _, source in added)


def test_rules_win_where_both_find(pipelines: tuple[ChinesePipeline, ChinesePipeline]) -> None:
    text = "　　矿党委书记施国良在岭西煤矿讲话。"
    with_model, rules_only = (_found(p, text) for p in pipelines)
    assert {m for m in with_model if m[1] in ("unit", "role")} == {m for m in rules_only if m[1] in ("unit", "role")}
    assert not any(source.startswith("model") for _, kind, source in with_model if kind == "unit")


BARE = ["　　县委和公司都表示支持。", "　　对这一情况，矿党委就在全矿掀起了高潮。", "　　鹰厦铁路今天通车。"]


@pytest.mark.parametrize("text", BARE)
def test_bare_organs_and_railway_lines_from_the_model_are_dropped(
    pipelines: tuple[ChinesePipeline, ChinesePipeline], text: str
) -> None:
    assert not [m for m in _found(pipelines[0], text) if m[2].startswith("model")]
