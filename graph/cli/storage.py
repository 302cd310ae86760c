"""``alliances load``, ``ingest``, ``query`` and ``stats``: the graph store's commands; each
opens the store, calls one Store method and prints the result."""

from __future__ import annotations

import json
import sys

import click

from extract.errors import InputError

from .. import console
from .common import (
    EXIT_SKIPPED,
    batch_size_option,
    cli,
    format_option,
    handle_errors,
    model_option,
    opened_store,
    quiet_option,
    store_options,
    workers_option,
)
from .extraction import _skipped


@cli.command()
@click.argument("triples", nargs=-1, required=True, metavar="TRIPLES...")
@store_options
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Load the valid rows and name the invalid ones (exit 3), instead of stopping at the "
    "first with the store untouched (exit 2).",
)
@batch_size_option
@quiet_option
@handle_errors
def load(triples, store_path, neo4j_uri, skip_invalid, batch_size, quiet) -> None:
    """Load triples files (JSONL, CSV or Parquet, as written by extract) into the graph store.

    Every file is validated before anything is written: an invalid row stops the load with its
    file, line and reason, and leaves the store as it was. Loading the same triples again
    changes nothing; a load that was interrupted is completed by running it again.

    \b
    Examples:
      alliances load triples.jsonl
      alliances load jan.jsonl feb.parquet --store news.db
      alliances load triples.csv --neo4j neo4j://localhost:7687 --skip-invalid
    """
    from ..loader import DEFAULT_BATCH_SIZE

    with opened_store(store_path, neo4j_uri) as store:
        with console.progress("loading", enabled=False if quiet else None) as advance:
            report = store.load_files(
                triples,
                skip_invalid=skip_invalid,
                batch_size=batch_size or DEFAULT_BATCH_SIZE,
                progress=advance,
            )
        where = store.location
    if not quiet:
        _load_summary(report, where)
    _report_skipped(report.skipped)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@store_options
@model_option
@workers_option
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first bad file, line or triple (exit 2) instead of skipping it (exit 3).",
)
@batch_size_option
@quiet_option
@handle_errors
def ingest(inputs, store_path, neo4j_uri, model, workers, strict, batch_size, quiet) -> None:
    """Extract triples from articles and load them into the store, in one streaming pass.

    INPUT is as for extract: files (.jsonl .csv .txt .md .html), folders, or - for JSONL on
    stdin. Triples go to the store in batches as the articles are read, so memory stays flat;
    running it again on the same articles changes nothing.

    \b
    Examples:
      alliances ingest examples/articles.jsonl
      alliances ingest news/ --workers 2 --store news.db
    """
    from extract import ExtractionStats, Extractor, iter_articles

    from ..loader import DEFAULT_BATCH_SIZE

    stats = ExtractionStats()
    extractor = Extractor(model=model)  # a missing model fails before the store is opened
    articles = iter_articles(
        inputs, on_error="raise" if strict else "skip", on_problem=_skipped(stats)
    )
    with opened_store(store_path, neo4j_uri) as store:
        with console.progress("ingesting", enabled=False if quiet else None) as advance:
            triples = extractor.iter_triples(
                articles, workers=workers, stats=stats, on_article=lambda _: advance()
            )
            report = store.load_stream(
                triples,
                source="extracted triple",
                skip_invalid=not strict,
                batch_size=batch_size or DEFAULT_BATCH_SIZE,
            )
        where = store.location
    if not quiet:
        console.err.print(
            f"{stats.articles} articles, {stats.sentences} sentences, "
            f"{sum(stats.triples.values())} triples extracted "
            f"({stats.words_per_second:,.0f} words/s)"
        )
        _load_summary(report, where, rate=False)  # the time is the whole pass, extraction too
    _report_skipped(report.skipped)
    if stats.articles == 0 and not stats.problems:
        raise InputError(", ".join(inputs), "no articles found")
    if stats.problems or report.skipped:
        sys.exit(EXIT_SKIPPED)


def _load_summary(report, where: str, *, rate: bool = True) -> None:
    from rich.markup import escape

    rows = [(relation, count) for relation, count in sorted(report.relations.items())]
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    speed = f" ({report.rows_per_second:,.0f} triples/s)" if rate else ""
    console.table(
        f"{report.loaded} of {report.rows} triples loaded{skipped} in {report.seconds:.1f} s"
        f"{speed} -> {escape(where)}",
        ["relation", "triples"],
        rows,
    )


def _report_skipped(problems: list, shown: int = 20) -> None:
    from rich.markup import escape

    for problem in problems[:shown]:
        console.warn(escape(f"skipped {problem}"))
    if len(problems) > shown:
        console.warn(f"... and {len(problems) - shown} more invalid rows")


@cli.command()
@click.argument("cypher", required=False, metavar="CYPHER_OR_NAME")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter, used as $KEY; repeat for more.",
)
@format_option("table", "csv", "json")
@click.option(
    "--write",
    is_flag=True,
    help="Let the query write; without it a query that writes is refused and changes nothing.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@store_options
@handle_errors
def query(cypher, params, fmt, write, list_queries, store_path, neo4j_uri) -> None:
    """Run a named query or a Cypher statement; rows go to stdout.

    CYPHER_OR_NAME is the name of a query of the library (see --list) or Cypher. Values go in
    as parameters ($name), never into the text. Queries are read-only unless --write is given.

    \b
    Examples:
      alliances query --list
      alliances query who-funds --param org=Anthropic
      alliances query evidence -p subject=Amazon -p object=Anthropic -p relation=INVESTS_IN
      alliances query "MATCH (o:Organization) RETURN o.name AS name LIMIT 5" --format csv
      alliances query 'MATCH (o:Organization {id: $id}) SET o.note = $note' \\
          -p id=amazon -p note=checked --write
    """
    import re

    from ..queries import named_queries

    library = named_queries()
    if list_queries:
        import pandas as pd

        rows = [(q.name, q.summary, q.usage()) for q in library.values()]
        _print_frame(pd.DataFrame(rows, columns=["name", "answers", "parameters"]), fmt)
        return
    if not cypher:
        raise click.UsageError(
            "give a query name or Cypher (alliances query --list shows the names)"
        )
    values = dict(_parse_param(text) for text in params)
    with opened_store(store_path, neo4j_uri) as store:
        if cypher in library:
            frame = store.named_query(cypher, **values)
        elif re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", cypher):
            from ..queries import get_query

            get_query(cypher)  # looks like a name: say which names there are
            return
        else:
            typed = {key: _typed(value) for key, value in values.items()}
            frame = store.query(cypher, typed, write=write)
    _print_frame(frame, fmt)


def _parse_param(text: str) -> tuple[str, str]:
    import re

    key, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key.strip()):
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--param")
    return key.strip(), value


def _typed(value: str) -> object:
    """Numbers become numbers for Cypher; everything else stays text."""
    import re

    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", value):
        return float(value)
    return value


def _cell(value: object, *, for_table: bool) -> object:
    """A value for a CSV field or a table cell (text for rich, its markup escaped)."""
    import math

    from rich.markup import escape

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | dict):
        if for_table and isinstance(value, list):
            return escape(", ".join(str(v) for v in value))
        text = json.dumps(value, ensure_ascii=False, default=str)
        return escape(text) if for_table else text
    if for_table and isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:g}"
    return escape(str(value)) if for_table else value


def _print_frame(frame, fmt: str) -> None:
    import csv
    import math

    columns = [str(c) for c in frame.columns]
    records = frame.astype(object).values.tolist()
    if fmt == "json":
        rows = [
            {
                c: (None if isinstance(v, float) and math.isnan(v) else v)
                for c, v in zip(columns, row, strict=True)
            }
            for row in records
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in records:
            writer.writerow(["" if (c := _cell(v, for_table=False)) is None else c for v in row])
    else:
        rows = [[_cell(v, for_table=True) for v in row] for row in records]
        console.table(None, columns, rows, console=console.out)
    console.err.print(f"{len(records)} row{'s' if len(records) != 1 else ''}")


@cli.command()
@store_options
@format_option("table", "json")
@handle_errors
def stats(store_path, neo4j_uri, fmt) -> None:
    """Count the store's nodes by label and relationships by type.

    \b
    Examples:
      alliances stats
      alliances stats --store news.db --format json
    """
    with opened_store(store_path, neo4j_uri) as store:
        counts = store.stats()
        where = store.location
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    console.table(
        f"nodes in {where}", ["label", "nodes"], counts["nodes"].items(), console=console.out
    )
    console.table(
        "relationships",
        ["type", "relationships"],
        counts["relationships"].items(),
        console=console.out,
    )
