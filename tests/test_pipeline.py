"""The one extraction path: reading sources, batches with failures, the cross-check and recovery
wired in, the language registry, and the components' declared flow of candidates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from extractor import Article, ExtractionResult, Extractor, Settings
from extractor.chinese.search import search as chinese_search
from extractor.crosscheck import CrossCheck
from extractor.english.search import search as english_search
from extractor.found import CHANNEL, Found
from extractor.languages import LANGUAGES, Candidate, Sought, UnknownLanguageError, load_language
from extractor.pipeline import _unconfirmed_model_names
from extractor.records import Failure, Lang, LanguageExtraction, Mention, Unmatched

ZH = "该矿今年生产原煤一百零一万吨，完成全年计划的87％。"
EN = "This year the mine produced 1,010,000 tons of raw coal, completing 87% of the annual plan."
ENGLISH_MODEL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")  # en_core_web_sm's own


def test_the_registry_refuses_an_unknown_language_code() -> None:
    assert set(LANGUAGES) == {"en", "zh"}
    with pytest.raises(UnknownLanguageError, match=r"'fr'.*en, zh"):
        load_language("fr", Settings())


def test_read_takes_a_path_a_text_or_an_article(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text(ZH, encoding="utf-8")
    from_path, from_name = extractor.read(path), extractor.read(str(path))
    assert from_path.id == from_name.id == "a1" and from_path.zh == ZH and from_path.en is None
    from_text = extractor.read(ZH)  # names no file: read as the article's text
    assert from_text.zh == ZH and from_text.id.startswith("text-")
    article = Article(id="given", en=EN)
    assert extractor.read(article) is article


def test_a_bilingual_article_is_extracted_and_cross_checked(extractor: Extractor) -> None:
    result = extractor.extract(Article(id="both", en=EN, zh=ZH))
    assert {(m.lang, m.type, m.text) for m in result.mentions if m.type in ("figure", "percentage")} == {
        ("en", "figure", "1,010,000 tons"),
        ("en", "percentage", "87%"),
        ("zh", "figure", "一百零一万吨"),
        ("zh", "percentage", "87％"),
    }
    measured = {(link.type, link.en, link.zh, link.status) for link in result.links if link.type != "unit"}
    assert measured == {("figure", "1,010,000 tons", "一百零一万吨", "agree"), ("percentage", "87%", "87％", "agree")}
    assert result.agreement is not None


def test_dan_in_english_takes_the_definition_of_its_chinese_counterpart(extractor: Extractor) -> None:
    # Invented: 担 is a weight (50 kg since 1930), 石 a volume (100 L); English writes both as "dan".
    article = Article(
        id="dan",
        en="The village sold 2,000 dan of grain to the state and stored 3,000 dan in its granary.",
        zh="该村向国家出售粮食二千担，粮仓里存粮三千石。",
        date="1953-11-02",
    )
    result = extractor.extract(article)
    texts = {m.id: m.text for m in result.mentions}
    assert {(link.en, link.zh, link.status) for link in result.links if link.type == "figure"} == {
        ("2,000 dan", "二千担", "agree"),
        ("3,000 dan", "三千石", "agree"),
    }
    normalised = {(f.lang, texts[f.mention]): (f.normalised_value, f.normalised_unit) for f in result.figures}
    assert normalised == {
        ("en", "2,000 dan"): (100000.0, "kg"),
        ("zh", "二千担"): (100000.0, "kg"),
        ("en", "3,000 dan"): (300000.0, "L"),
        ("zh", "三千石"): (300000.0, "L"),
    }
    alone = extractor.extract(Article(id="dan-alone", en="The village sold 2,000 dan of grain.", zh="该村卖了余粮。"))
    assert [(f.value, f.unit, f.normalised_value) for f in alone.figures] == [(2000.0, "dan", None)]


def test_one_language_has_no_cross_check(extractor: Extractor) -> None:
    result = extractor.extract(Article(id="zh-only", zh=ZH))
    assert {m.lang for m in result.mentions} == {"zh"}
    assert result.links == [] and result.unmatched == [] and result.agreement is None


def test_a_batch_keeps_its_order_and_fails_item_by_item(extractor: Extractor, tmp_path: Path) -> None:
    sources: list[str | Path | Article] = [
        Article(id="first", zh=ZH),
        tmp_path / "missing.txt",
        "   ",
        Article(id="last", en=EN),
    ]
    results = list(extractor.extract_many(sources))
    assert [type(r) for r in results] == [ExtractionResult, Failure, Failure, ExtractionResult]
    first, missing, empty, last = results
    assert isinstance(first, ExtractionResult) and first.id == "first"
    assert isinstance(last, ExtractionResult) and last.id == "last"
    assert isinstance(missing, Failure) and missing.id == "missing"
    assert isinstance(empty, Failure) and "empty" in empty.error


def test_a_batch_gives_what_one_by_one_gives(extractor: Extractor) -> None:
    articles = [Article(id="both", en=EN, zh=ZH), Article(id="zh-only", zh=ZH)]
    assert list(extractor.extract_many(articles)) == [extractor.extract(a) for a in articles]


class _Given:
    """A language pipeline that finds what it is given, and searches as the real package does."""

    def __init__(self, lang: Lang, found: list[Found]) -> None:
        self.lang: Lang = lang
        self.found = found

    def find(self, text: str) -> list[Found]:
        return list(self.found)

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for text in texts:
            yield self.find(text)

    def search(self, sought: Sought, text: str) -> list[Candidate]:
        return (english_search if self.lang == "en" else chinese_search)(sought, text)


def test_what_one_side_missed_is_recovered_from_the_other() -> None:
    en, zh = "Zhang Dashan said output rose 30% this year.", "张大山说，今年产值增加了30％。"
    extractor = Extractor(Settings())
    extractor._languages = {
        "en": _Given("en", []),  # the English side finds nothing
        "zh": _Given("zh", [Found("person", 0, 3), Found("percentage", 12, 15, value=30.0)]),
    }
    result = extractor.extract(Article(id="t", en=en, zh=zh))
    recovered = {(m.type, m.text, m.source) for m in result.mentions if m.lang == "en"}
    assert recovered == {("person", "Zhang Dashan", "crosscheck"), ("percentage", "30%", "crosscheck")}
    assert {(link.type, link.en, link.zh) for link in result.links} == {
        ("person", "Zhang Dashan", "张大山"),
        ("percentage", "30%", "30％"),
    }
    [person] = [link for link in result.links if link.type == "person"]
    assert "found by searching" in (person.reason or "")


def test_a_model_name_the_english_renders_nowhere_is_dropped() -> None:
    """夏麦 ("summer wheat") read as a name by the model alone, with no English counterpart, is no
    person; a rule's unmatched name and a model name with a counterpart stay."""
    zh = LanguageExtraction(
        mentions=[
            Mention(id="zh:0", lang="zh", type="person", text="夏麦", start=0, end=2, source="model:zh_ner"),
            Mention(id="zh:1", lang="zh", type="person", text="王平", start=5, end=7, source="rule:person"),
            Mention(id="zh:2", lang="zh", type="person", text="李飞", start=9, end=11, source="model:zh_ner"),
        ]
    )
    check = CrossCheck(
        unmatched=[
            Unmatched(lang="zh", type="person", text="夏麦", mention="zh:0", reason="not found"),
            Unmatched(lang="zh", type="person", text="王平", mention="zh:1", reason="not found"),
        ]
    )
    assert _unconfirmed_model_names(check, zh) == {(0, 2, "person")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_components_declare_how_candidates_flow(extractor: Extractor, lang: Lang) -> None:
    """Every component of the project's is named `extractor_<lang>_<job>_v<n>` and declares what it
    assigns (the candidates on `doc._.found`; "No." merging retokenizes); spaCy's analysis finds no
    component requiring what no earlier one assigns."""
    nlp = extractor.language(lang).nlp
    ours = [name for name in nlp.pipe_names if name not in ENGLISH_MODEL_PIPES]
    assert ours
    for name in ours:
        meta = nlp.get_pipe_meta(name)
        assert re.fullmatch(rf"extractor_{lang}_[a-z_]+_v\d+", name), name
        assert meta.assigns == [CHANNEL] or (meta.retokenizes and not meta.assigns), name
    problems = nlp.analyze_pipes()["problems"]
    assert not any(problems.values()), problems
