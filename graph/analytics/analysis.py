"""Everything at once: `analyze` builds the graph of the edges and computes its blocs,
centrality, contested labs and compute dependency into one `Analysis`, and `write_back_rows`
turns blocs and centrality into the ``bloc`` and ``centrality`` rows the store writes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import pandas as pd

from .blocs import BlocResult, find_blocs
from .centralities import centrality
from .constants import Method
from .contested_labs import contested
from .dependency import compute_dependency
from .edges import alliance_graph
from .errors import AnalyticsError


def write_back_rows(
    blocs: BlocResult,
    centrality: pd.DataFrame | None = None,
    *,
    measure: Literal["strength", "betweenness", "degree"] = "strength",
) -> list[dict[str, Any]]:
    """The rows for ``store.write_back``: each organisation's bloc and centrality.

    Parameters
    ----------
    blocs : BlocResult
        The blocs (`find_blocs`).
    centrality : pandas.DataFrame, optional
        The `centrality` table; without it every centrality is 0.0.
    measure : {"strength", "betweenness", "degree"}
        The column written as ``centrality`` (default: weighted degree).

    Returns
    -------
    list of dict
        ``{"name", "bloc", "centrality"}`` for every organisation in a bloc, by name.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic")],
    ...                      columns=["source", "relation", "target"])
    >>> G = alliance_graph(edges)
    >>> write_back_rows(find_blocs(G), centrality(G))
    [{'name': 'Amazon', 'bloc': 'Amazon bloc', 'centrality': 3.0}, {'name': 'Anthropic', 'bloc': 'Amazon bloc', 'centrality': 3.0}]
    """
    values: dict[str, float] = {}
    if centrality is not None and not centrality.empty:
        if measure not in centrality.columns:
            raise AnalyticsError(f"the centrality table has no column '{measure}'")
        values = dict(zip(centrality["name"], centrality[measure].astype(float), strict=True))
    return [
        {"name": org, "bloc": blocs.membership[org], "centrality": float(values.get(org, 0.0))}
        for org in sorted(blocs.membership, key=str)
    ]


# -- everything at once -----------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """All measures of one alliance graph, as `analyze` returns them."""

    graph: nx.Graph = field(repr=False)
    blocs: BlocResult
    centrality: pd.DataFrame = field(repr=False)
    contested: pd.DataFrame = field(repr=False)
    dependency: pd.DataFrame = field(repr=False)
    as_of: str | None = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The write-back rows (`write_back_rows`)."""
        return write_back_rows(self.blocs, self.centrality)


def analyze(
    edges: pd.DataFrame,
    *,
    as_of: object = None,
    method: Method = "louvain",
    seed: int | None = 42,
    resolution: float = 1.0,
    k: int | None = None,
) -> Analysis:
    """Graph, blocs, centrality, contested labs and compute dependency of the edges, in one call.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges (``store.alliance_edges()``).
    as_of : str or datetime.date, optional
        Analyse the graph as of this date.
    method, seed, resolution
        As for `find_blocs`.
    k : int, optional
        Betweenness samples, as for `centrality`.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [("Amazon", "INVESTS_IN", "Anthropic"), ("Microsoft", "INVESTS_IN", "OpenAI")],
    ...     columns=["source", "relation", "target"],
    ... )
    >>> result = analyze(edges)
    >>> [bloc.name for bloc in result.blocs], len(result.rows)
    (['Amazon bloc', 'Microsoft bloc'], 4)
    """
    G = alliance_graph(edges, as_of=as_of)
    blocs = find_blocs(G, method, seed=seed, resolution=resolution)
    return Analysis(
        graph=G,
        blocs=blocs,
        centrality=centrality(G, k=k, seed=seed),
        contested=contested(G, blocs),
        dependency=compute_dependency(edges, as_of=as_of),
        as_of=None if as_of is None else str(as_of),
    )
