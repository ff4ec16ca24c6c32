"""Titles written against a name that no component tied to it: 记者孙杰 where the name came from the
model, 李飞副教授, 孟甫当选为主席, 陈其，并当选为边区参议员.

Runs on the candidates of every component, so it sees the names the rule components' own reader
did not. A title is read with `TitleReader` (roles.json: [organisation] [modifiers] core): one
ending where the name starts, one starting where it ends, or one after an appointment verb
(roles.json `appointment_verbs`) a few characters after the name in the same clause, taking what
stands between the verb and the core (当选为边区参议员).
"""

from __future__ import annotations

import re
from functools import cache

from extractor.chinese.lexicon import Words, load
from extractor.chinese.titles import TitleReader
from extractor.found import Found

SOURCE = "rule:held_title"
MAX_PREFIX = 8
"""How far after an appointment verb a title's core may start (当选为边区参议员)."""
LINKERS = re.compile(r"(?:先生|同志|女士)?[，,]?[并又也即后]?被?")
"""What may stand between a name and the appointment verb that gives it a title (，并当选为,
先生被选为)."""
LIST_END = re.compile(r"等[^，。；！？\n]{0,5}?人(为|任)")
"""The end of a list of names given one title together (孟甫、袁备星等十五人为执行委员): its verb."""


@cache
def _reader() -> tuple[TitleReader, Words, Words]:
    roles = load("roles")
    return TitleReader(), Words(roles["cores"]), Words(roles["appointment_verbs"])


def held_titles(text: str, found: list[Found]) -> list[Found]:
    """Role candidates for titles against names that have none, each with its holder."""
    titles, cores, verbs = _reader()
    units = [item for item in found if item.type == "unit"]
    held = {item.holder for item in found if item.type == "role" and item.holder}
    roles = [(item.start, item.end) for item in found if item.type == "role"]
    new: list[Found] = []

    def add(start: int, end: int, holder: tuple[int, int]) -> None:
        if not any(s < end and start < e for s, e in roles):
            roles.append((start, end))
            new.append(Found("role", start, end, source=SOURCE, holder=holder))

    for person in (item for item in found if item.type == "person"):
        span = (person.start, person.end)
        if span in held:
            continue
        if core := cores.ending_at(text, person.start):
            core_start = person.start - len(core)
            _, start = titles.starts(text, core_start, units, lambda pos: pos < 0 or not text[pos].isalnum())
            add(start, person.start, span)
        elif end := titles.core_end(text, person.end):
            add(person.end, end, span)
        else:
            listed = LIST_END.match(text, person.end)
            linked = LINKERS.match(text, person.end)
            verb_at = linked.end() if linked else person.end
            verb = listed.group(1) if listed else verbs.starting_at(text, verb_at)
            verb_end = listed.end() if listed else verb_at + len(verb or "")
            if verb and (end := _title_end(text, verb_end, cores)):
                unit_end = max((u.end for u in units if u.start == verb_end and u.end < end), default=verb_end)
                add(unit_end, end, span)  # 为|市职工联合会|执行委员: the unit is where the title is held
    return new


def _title_end(text: str, start: int, cores: Words) -> int | None:
    """End of a title written from `start` up to a core within a few characters of the same phrase
    (当选为|边区参议员, 当选为|主席), so an organisation written before the core stays in the title."""
    for pos in range(start, min(len(text), start + MAX_PREFIX + 1)):
        if not text[pos].isalnum():
            return None
        if core := cores.starting_at(text, pos):
            return pos + len(core)
    return None
