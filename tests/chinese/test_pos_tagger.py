from __future__ import annotations

from pathlib import Path

import jieba
import jieba.posseg
import pytest

from extractor import read_article
from extractor.chinese.pos_tagger import StoredFrequencies, _table, tag
from tests.conftest import SEEDS


def test_stored_table_holds_jiebas_prefix_dictionary(tmp_path: Path) -> None:
    stored = StoredFrequencies(_table(tmp_path))  # written on this first call
    (path,) = tmp_path.glob("frequencies.*.sqlite")
    written = path.stat().st_mtime_ns
    assert _table(tmp_path) == path
    assert path.stat().st_mtime_ns == written  # reused, not written again
    with jieba.dt.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    assert stored.total == total
    assert stored.longest == max(map(len, frequencies))
    # 人民日报 and 煤矿 are words, 人民日 only the prefix of one (frequency 0); 矿煤 and 报煤 are neither
    found = stored.of_substrings("人民日报煤矿")
    assert found == {
        word: frequencies[word]
        for word in ("人", "人民", "人民日", "人民日报", "民", "日", "日报", "报", "煤", "煤矿", "矿")
    }
    assert found["人民日"] == 0
    assert found["人民日报"] > 0


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda path: path.stem)  # three of the five seeds
def test_tagger_cuts_and_tags_as_jieba_does(seed: Path) -> None:
    text = read_article(seed).zh or ""
    ours = tag(text)
    assert ours == [(pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text)]
    assert "".join(word for word, _ in ours) == text
