from __future__ import annotations

from pathlib import Path

import jieba.posseg

from extractor.cached_tables import INTS, GrowingTable, open_table
from extractor.chinese.name_lexicon import _table, is_common_word, lexicon, masks

PERSON, PLACE, ORGANISATION, WORD = 1, 2, 4, 8


def test_masks_give_each_word_its_category_and_word_bits() -> None:
    tags = {"毛泽东": "nr", "北京": "ns", "新华社": "nt", "附近": "f", "的": "uj", "中华人民共和国中央人民政府": "nt"}
    # one character and more than ten characters are left out
    assert masks(tags) == {"毛泽东": PERSON | WORD, "北京": PLACE | WORD, "新华社": ORGANISATION | WORD, "附近": WORD}


def test_stored_lexicon_is_written_once_and_holds_the_masks_of_jiebas_tags(tmp_path: Path) -> None:
    path = _table(tmp_path)
    written = path.stat().st_mtime_ns
    assert _table(tmp_path) == path
    assert path.stat().st_mtime_ns == written  # reused, not written again
    expected = masks(jieba.posseg.dt.word_tag_tab)
    every_character = "".join({char for word in expected for char in word})
    assert GrowingTable(open_table(path), INTS).cover(every_character) == expected


def test_lexicon_of_a_text_holds_its_words() -> None:
    words = lexicon("他在县城附近")
    assert words["县城"] == WORD
    assert words["附近"] == WORD
    assert is_common_word("附近")
    assert not is_common_word("北京")  # a place
    assert not is_common_word("城附")  # no word
