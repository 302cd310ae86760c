"""``alliances extract`` and ``alliances evaluate``: articles to triples, and triples scored
against a gold file."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from extract.errors import InputError

from .. import console
from .common import (
    EXIT_SKIPPED,
    bundled_examples,
    cli,
    format_option,
    handle_errors,
    model_option,
    quiet_option,
    workers_option,
)

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
@workers_option
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first bad file or line (exit 2) instead of skipping it (exit 3).",
)
@quiet_option
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
    "--set",
    "set_name",
    type=click.Choice(["dev", "holdout", "test"]),
    default=None,
    help="Score a bundled annotated set (examples/ANNOTATION.md): dev (rules may be tuned on "
    "it), holdout or test (never tuned on). Default: dev.",
)
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
@format_option("table", "json")
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List false positives, false negatives and status/amount errors.",
)
@click.option(
    "--calibrate",
    is_flag=True,
    help="Measure each relation frame's precision on these articles and write extract/data/calibration.toml (triple confidences).",
)
@model_option
@handle_errors
def evaluate(
    inputs, set_name, gold, triples_path, relations, fmt, show_errors, calibrate, model
) -> None:
    """Precision, recall and F1 per relation against a gold file.

    With no ARTICLES, scores the bundled development set (examples/articles.jsonl against
    examples/gold.jsonl); --set test scores the test set, which no rule was tuned on. Keys are
    (article, subject, relation, object); status and amount accuracy are measured on the keys
    found on both sides. Also printed: how many denied or ended deals came out as live ties, and
    a reliability table (triples by confidence bucket vs the share of them that are right).
    See examples/ANNOTATION.md.

    \b
    Examples:
      alliances evaluate
      alliances evaluate --set test --errors
      alliances evaluate --set test --calibrate     # frame precision -> calibration.toml
      alliances evaluate heldout/articles.jsonl --gold heldout/gold.jsonl --errors
      alliances evaluate --triples triples.jsonl --gold examples/gold.jsonl --format json
    """
    from extract import Extractor, iter_articles, read_triples
    from extract.evaluate import annotated_set, read_gold
    from extract.evaluate import evaluate as score
    from extract.triples import RELATIONS

    if set_name and (inputs or gold or triples_path):
        raise click.UsageError("--set scores a bundled set: give no ARTICLES, --gold or --triples")
    if set_name:
        inputs = (str(annotated_set(set_name) / "articles.jsonl"),)
    sources = [Path(p) for p in inputs] or ([] if triples_path else [bundled_examples()])
    if gold is None:
        base = sources[0] if sources else Path(triples_path)
        gold = (base if base.is_dir() else base.parent) / "gold.jsonl"
    gold_records = read_gold(gold)
    if calibrate:
        from extract.evaluate import CALIBRATION_FILE as target
        from extract.evaluate import calibrate as measure
        from extract.evaluate import write_calibration

        counts = measure(
            iter_articles(sources, on_error="raise"), gold_records, extractor=Extractor(model=model)
        )
        root = target.parents[2]
        names = [
            str(s.resolve().relative_to(root)) if s.resolve().is_relative_to(root) else s.name
            for s in sources
        ]
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
    console.out.print(
        f"denied or ended deals stated as live: {len(result.dead_as_live)} of {result.dead_deals}"
    )
    from extract.evaluate import BUCKETS

    upper = dict(zip(BUCKETS, [*BUCKETS[1:], 1.0], strict=True))
    console.table(
        "reliability: predicted confidence vs observed precision",
        ["confidence", "keys", "right", "precision"],
        [
            (f"{low:.1f}-{upper[low]:.1f}", n, right, f"{right / n:.3f}")
            for low, n, right in result.reliability
        ],
        console=console.out,
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
    for title, errors in (
        ("status errors", result.status_errors),
        ("amount errors", result.amount_errors),
        ("denied or ended deals stated as live", result.dead_as_live),
    ):
        out.print(f"\n{title} ({len(errors)}):")
        for key, predicted, expected in errors:
            out.print(f"  {key[0]}: {key[1]} {key[2]} {key[3]}: {predicted} expected {expected}")
