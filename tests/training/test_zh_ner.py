"""The shipped Chinese NER pipeline and the corpus conversion that trains it (training itself is not run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.vocab import Vocab
from typer.testing import CliRunner

from extractor.chinese.compact_ner import CompactEntityRecognizer
from extractor.chinese.components import model
from extractor.chinese.name_lexicon import CATEGORIES, FEATURE_NAMES, lexicon, lexicon_codes
from extractor.chinese.ner import MODEL_DIR, entity_spans, lexicon_columns, load_zh_ner, ngram_features
from extractor.chinese.pipeline import build_nlp
from extractor.cli import app
from extractor.settings import Settings
from extractor.training import zh_ner as training
from extractor.training.corpus import (
    LIST_NOTES,
    Sentence,
    join_listed_names,
    name_lists,
    read_tagged,
    recombined_names,
    split_dev,
    tags_to_spans,
    to_doc,
    write_docbin,
)
from extractor.training.zh_ner import CONFIGS, MEMBERS, entity_texts, evaluate, score_spans, train_member

BIO_SAMPLE = """\
李 B-PER
明 I-PER
在 O
北 B-LOC
京 I-LOC

新 B-ORG
华 I-ORG
社 I-ORG
报 O
道 O
"""

BMES_SAMPLE = "中 B-LOC\r\n国 E-LOC\r\n队 O\r\n\r\n张 S-PER\r\n说 O\r\n"


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC"], [(0, 2, "PER"), (3, 6, "LOC")]),
        (["B-LOC", "M-LOC", "E-LOC", "S-PER", "O"], [(0, 3, "LOC"), (3, 4, "PER")]),
        (["B-ORG", "I-ORG", "B-ORG", "I-ORG"], [(0, 2, "ORG"), (2, 4, "ORG")]),
        (["O", "I-LOC", "I-LOC", "B-PER"], [(1, 3, "LOC"), (3, 4, "PER")]),
        (["B-LOC", "I-ORG", "O"], [(0, 1, "LOC"), (1, 2, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_tags_to_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert tags_to_spans(tags) == spans


def test_read_tagged_bio_and_bmes() -> None:
    assert list(read_tagged(BIO_SAMPLE)) == [
        Sentence("李明在北京", ((0, 2, "PER"), (3, 5, "LOC"))),
        Sentence("新华社报道", ((0, 3, "ORG"),)),
    ]
    assert list(read_tagged(BMES_SAMPLE)) == [
        Sentence("中国队", ((0, 2, "LOC"),)),
        Sentence("张说", ((0, 1, "PER"),)),
    ]


def test_docbin_round_trip(tmp_path: Path) -> None:
    sentences = list(read_tagged(BIO_SAMPLE))
    assert write_docbin(sentences, tmp_path / "sample.spacy") == 2
    vocab = Vocab()
    docs = list(DocBin().from_disk(tmp_path / "sample.spacy").get_docs(vocab))
    assert [doc.text for doc in docs] == ["李明在北京", "新华社报道"]
    assert [len(doc) for doc in docs] == [5, 5]
    assert [[(e.text, e.label_) for e in doc.ents] for doc in docs] == [
        [("李明", "PER"), ("北京", "LOC")],
        [("新华社", "ORG")],
    ]
    assert [(e.text, e.label_) for e in to_doc(vocab, sentences[0]).ents] == [("李明", "PER"), ("北京", "LOC")]


def test_word_tokens_keep_the_entities_on_word_boundaries_and_leave_the_others_missing(tmp_path: Path) -> None:
    vocab = Vocab()

    def segment(text: str) -> Doc:
        return Doc(vocab, words=["在", "北京市", "长安街"], spaces=[False, False, False])

    sentence = Sentence("在北京市长安街", ((1, 3, "LOC"), (4, 7, "LOC")))  # 北京 ends inside the word 北京市
    doc = to_doc(vocab, sentence, segment)
    assert [(e.text, e.label_) for e in doc.ents] == [("长安街", "LOC")]
    assert [token.ent_iob_ for token in doc] == ["O", "", "B"]  # neither taught as outside nor as a place
    write_docbin([sentence], tmp_path / "words.spacy", segment)
    (stored,) = DocBin().from_disk(tmp_path / "words.spacy").get_docs(vocab)
    assert [token.text for token in stored] == ["在", "北京市", "长安街"] and stored[1].ent_iob_ == ""


def test_join_listed_names_drops_only_separators_between_persons() -> None:
    sentence = Sentence(
        "委员：李鹏、乔石、北京、王刚。", ((3, 5, "PER"), (6, 8, "PER"), (9, 11, "LOC"), (12, 14, "PER"))
    )
    joined = join_listed_names(sentence)
    assert joined is not None
    assert joined.text == "委员：李鹏乔石、北京、王刚。"
    assert [joined.text[start:end] for start, end, _ in joined.spans] == ["李鹏", "乔石", "北京", "王刚"]
    assert join_listed_names(Sentence("李鹏在北京。", ((0, 2, "PER"), (3, 5, "LOC")))) is None


def test_name_lists_run_readable_names_together() -> None:
    sentences = [
        Sentence("张建国、李秀英和麦克布莱德", ((0, 3, "PER"), (4, 7, "PER"), (8, 13, "PER"))),
        Sentence("马丁·威廉斯", ((0, 6, "PER"),)),
    ]
    lists = name_lists(sentences, 20, max_length=40)
    assert lists == name_lists(sentences, 20, max_length=40)  # seeded
    assert all(len(s.text) <= 40 for s in lists)
    names = {s.text[start:end] for s in lists for start, end, label in s.spans}
    assert names == {"张建国", "李秀英", "马丁·威廉斯"}  # 麦克布莱德 has no surname to split it by
    for s in lists:  # each name runs into the next, or into a note such as （女） and then the next
        ends = [end for _, end, _ in s.spans]
        starts = [start for start, _, _ in s.spans[1:]] + [len(s.text)]
        assert all(s.text[end:start] in ("", *LIST_NOTES) for end, start in zip(ends, starts, strict=True))


def test_split_dev_is_seeded_and_disjoint() -> None:
    sentences = [Sentence(str(i), ()) for i in range(100)]
    train, dev = split_dev(sentences, 10)
    assert len(train) == 90
    assert len(dev) == 10
    assert {s.text for s in train}.isdisjoint(s.text for s in dev)
    assert split_dev(sentences, 10) == (train, dev)


def test_recombined_names_splice_two_names_of_one_label() -> None:
    sentences = [
        Sentence("李鹏会见王兆国。", ((0, 2, "PER"), (4, 7, "PER"))),
        Sentence("他到明尼苏达州和北京。", ((2, 7, "LOC"), (8, 10, "LOC"))),
        Sentence("没有名字。", ()),
    ]
    copies = recombined_names(sentences, 5, rate=1.0)
    assert copies == recombined_names(sentences, 5, rate=1.0)  # seeded
    assert sorted(len(copy.spans) for copy in copies) == [2, 2]  # only sentences with names are copied
    pools = {"PER": ["李鹏", "王兆国"], "LOC": ["明尼苏达州", "北京"]}
    for copy in copies:
        original = sentences[0] if copy.spans[0][2] == "PER" else sentences[1]
        pool = pools[copy.spans[0][2]]
        splices = {h[:i] + t[j:] for h in pool for t in pool for i in range(1, len(h)) for j in range(1, len(t))}
        assert all(copy.text[start:end] in splices for start, end, _ in copy.spans)
        assert between_names(copy) == between_names(original)


def between_names(sentence: Sentence) -> list[str]:
    bounds = [0, *(i for start, end, _ in sentence.spans for i in (start, end)), len(sentence.text)]
    return [sentence.text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]


def test_score_spans() -> None:
    gold = [{(0, 2, "PER"), (3, 5, "LOC")}, {(0, 3, "ORG")}]
    predicted = [{(0, 2, "PER"), (3, 4, "LOC")}, {(0, 3, "ORG"), (4, 5, "PER")}]
    scores = score_spans(gold, predicted)
    assert scores["overall"] == {"p": 0.5, "r": 0.6667, "f": 0.5714}
    assert scores["per_label"]["PER"] == {"p": 0.5, "r": 1.0, "f": 0.6667}
    assert scores["per_label"]["LOC"] == {"p": 0.0, "r": 0.0, "f": 0.0}


def test_ngram_features_see_the_neighbours() -> None:
    features = ngram_features(list("人民人"))
    assert features.shape == (3, 5)
    # the same character gets the same unigram but different bigrams in different contexts
    assert features[0, 0] == features[2, 0]
    assert features[0, 2] != features[2, 2]
    assert features[0, 4] == features[1, 4]  # both Han characters


def test_lexicon_reads_jiebas_parts_of_speech() -> None:
    words = lexicon("毛泽东在北京的")
    person, place, word = (1 << CATEGORIES.index(c) for c in ("person", "place", "word"))
    assert words["毛泽东"] & person
    assert words["北京"] & place
    assert words["北京"] & word
    assert not words["北京"] & person
    assert all(2 <= len(w) <= 10 for w in words)
    assert "的" not in words  # one character says nothing about boundaries


def test_lexicon_features_mark_roles_and_length() -> None:
    # 毛泽东 (nr) then 在 (no word of two or more) then 北京市 (ns, holding 北京)
    codes = lexicon_codes("毛泽东在北京市")
    features = [tuple(FEATURE_NAMES[c][code] for c, code in enumerate(row)) for row in codes]
    assert [f[0] for f in features[:4]] == ["person:B3", "person:M3", "person:E3", "person:"]
    assert features[3] == ("person:", "place:", "organisation:", "word:")
    assert features[4][1] == "place:B3"  # begins both 北京 and 北京市; the longest is 3
    assert {"E", "M"} <= set(features[5][1])  # ends 北京, inside 北京市
    assert features[6][1] == "place:E3"


def test_lexicon_columns_follow_tokens_not_characters() -> None:
    per_char = lexicon_columns(list("毛泽东在"))
    assert per_char.shape == (4, len(CATEGORIES))
    assert lexicon_columns([]).shape == (0, len(CATEGORIES))
    # a token of several characters is read from its first character
    assert (lexicon_columns(["毛泽东", "在"]) == per_char[[0, 3]]).all()


def test_evaluate_counts_recall_on_names_not_seen_in_training(zh_ner: Language) -> None:
    sentences = [Sentence("工人王建国在广州市。", ((2, 5, "PER"), (6, 9, "LOC")))]
    seen = entity_texts([Sentence("广州市", ((0, 3, "LOC"),))])
    scores = evaluate(zh_ner, sentences, seen)
    assert scores["sentences"] == 1
    assert set(scores["recall_unseen"]) == {"overall", "PER"}  # 广州市 was seen, so only 王建国 counts
    assert scores["recall_unseen"]["PER"] == scores["per_label"]["PER"]["r"]


def test_training_config_builds_trains_and_round_trips(tmp_path: Path) -> None:
    """The repo's config with the dictionary embedding: a few updates, then to_disk and spacy.load agree."""
    spacy.util.fix_random_seed(0)  # barely trained: an unseeded start may leave a tie that 8-bit rounding flips
    config = spacy.util.load_config(CONFIGS["char"])
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    examples = [Example(nlp.make_doc(s.text), to_doc(nlp.vocab, s)) for s in read_tagged(BIO_SAMPLE)]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(tmp_path / "model")
    reloaded = spacy.load(tmp_path / "model")
    text = "李明在北京看新华社报道"
    assert [(e.text, e.label_) for e in reloaded(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]


def test_a_member_trained_to_the_same_recipe_is_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Path] = []

    def fake_train(config: Path, output: Path, overrides: dict[str, object]) -> None:
        runs.append(output)

    monkeypatch.setattr(training, "spacy_train", fake_train)
    sentences = list(read_tagged(BIO_SAMPLE))
    recipe = {"member": "plain", "max_steps": 10}
    run_dir = tmp_path / "run-char-plain"
    run_dir.mkdir()
    train_member(run_dir, recipe, sentences, "char", {})
    assert runs == [run_dir] and (tmp_path / "run-char-plain-train.spacy").is_file()
    assert train_member(run_dir, recipe, sentences, "char", {}) >= 0 and runs == [run_dir]  # resumed, not retrained
    train_member(run_dir, {**recipe, "max_steps": 20}, sentences, "char", {})
    assert runs == [run_dir, run_dir]  # a changed recipe trains again


@pytest.fixture(scope="module")
def zh_ner() -> Language:
    return load_zh_ner()


def test_shipped_pipeline_loads_with_spacy_load(zh_ner: Language) -> None:
    nlp = spacy.load(MODEL_DIR)
    members = [f"ner_{member.name}" for member in MEMBERS]
    first, second, third = members
    spans = [f"{first}_spans", f"{second}_spans"]
    assert nlp.pipe_names == [first, spans[0], second, spans[1], "ner_tiebreak", "ner_vote"]
    assert nlp.disabled == [third]  # run by the tiebreak only where the first two disagree
    for member in members:
        assert set(nlp.get_pipe(member).labels) == {"PER", "LOC", "ORG"}
        assert isinstance(nlp.get_pipe(member), CompactEntityRecognizer)  # stored with 8-bit weights
    assert zh_ner.pipe_names == nlp.pipe_names


def test_shipped_vote_keeps_the_spans_most_members_found(zh_ner: Language) -> None:
    text = "新华社记者李卫东报道：广东省江门市甘化厂党委书记王建国和副厂长刘淑芬昨天到北京参加会议。"
    doc = zh_ner(text)
    # each member on the whole text, the disabled third one too
    members = [
        [(e.start, e.end, e.label_) for e in zh_ner.get_pipe(f"ner_{member.name}")(zh_ner.make_doc(text)).ents]
        for member in MEMBERS
    ]
    assert all(members)  # each member predicted on its own, not around the previous one's entities
    assert [[(s.start, s.end, s.label_) for s in doc.spans[f"ner_{m.name}"]] for m in MEMBERS[:2]] == members[:2]
    majority = {span for span in {s for spans in members for s in spans} if sum(span in m for m in members) >= 2}
    assert {(e.start, e.end, e.label_) for e in doc.ents} == majority


def test_without_the_vote_the_first_member_runs_alone(zh_ner: Language) -> None:
    single = load_zh_ner(vote=False)
    assert single.pipe_names == [f"ner_{MEMBERS[0].name}"]
    text = "新华社记者李卫东报道：广东省江门市甘化厂党委书记王建国昨天到北京参加会议。"
    voted = zh_ner(text)
    member = [(s.start, s.end, s.label_) for s in voted.spans[single.pipe_names[0]]]
    assert member and [(e.start, e.end, e.label_) for e in single(text).ents] == member
    built = build_nlp(Settings(chinese_ner_vote=False), ner_model=MODEL_DIR)
    assert built.get_pipe(model.NAME).ner.pipe_names == single.pipe_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工人王建国昨天在广州市介绍了经验。", [("王建国", "person"), ("广州市", "place")]),
        ("江南造船厂的工人们今年超额完成了生产任务。", [("江南造船厂", "unit")]),
        ("刘淑芬代表和李卫东代表在会上发了言。", [("刘淑芬", "person"), ("李卫东", "person")]),
        ("中国人民解放军某部官兵奔赴湖北灾区。", [("中国人民解放军", "unit"), ("湖北", "place")]),
    ],
)
def test_finds_names_in_invented_sentences(zh_ner: Language, text: str, expected: list[tuple[str, str]]) -> None:
    found = {(text[start:end], kind) for start, end, kind in entity_spans(zh_ner(text))}
    assert set(expected) <= found


def test_offsets_survive_spaces(zh_ner: Language) -> None:
    text = "  记者 张 伟 报道：\n上海市 今天"
    for start, end, _ in entity_spans(zh_ner(text)):
        assert text[start:end].strip() == text[start:end]


def test_score_command_scores_a_tagged_file_and_names_bad_input(tmp_path: Path) -> None:
    tagged = tmp_path / "test.txt"
    tagged.write_text(
        "工 O\n人 O\n王 B-PER\n建 I-PER\n国 I-PER\n在 O\n广 B-LOC\n州 I-LOC\n市 I-LOC\n", encoding="utf-8"
    )
    done = CliRunner().invoke(app, ["train", "zh-ner-score", str(tagged)])
    assert done.exit_code == 0, done.output
    scores = json.loads(done.stdout)
    assert scores["sentences"] == 1 and set(scores["overall"]) == {"p", "r", "f"}
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 O\n".encode("latin-1"))
    for bad, problem in ((tmp_path / "missing.txt", "cannot read"), (tmp_path / "latin1.txt", "UTF-8")):
        done = CliRunner().invoke(app, ["train", "zh-ner-score", str(bad)])
        assert done.exit_code == 1 and problem in done.output
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["train", "zh-ner-score", str(tmp_path / "empty.txt")])
    assert done.exit_code == 1 and "no `character tag` lines" in done.output
