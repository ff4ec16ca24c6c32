"""Translation problems that are not a pair of mentions: the dateline and the headline.

A Chinese dispatch opens with a dateline such as 本报阜新电 ("this paper, Fuxin, by telegraph") or
新华社北京5日电; rendering 电 (telegraph) as "Electric" is a known machine-translation error.
"""

from __future__ import annotations

import re

from extractor.crosscheck import names
from extractor.numerals import COUNTING
from extractor.records import TranslationNote

_ZH_DATELINE = re.compile(rf"(本报|新华社)([\u4e00-\u9fff]{{0,8}}?)(\d{{1,2}}日|[{COUNTING}]{{1,3}}日)?电")
_EN_ELECTRIC = re.compile(r"\b(?:[A-Z][\w'’]*\s+)*Electric(?:ity)?(?:\s+(?:News|Dispatch|Report|Message))?\b")
_DATELINE_REACH = 200  # characters from the start of the text where a dateline can be


def dateline_notes(en: str, zh: str) -> list[TranslationNote]:
    zh_match = _ZH_DATELINE.search(zh[:_DATELINE_REACH])
    en_match = _EN_ELECTRIC.search(en[: _DATELINE_REACH * 4])
    if not zh_match or not en_match:
        return []
    place = names.romanise(zh_match.group(2), person=False) if zh_match.group(2) else ""
    meaning = (
        f"{'this paper' if zh_match.group(1) == '本报' else 'Xinhua'}{', ' + place if place else ''}, by telegraph"
    )
    return [
        TranslationNote(
            kind="mistranslated dateline",
            en=en_match.group(),
            en_start=en_match.start(),
            en_end=en_match.end(),
            zh=zh_match.group(),
            zh_start=zh_match.start(),
            zh_end=zh_match.end(),
            explanation=f"{zh_match.group()} is a dateline meaning '{meaning}'; 电 (telegraph) was rendered 'Electric'",
        )
    ]
