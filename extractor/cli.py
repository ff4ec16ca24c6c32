"""The `extractor` command line: a thin layer that turns options into library calls."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from extractor.batch import collect_files, run_to_jsonl
from extractor.errors import ExtractorError
from extractor.evaluate import Matching, Score, load_fixtures, score_mentions, total
from extractor.pipeline import Extractor
from extractor.records import ExtractionResult, Failure
from extractor.schema import write_schema
from extractor.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Bilingual People's Daily extractor.")
err = Console(stderr=True)

ModelOption = Annotated[Optional[str], typer.Option("--english-model", help="spaCy English pipeline to load.")]  # noqa: UP045


def _extractor(english_model: str | None) -> Extractor:
    return Extractor(Settings.from_env(english_model=english_model))


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or directories of them.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file, one article per line.")],
    english_model: ModelOption = None,
) -> None:
    """Extract every article and write JSONL; failed files are reported and skipped."""
    files = list(collect_files(inputs))
    if not files:
        err.print(f"[red]error:[/red] no article files (*.txt, *.md) under {', '.join(map(str, inputs))}")
        raise typer.Exit(2)
    extractor = _extractor(english_model)
    output.parent.mkdir(parents=True, exist_ok=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with output.open("w", encoding="utf-8") as out, Progress(*columns, console=err) as progress:
        task = progress.add_task("extracting", total=len(files))

        def advance(item: ExtractionResult | Failure) -> None:
            if isinstance(item, Failure):
                progress.console.print(f"[red]failed[/red] {item.source}: {item.error}")
            progress.advance(task)

        summary = run_to_jsonl(extractor, files, out, on_item=advance)
    err.print(f"{summary.succeeded} written to {output}, {len(summary.failures)} failed")
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    english_model: ModelOption = None,
) -> None:
    """Print one article's result as JSON."""
    try:
        result = _extractor(english_model).extract(file)
    except ExtractorError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    sys.stdout.write(result.model_dump_json(indent=2) + "\n")


@app.command()
def schema(
    directory: Annotated[Path, typer.Option("-d", "--dir", help="Where to write the schema.")] = Path("schemas"),
) -> None:
    """Write the JSON Schema of the output into `schemas/`."""
    err.print(f"wrote {write_schema(directory)}")


@app.command("eval")
def evaluate(
    run_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--run", help="JSONL from `extractor run`; default: extract the seeds now."),
    ] = None,
    fixtures: Annotated[Path, typer.Option(help="Fixture directory.")] = Path("fixtures"),
    seeds: Annotated[Path, typer.Option(help="Seed directory, used when --run is not given.")] = Path("seeds"),
    matching: Annotated[str, typer.Option("--match", help="strict (same span) or overlap.")] = "strict",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Precision, recall and F1 per language and type against the hand-written fixtures."""
    if matching not in ("strict", "overlap"):
        raise typer.BadParameter("--match must be strict or overlap")
    results = _load_results(run_file) if run_file else _extract_seeds(seeds)
    rows: list[tuple[str, str, Score]] = []
    for lang in ("en", "zh"):
        gold = load_fixtures(fixtures, lang)
        if gold:
            scores = score_mentions(results, gold, lang, matching)  # type: ignore[arg-type]
            rows += [(lang, kind, score) for (_, kind), score in scores.items()]
            rows.append((lang, "ALL", total(scores)))
    _print_scores(rows, as_json, matching)  # type: ignore[arg-type]  # checked above


def _load_results(path: Path) -> list[ExtractionResult]:
    with path.open(encoding="utf-8") as lines:
        return [ExtractionResult.model_validate_json(line) for line in lines if line.strip()]


def _extract_seeds(seeds: Path) -> list[ExtractionResult]:
    items = Extractor(Settings.from_env()).extract_many(collect_files([seeds]))
    return [item for item in items if isinstance(item, ExtractionResult)]


def _print_scores(rows: list[tuple[str, str, Score]], as_json: bool, matching: Matching) -> None:
    if as_json:
        data = [
            {
                "lang": lang,
                "type": kind,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for lang, kind, s in rows
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    table = Table(title=f"mentions vs fixtures ({matching} match)")
    for column in ("lang", "type", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column not in ("lang", "type") else "left")
    for lang, kind, s in rows:
        table.add_row(
            lang, kind, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"
        )
    Console().print(table)
