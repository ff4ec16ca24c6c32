"""The majority vote of NER components (extractor.chinese.ner_vote), with entity rulers as stand-in members."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from extractor.chinese.ner_vote import vote


def member_pipeline(patterns: list[list[tuple[str, str]]], min_votes: int | None = None) -> Language:
    """A character-token pipeline whose members are entity rulers with the given (label, text) patterns."""
    nlp = spacy.blank("zh")
    keys = []
    for i, member in enumerate(patterns):
        ruler = nlp.add_pipe("entity_ruler", name=f"member{i}")
        ruler.add_patterns([{"label": label, "pattern": text} for label, text in member])
        nlp.add_pipe("extractor_ents_to_spans", name=f"member{i}_spans", config={"key": f"member{i}"})
        keys.append(f"member{i}")
    nlp.add_pipe("extractor_ner_vote", config={"keys": keys, "min_votes": min_votes})
    return nlp


def ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_majority_of_three_keeps_what_two_agree_on() -> None:
    nlp = member_pipeline(
        [
            [("PER", "王建国"), ("LOC", "广州市")],
            [("PER", "王建国"), ("LOC", "广州")],  # a shorter place: outvoted
            [("PER", "王建"), ("LOC", "广州市"), ("ORG", "甘化厂")],  # one member's unit: outvoted
        ]
    )
    assert ents(nlp, "王建国在广州市甘化厂") == [("王建国", "PER"), ("广州市", "LOC")]


def test_each_member_sees_the_text_without_the_previous_members_entities() -> None:
    # An entity ruler, like spaCy's NER, keeps entities already set; the second member's overlapping
    # 广州市甘化厂 is found only because the first member's 广州市 was moved out of doc.ents.
    nlp = member_pipeline([[("LOC", "广州市")], [("ORG", "广州市甘化厂")]], min_votes=1)
    doc = nlp("他在广州市甘化厂")
    assert [s.text for s in doc.spans["member0"]] == ["广州市"]
    assert [s.text for s in doc.spans["member1"]] == ["广州市甘化厂"]


def test_overlaps_go_to_more_votes_then_the_longer_span() -> None:
    doc = spacy.blank("zh")("王建国在广州市甘化厂")
    place, unit, person = Span(doc, 4, 7, "LOC"), Span(doc, 4, 10, "ORG"), Span(doc, 0, 3, "PER")
    assert vote([[place, person], [place], [unit]], 1) == [person, place]  # two votes beat one
    assert vote([[place], [unit]], 1) == [unit]  # a tie: the longer wins
    assert vote([[place], [unit]], 2) == []
    assert vote([[place, place]], 2) == []  # a member votes once for a span


def test_default_is_a_strict_majority() -> None:
    nlp = member_pipeline([[("PER", "王建国")], [("PER", "王建国")], [("PER", "李四")], [("PER", "张三")]])
    assert nlp.get_pipe("extractor_ner_vote").min_votes == 3
    assert ents(nlp, "王建国") == []


def tiebreak_pipeline(patterns: list[list[tuple[str, str]]]) -> Language:
    """Three stand-in members, the third disabled and run by the tiebreak, as in the shipped pipeline."""
    nlp = member_pipeline(patterns[:2])
    nlp.remove_pipe("extractor_ner_vote")
    ruler = nlp.add_pipe("entity_ruler", name="member2")
    ruler.add_patterns([{"label": label, "pattern": text} for label, text in patterns[2]])
    nlp.disable_pipe("member2")
    nlp.add_pipe("extractor_ner_tiebreak", config={"member": "member2", "keys": ["member0", "member1"]})
    nlp.add_pipe("extractor_ner_vote", config={"keys": ["member0", "member1", "member2"]})
    return nlp


def test_the_third_member_runs_only_on_sentences_the_first_two_dispute() -> None:
    nlp = tiebreak_pipeline(
        [
            [("PER", "王建国"), ("LOC", "广州")],
            [("PER", "王建国"), ("LOC", "广州市")],
            [("PER", "王建国"), ("LOC", "广州市"), ("ORG", "甘化厂")],
        ]
    )
    doc = nlp("王建国来了。\n他到广州市甘化厂！")
    # the first sentence is agreed: the third member is not asked, and could not change the outcome
    assert [(s.text, s.start) for s in doc.spans["member2"]] == [("广州市", 9), ("甘化厂", 12)]
    assert [(e.text, e.label_) for e in doc.ents] == [("王建国", "PER"), ("广州市", "LOC")]


def test_the_tiebreak_gives_the_full_vote() -> None:
    patterns = [
        [("PER", "李四"), ("LOC", "北京")],
        [("PER", "李四"), ("ORG", "北京大学")],
        [("ORG", "北京大学"), ("PER", "张三")],
    ]
    text = "李四在北京大学。张三在北京。李四和张三"
    full = member_pipeline(patterns)
    assert ents(tiebreak_pipeline(patterns), text) == ents(full, text)
    assert ents(full, text) == [("李四", "PER"), ("北京大学", "ORG"), ("李四", "PER")]


def test_a_tiebreak_needs_the_two_other_members() -> None:
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError, match="vote of three"):
        nlp.add_pipe("extractor_ner_tiebreak", config={"member": "member2", "keys": ["member0"]})
