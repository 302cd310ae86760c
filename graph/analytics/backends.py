"""The graph in a canonical order and the libraries that run on it: `_canonical` sorts the nodes
and edges of any networkx graph so that insertion order cannot change a result, `_to_igraph` and
`_to_networkx` hand it to igraph or networkx, `_resolve_backend` and `_auto_restarts` choose the
library and the number of runs, `_partitions` runs Louvain, label propagation or Leiden, and
`_modularity` scores a partition.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from .constants import MAX_RESTARTS, RESTART_BUDGET, RESTART_BUDGET_NETWORKX
from .edges import Link
from .errors import MissingPackageError


class _Canonical(NamedTuple):
    """A graph in a fixed order: sorted nodes, sorted index pairs, summed weights, links."""

    nodes: list[Any]
    pairs: list[tuple[int, int]]
    weights: list[float]
    links: list[tuple[Link, ...]]


def _canonical(G: nx.Graph) -> _Canonical:
    """``G`` with nodes and edges sorted, so that insertion order cannot change a result.

    Works for any networkx graph: directed and parallel edges between two nodes are merged and
    their weights summed; edges without ``links`` get one `Link` with an empty relation.
    """
    nodes = sorted(G, key=lambda n: ("", n) if isinstance(n, str) else (str(type(n)), n))
    index = {node: i for i, node in enumerate(nodes)}
    rows = [
        ((i, j) if i < j else (j, i), data)
        for i, j, data in ((index[u], index[v], data) for u, v, data in G.edges(data=True))
        if i != j
    ]
    rows.sort(key=itemgetter(0))
    pairs = [pair for pair, _ in rows]
    weights = [float(data.get("weight", 1.0)) for _, data in rows]
    links = [
        tuple(data.get("links") or (Link(nodes[i], "", nodes[j], w),))
        for ((i, j), data), w in zip(rows, weights, strict=True)
    ]
    if G.is_directed() or G.is_multigraph():  # merge the edges of one pair
        merged: dict[tuple[int, int], list] = {}
        for pair, w, lks in zip(pairs, weights, links, strict=True):
            entry = merged.setdefault(pair, [0.0, []])
            entry[0] += w
            entry[1].extend(lks)
        pairs = list(merged)
        weights = [merged[pair][0] for pair in pairs]
        links = [
            tuple(
                sorted(
                    merged[pair][1], key=lambda lk: (str(lk.source), lk.relation, str(lk.target))
                )
            )
            for pair in pairs
        ]
    return _Canonical(nodes, pairs, weights, links)


def _igraph():
    try:
        import igraph
    except ImportError:
        return None
    return igraph


@contextmanager
def _igraph_seed(igraph: Any, seed: int | None) -> Iterator[None]:
    """Run igraph's randomised routines on ``random.Random(seed)``, then restore its RNG."""
    if seed is None:
        yield
        return
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _to_igraph(igraph: Any, canon: _Canonical) -> Any:
    return igraph.Graph(n=len(canon.nodes), edges=canon.pairs, directed=False)


def _to_networkx(canon: _Canonical) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(range(len(canon.nodes)))
    H.add_weighted_edges_from(
        (i, j, w) for (i, j), w in zip(canon.pairs, canon.weights, strict=True)
    )
    return H


def _resolve_backend(method: str, backend: str) -> str:
    """The library that will run ``method``: igraph, networkx or leidenalg."""
    if method == "leiden":
        try:
            import leidenalg  # noqa: F401
        except ImportError:
            raise MissingPackageError("leiden", "leidenalg") from None
        if _igraph() is None:
            raise MissingPackageError("leiden", "igraph")
        return "leidenalg"
    if backend == "networkx":
        return "networkx"
    if _igraph() is not None:
        return "igraph"
    if backend == "igraph":
        raise MissingPackageError(method, "igraph")
    return "networkx"


def _auto_restarts(backend: str, n_edges: int) -> int:
    """As many runs as fit a fixed amount of work, between 1 and `MAX_RESTARTS`."""
    budget = RESTART_BUDGET_NETWORKX if backend == "networkx" else RESTART_BUDGET
    return max(1, min(MAX_RESTARTS, budget // max(1, n_edges)))


def _partitions(
    canon: _Canonical, method: str, seeds: Sequence[int | None], resolution: float, backend: str
) -> Iterator[list[int]]:
    """Yield the community of each node index, one partition per seed."""
    n = len(canon.nodes)
    if backend in ("igraph", "leidenalg"):
        igraph = _igraph()
        g = _to_igraph(igraph, canon)
        for seed in seeds:
            if backend == "leidenalg":
                import leidenalg

                part = leidenalg.find_partition(
                    g,
                    leidenalg.RBConfigurationVertexPartition,
                    weights=canon.weights,
                    resolution_parameter=resolution,
                    seed=seed,
                )
                yield list(part.membership)
                continue
            with _igraph_seed(igraph, seed):
                if method == "louvain":
                    clusters = g.community_multilevel(weights=canon.weights, resolution=resolution)
                else:
                    clusters = g.community_label_propagation(weights=canon.weights)
            yield list(clusters.membership)
        return
    H = _to_networkx(canon)
    for seed in seeds:
        if method == "louvain":
            communities = nx.community.louvain_communities(
                H, weight="weight", resolution=resolution, seed=seed
            )
        else:
            communities = nx.community.asyn_lpa_communities(H, weight="weight", seed=seed)
        membership = [0] * n
        for c, community in enumerate(communities):
            for i in community:
                membership[i] = c
        yield membership


def _modularity(canon: _Canonical, membership: Sequence[int], resolution: float) -> float:
    """Weighted modularity (Newman) of a partition at ``resolution``."""
    weights = np.asarray(canon.weights, dtype=float)
    total = float(weights.sum())
    if total <= 0:
        return 0.0
    pairs = np.asarray(canon.pairs, dtype=np.int64).reshape(-1, 2)
    community = np.asarray(membership, dtype=np.int64)
    strength = np.bincount(pairs.ravel(), weights=np.repeat(weights, 2), minlength=len(community))
    inside = weights[community[pairs[:, 0]] == community[pairs[:, 1]]].sum()
    degree_sums = np.bincount(community, weights=strength)
    q = inside / total - resolution * float(((degree_sums / (2 * total)) ** 2).sum())
    return float(q)
