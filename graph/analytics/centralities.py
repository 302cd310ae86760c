"""Who is most connected: `centrality` tabulates each organisation's number of partners, weighted
degree and betweenness (exact on small graphs, sampled from a seeded set of sources on large
ones), computed on igraph where it is installed and on networkx otherwise, with the same numbers.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd

from .backends import _Canonical, _canonical, _igraph, _to_igraph, _to_networkx
from .constants import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS_LIMIT, Backend
from .edges import alliance_graph  # noqa: F401  (the examples use it)
from .errors import AnalyticsError, MissingPackageError


def centrality(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = 42,
    backend: Backend = "auto",
) -> pd.DataFrame:
    """Who is most connected: weighted degree and betweenness of each organisation.

    Parameters
    ----------
    G : networkx.Graph
        The alliance graph, with positive ``weight`` on its edges.
    k : int, optional
        Sources sampled to estimate betweenness. Default: exact (every source) for graphs of
        up to 1,000 organisations, 64 sampled sources above that.
    seed : int or None, default 42
        Seed of the source sample (``random.Random(seed).sample`` over the sorted nodes, as
        networkx does).
    backend : {"auto", "igraph", "networkx"}
        igraph (C) where installed, networkx otherwise; both give the same numbers.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``degree`` (number of partners), ``strength`` (weighted degree: the sum of
        the weights of its ties) and ``betweenness`` (normalised to 0..1: the share of shortest
        paths between other organisations that pass through it, with distance 1 / weight so
        that strong ties are short), strongest first.

    Notes
    -----
    Sampled betweenness is networkx's estimator (``betweenness_centrality(G, k=k)``): the
    paths from ``k`` sources, rescaled by ``1 / (k (n - 2))`` (``k - 1`` for a sampled source).

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Amazon", "INVESTS_IN", "Anthropic"),
    ...         ("Google", "INVESTS_IN", "Anthropic"),
    ...         ("Google", "ACQUIRES", "DeepMind"),
    ...     ],
    ...     columns=["source", "relation", "target"],
    ... )
    >>> centrality(alliance_graph(edges))
            name  degree  strength  betweenness
    0     Google       2       7.0     0.666667
    1  Anthropic       2       6.0     0.666667
    2   DeepMind       1       4.0     0.000000
    3     Amazon       1       3.0     0.000000
    """
    columns = ["name", "degree", "strength", "betweenness"]
    canon = _canonical(G)
    n = len(canon.nodes)
    if n == 0:
        return pd.DataFrame(columns=columns)
    if any(w <= 0 for w in canon.weights):
        raise AnalyticsError("centrality needs positive edge weights")
    degree = np.zeros(n, dtype=int)
    strength = np.zeros(n)
    for (i, j), w in zip(canon.pairs, canon.weights, strict=True):
        degree[i] += 1
        degree[j] += 1
        strength[i] += w
        strength[j] += w
    if k is None:
        k = n if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLES
    k = max(1, min(k, n))
    sources = None if k >= n else random.Random(seed).sample(range(n), k)
    betweenness = _betweenness(canon, sources, backend)
    frame = pd.DataFrame(
        {
            "name": canon.nodes,
            "degree": degree,
            "strength": np.round(strength, 9),
            "betweenness": np.round(betweenness, 9),
        }
    )
    frame = frame.sort_values(["strength", "name"], ascending=[False, True], kind="mergesort")
    return frame.reset_index(drop=True)


def _betweenness(canon: _Canonical, sources: list[int] | None, backend: str) -> np.ndarray:
    """Normalised (sampled) betweenness with distance 1 / weight, as networkx computes it."""
    n = len(canon.nodes)
    if n <= 2:
        return np.zeros(n)
    igraph = _igraph() if backend in ("auto", "igraph") else None
    if backend == "igraph" and igraph is None:
        raise MissingPackageError("centrality", "igraph")
    if igraph is None:
        H = _to_networkx(canon)
        for _, _, data in H.edges(data=True):
            data["distance"] = 1.0 / data["weight"]
        if sources is None:
            values = nx.betweenness_centrality(H, weight="distance", normalized=True)
        else:  # the same sample: H's nodes are 0..n-1 in order
            values = nx.betweenness_centrality(
                H, k=len(sources), weight="distance", normalized=True, seed=_FixedSample(sources)
            )
        return np.array([values[i] for i in range(n)])
    g = _to_igraph(igraph, canon)
    distances = [1.0 / w for w in canon.weights]
    if sources is None:
        raw = np.array(g.betweenness(directed=False, weights=distances))
        return raw * 2.0 / ((n - 1) * (n - 2))
    # igraph counts each (source, target) path once; networkx's estimator counts ordered pairs.
    raw = np.array(g.betweenness(directed=False, weights=distances, sources=sources)) * 2.0
    k = len(sources)
    scale = np.full(n, 1.0 / (k * (n - 2)))
    if k > 1:
        scale[sources] = 1.0 / ((k - 1) * (n - 2))
    else:
        scale[sources] = 0.0
    return raw * scale


class _FixedSample(random.Random):
    """A random source whose ``sample`` returns given items: networkx then uses our sources."""

    def __init__(self, items: list[int]) -> None:
        super().__init__(0)
        self._items = list(items)

    def sample(self, population, k, *, counts=None):  # type: ignore[override]
        return list(self._items)
