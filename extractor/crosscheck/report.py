"""A readable discrepancy report of one article's cross-check, for `extractor check`."""

from __future__ import annotations

from extractor.records import ExtractionResult


def discrepancy_report(result: ExtractionResult, *, show_agreements: bool = False) -> str:
    """Conflicts, translation notes and one-sided facts first; agreements counted (or listed)."""
    article = result.article
    lines = [f"{result.id}: {article.title or article.zh_title or ''}".rstrip(": ")]
    if not (article.en and article.zh):
        lines.append("  only one language: nothing to cross-check")
        return "\n".join(lines) + "\n"
    agreed = [link for link in result.links if link.status == "agree"]
    conflicts = [link for link in result.links if link.status == "conflict"]
    lines.append(
        f"  agreement {result.agreement:.0%}: {len(agreed)} agree, {len(conflicts)} conflict, "
        f"{len(result.unmatched)} one-sided, {len(result.notes)} translation notes"
    )
    if conflicts:
        lines.append("\nConflicts")
        lines += [f"  [{c.type}] {c.en!r} <> {c.zh!r}: {c.reason}" for c in conflicts]
    if result.notes:
        lines.append("\nTranslation notes")
        lines += [f"  [{n.kind}] {n.en!r} <> {n.zh!r}: {n.explanation}" for n in result.notes]
    for lang, heading in (("en", "Only in the English"), ("zh", "Only in the Chinese")):
        items = [u for u in result.unmatched if u.lang == lang]
        if items:
            lines.append(f"\n{heading}")
            lines += [f"  [{u.type}] {u.text!r}: {u.reason}" for u in items]
    recovered = [m for m in result.mentions if m.source == "crosscheck"]
    if recovered:
        lines.append("\nFound by searching the other text (missed by that side's extraction)")
        lines += [f"  [{m.type}] {m.lang} {m.text!r} at {m.start}-{m.end}" for m in recovered]
    if show_agreements and agreed:
        lines.append("\nAgreements")
        lines += [f"  [{a.type}] {a.en!r} = {a.zh!r}" + (f" ({a.reason})" if a.reason else "") for a in agreed]
    return "\n".join(lines) + "\n"
