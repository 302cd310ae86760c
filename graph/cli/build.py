"""``alliances build``: the main job (graph.build) in one command, extract to diagrams."""

from __future__ import annotations

import sys

import click

from .. import console
from .analysis import _bloc_rows
from .common import (
    EXIT_SKIPPED,
    bundled_examples,
    cli,
    handle_errors,
    method_option,
    model_option,
    workers_option,
)


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
    from ..build import build as run

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
