from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from extractor import read_article
from extractor.chinese.pos_tagger import StoredDictionary, _table, tag
from tests.conftest import SEEDS

SENTENCE = "我爱北京天安门"


def test_stored_table_holds_jiebas_prefix_dictionary_and_tags(tmp_path: Path) -> None:
    stored = StoredDictionary(_table(tmp_path))  # written on this first call
    (path,) = tmp_path.glob("dictionary.*.sqlite")
    written = path.stat().st_mtime_ns
    assert _table(tmp_path) == path
    assert path.stat().st_mtime_ns == written  # reused, not written again
    with jieba.dt.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    assert stored.total == total
    assert stored.longest == max(map(len, frequencies))
    # 人民日报 and 煤矿 are words, 人民日 only the prefix of one (frequency 0); 矿煤 and 报煤 are neither
    found, tags = stored.of_substrings("人民日报煤矿")
    assert found == {
        word: frequencies[word]
        for word in ("人", "人民", "人民日", "人民日报", "民", "日", "日报", "报", "煤", "煤矿", "矿")
    }
    assert found["人民日"] == 0
    assert found["人民日报"] > 0
    assert tags["人民日报"] == "nz"  # as jieba's dict.txt has them: "人民日报 1087 nz", "煤矿 933 n"
    assert tags["煤矿"] == "n"
    assert "人民日" not in tags  # a prefix has no tag
    assert stored.word_tags() == jieba.posseg.dt.word_tag_tab


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda path: path.stem)  # three of the five seeds
def test_tagger_cuts_and_tags_as_jieba_does(seed: Path) -> None:
    text = read_article(seed).zh or ""
    ours = tag(text)
    assert ours == [(pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text)]
    assert "".join(word for word, _ in ours) == text


TAGS_IN_A_FRESH_PROCESS = """
import json, sys
import jieba
jieba.setLogLevel(60)
texts = json.loads(sys.argv[2])
ours = None
if sys.argv[1] == "after-ours":
    from extractor.chinese.pos_tagger import tag
    ours = [tag(text) for text in texts]
import jieba.posseg
deferred = "word_tag_tab" not in vars(jieba.posseg.dt)
theirs = [[(pair.word, pair.flag) for pair in jieba.posseg.cut(text)] for text in texts]
print(json.dumps({"ours": ours, "theirs": theirs, "deferred": deferred}))
"""


def test_jieba_posseg_tags_as_usual_in_a_process_where_the_project_tagged_first() -> None:
    """The project imports jieba.posseg without reading its tags; jieba's own tagger still reads them when used."""
    texts = [SENTENCE, read_article(SEEDS[0]).zh or ""]

    def run(mode: str) -> dict[str, object]:
        command = [sys.executable, "-c", TAGS_IN_A_FRESH_PROCESS, mode, json.dumps(texts)]
        return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)

    after_ours, plain = run("after-ours"), run("plain")
    assert after_ours["deferred"] and not plain["deferred"]
    assert after_ours["theirs"] == plain["theirs"] == after_ours["ours"]
    assert after_ours["theirs"][0] == [["我", "r"], ["爱", "v"], ["北京", "ns"], ["天安门", "ns"]]  # type: ignore[index]
