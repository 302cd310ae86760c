"""Terminal output shared by the commands: messages to stderr, tables, progress bars.

Results go to stdout; everything meant for the person at the terminal (progress, warnings,
summaries) goes to stderr, so that ``alliances extract ... -o - | jq`` stays clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {message}", markup=True)


def error(message: str) -> None:
    err.print(f"[bold red]error:[/bold red] {message}", markup=True)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    console: Console = err,
) -> None:
    grid = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*("" if v is None else str(v) for v in row))
    console.print(grid)


@contextmanager
def progress(description: str, total: int | None = None, enabled: bool | None = None):
    """A progress bar on a terminal; a no-op when stderr is not one (CI, pipes)."""
    enabled = sys.stderr.isatty() if enabled is None else enabled
    if not enabled:
        yield lambda advance=1: None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda advance=1: bar.advance(task, advance)
