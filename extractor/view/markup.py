"""Turn a stretch of text plus its (possibly nested or crossing) mentions into well-nested HTML.

The stretch is cut at every mention boundary; each piece is wrapped in the spans of the mentions that
cover it, outermost first (earlier start, then longer, then type order). A span stays open across
pieces while it remains a prefix of the covering stack, so nested mentions (a unit inside a role)
become nested elements and crossing ones are split into fragments that share one `data-m`. Only a
mention's first fragment is a tab stop. `depth` counts how many mentions can be drawn inside a span,
so that the page can drop an outer mention's underline below the inner ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from markupsafe import Markup, escape

from extractor.view.annotate import TYPES, MentionView

_MAX_DEPTH = 3


def highlight(text: str, start: int, end: int, views: Sequence[MentionView], opened: set[str]) -> Markup:
    """HTML for text[start:end]; `opened` collects mentions whose first fragment was already emitted."""
    inside = sorted((v for v in views if v.mention.start < end and v.mention.end > start), key=_order)
    depth = _depths(inside)
    cuts = sorted(
        {start, end}
        | {min(max(v.mention.start, start), end) for v in inside}
        | {min(max(v.mention.end, start), end) for v in inside}
    )
    html: list[str] = []
    stack: list[tuple[MentionView, int]] = []  # open mentions and the slot of their opening tag

    def close(keep: int, at: int) -> None:
        while len(stack) > keep:
            view, slot = stack.pop()
            html[slot] = _open(view, depth[view.mention.id], opened, tail=at >= view.mention.end)
            html.append("</span>")

    for a, b in pairwise(cuts):
        covering = [v for v in inside if v.mention.start <= a and b <= v.mention.end]
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep][0] is covering[keep]:
            keep += 1
        close(keep, a)
        for view in covering[keep:]:
            stack.append((view, len(html)))
            html.append("")
        html.append(escape(text[a:b]))
    close(0, end)
    return Markup("".join(html))


def _open(view: MentionView, depth: int, opened: set[str], *, tail: bool) -> str:
    m = view.mention
    classes = ["m", f"t-{m.type}", f"st-{view.status}", f"d{depth}"]
    if tail:
        classes.append("tail")
    attributes = {
        "class": " ".join(classes),
        "data-m": view.dom_id,
        "data-links": " ".join(view.counterparts),
        "data-print": view.print_note,
        "title": view.explanation,
    }
    if view.dom_id not in opened:
        opened.add(view.dom_id)
        attributes |= {"id": view.dom_id, "tabindex": "0", "role": "button", "aria-pressed": "false"}
    return "<span " + " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items()) + ">"


def _order(view: MentionView) -> tuple[int, int, int, int]:
    m = view.mention
    return (m.start, -m.end, TYPES.index(m.type), int(view.dom_id[1:]))


def _depths(views: list[MentionView]) -> dict[str, int]:
    """How many levels of other mentions are drawn inside each mention (0 for the innermost)."""
    depth: dict[str, int] = {}
    for i in range(len(views) - 1, -1, -1):
        outer = views[i].mention
        inner = [
            depth[v.mention.id] for v in views[i + 1 :] if v.mention.start < outer.end and v.mention.end > outer.start
        ]
        depth[outer.id] = min(1 + max(inner, default=-1), _MAX_DEPTH)
    return depth
