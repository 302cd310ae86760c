"""The blocs over time: `bloc_snapshots` yields the blocs of the graph as of each of a series of
dates, and `blocs_over_time` tabulates each organisation's bloc as of each date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from .blocs import BlocResult, find_blocs
from .constants import Method
from .edges import alliance_graph


def bloc_snapshots(
    edges: pd.DataFrame,
    dates: Iterable[object],
    *,
    method: Method = "louvain",
    seed: int | None = 42,
    resolution: float = 1.0,
) -> Iterator[tuple[str, BlocResult]]:
    """Yield the blocs of the graph as of each date, one date at a time.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges.
    dates : iterable of str or datetime.date
        Dates in the order to yield them (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    method, seed, resolution
        As for `find_blocs`.

    Yields
    ------
    (str, BlocResult)
        The date as given (as text) and the blocs of `alliance_graph` ``(edges, as_of=date)``.

    See Also
    --------
    blocs_over_time : all snapshots as one table.
    """
    for as_of in dates:
        G = alliance_graph(edges, as_of=as_of)
        yield str(as_of), find_blocs(G, method, seed=seed, resolution=resolution)


def blocs_over_time(
    edges: pd.DataFrame,
    dates: Iterable[object],
    *,
    method: Method = "louvain",
    seed: int | None = 42,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """Each organisation's bloc as of each date, one column per date.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges.
    dates : iterable of str or datetime.date
        The dates, one column each.
    method, seed, resolution
        As for `find_blocs`.

    Returns
    -------
    pandas.DataFrame
        Index ``name`` (sorted), a column per date, the bloc name or NaN where the organisation
        had no edge yet.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Google", "INVESTS_IN", "Anthropic", 2e9, "2023-02"),
    ...         ("Google", "ACQUIRES", "DeepMind", None, "2014"),
    ...         ("Amazon", "INVESTS_IN", "Anthropic", 4e9, "2023-09"),
    ...         ("Amazon", "PROVIDES_CLOUD", "Anthropic", None, "2023-09"),
    ...     ],
    ...     columns=["source", "relation", "target", "amount_usd", "first_seen"],
    ... )
    >>> blocs_over_time(edges, ["2023", "2023-06", "2024"])
                      2023      2023-06         2024
    name
    Amazon     Amazon bloc          NaN  Amazon bloc
    Anthropic  Amazon bloc  Google bloc  Amazon bloc
    DeepMind   Google bloc  Google bloc  Google bloc
    Google     Google bloc  Google bloc  Google bloc
    """
    columns = {
        as_of: result.membership
        for as_of, result in bloc_snapshots(
            edges, dates, method=method, seed=seed, resolution=resolution
        )
    }
    frame = pd.DataFrame(columns)
    frame.index.name = "name"
    return frame.sort_index()
