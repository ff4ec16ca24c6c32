from __future__ import annotations

from pathlib import Path

import jieba
import jieba.posseg
import pytest

from extractor import read_article
from extractor.chinese.pos_tagger import StoredFrequencies, _table, tagger

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_stored_table_holds_jiebas_prefix_dictionary(tmp_path: Path) -> None:
    stored = StoredFrequencies(_table(tmp_path))  # written on this first call
    assert list(tmp_path.glob("frequencies.*.sqlite"))
    with jieba.dt.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    assert stored.total == total
    for word in ("中国", "人民日报", "煤矿", "人民日", "的"):  # words, and a prefix of one (人民日)
        assert word in stored
        assert stored[word] == frequencies[word] == stored.get(word)
    assert stored["人民日"] == 0
    assert "煤矿矿煤" not in stored
    assert stored.get("煤矿矿煤") is None
    with pytest.raises(KeyError):
        stored["煤矿矿煤"]


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda path: path.stem)
def test_tagger_cuts_and_tags_as_jieba_does(seed: Path) -> None:
    text = read_article(seed).zh or ""
    ours = [(pair.word, pair.flag) for pair in tagger().cut(text)]
    theirs = [(pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text)]
    assert ours == theirs
    assert "".join(word for word, _ in ours) == text
