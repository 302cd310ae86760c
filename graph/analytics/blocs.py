"""The alliance blocs: `Bloc` and `BlocResult`, and `find_blocs`, which partitions the graph by
community detection (best of several seeded runs), splits the blocs that hold rivals and names
each bloc after its central member.
"""

from __future__ import annotations

import difflib
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from .backends import (
    _auto_restarts,
    _Canonical,
    _canonical,
    _modularity,
    _partitions,
    _resolve_backend,
)
from .constants import METHODS, Backend, Method
from .edges import (
    Link,
    alliance_graph,  # noqa: F401  (the examples use it)
)
from .errors import AnalyticsError
from .rivals import _intra_strengths, _rank_key, _split_rivals, _Strengths


@dataclass(frozen=True)
class Bloc:
    """One alliance bloc: its members and the edges that hold it together.

    Attributes
    ----------
    name : str
        ``"<centre> bloc"``.
    centre : str
        The central member the bloc is named after (see `find_blocs`, Notes).
    members : tuple of str
        The centre first, then by weighted out-degree and weighted degree inside the bloc.
    edges : tuple of Link
        The relationships between members, heaviest first.
    weight : float
        The summed weight of those relationships.
    """

    name: str
    centre: str
    members: tuple[str, ...]
    edges: tuple[Link, ...]
    weight: float

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class BlocResult:
    """The blocs of a graph, as `find_blocs` returns them.

    Attributes
    ----------
    blocs : tuple of Bloc
        Largest first (by size, then weight, then name).
    membership : dict
        Organisation -> bloc name.
    modularity : float
        Weighted modularity of the partition at ``resolution`` (0.0 for a graph without edges).
    method, backend : str
        The algorithm asked for and the library that ran it (``igraph``, ``networkx``,
        ``leidenalg``).
    seed : int or None
    resolution : float
    restarts : int
        How many runs the partition was chosen from.
    """

    blocs: tuple[Bloc, ...]
    membership: dict[str, str] = field(repr=False)
    modularity: float
    method: str
    backend: str
    seed: int | None
    resolution: float
    restarts: int = 1

    def __len__(self) -> int:
        return len(self.blocs)

    def __iter__(self) -> Iterator[Bloc]:
        return iter(self.blocs)

    def bloc(self, name: str) -> Bloc:
        """The bloc called ``name``: ``"Amazon bloc"``, ``"amazon"`` (its centre) or a member.

        Raises
        ------
        AnalyticsError
            Where no bloc matches, naming the nearest bloc names.
        """
        key = name.strip().lower()
        for bloc in self.blocs:
            if key in (bloc.name.lower(), bloc.centre.lower()):
                return bloc
        for org, bloc_name in self.membership.items():
            if org.lower() == key:
                return self.bloc(bloc_name)
        names = [bloc.name for bloc in self.blocs]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise AnalyticsError(f"no bloc '{name}'{hint}")

    def to_frame(self) -> pd.DataFrame:
        """One row per bloc: ``bloc, centre, size, weight, members``.

        Examples
        --------
        >>> edges = pd.DataFrame(
        ...     [("Amazon", "INVESTS_IN", "Anthropic"), ("Microsoft", "INVESTS_IN", "OpenAI")],
        ...     columns=["source", "relation", "target"],
        ... )
        >>> find_blocs(alliance_graph(edges)).to_frame()
                     bloc     centre  size  weight              members
        0     Amazon bloc     Amazon     2     3.0  [Amazon, Anthropic]
        1  Microsoft bloc  Microsoft     2     3.0  [Microsoft, OpenAI]
        """
        return pd.DataFrame(
            [
                {
                    "bloc": bloc.name,
                    "centre": bloc.centre,
                    "size": bloc.size,
                    "weight": round(bloc.weight, 6),
                    "members": list(bloc.members),
                }
                for bloc in self.blocs
            ],
            columns=["bloc", "centre", "size", "weight", "members"],
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data."""
        return {
            "method": self.method,
            "backend": self.backend,
            "seed": self.seed,
            "resolution": self.resolution,
            "restarts": self.restarts,
            "modularity": round(self.modularity, 6),
            "blocs": [
                {
                    "name": bloc.name,
                    "centre": bloc.centre,
                    "members": list(bloc.members),
                    "weight": round(bloc.weight, 6),
                    "edges": [
                        {
                            "source": link.source,
                            "relation": link.relation,
                            "target": link.target,
                            "weight": round(link.weight, 6),
                            "amount_usd": link.amount_usd,
                        }
                        for link in bloc.edges
                    ],
                }
                for bloc in self.blocs
            ],
        }


def _build_blocs(
    canon: _Canonical,
    membership: Sequence[int],
    strengths: _Strengths | None = None,
) -> tuple[Bloc, ...]:
    """Blocs from a partition: intra-bloc links, centre, names, in a fixed order."""
    rank = _rank_key(canon.nodes, strengths or _intra_strengths(canon, membership))
    edges: dict[int, list[Link]] = defaultdict(list)
    for (i, j), links in zip(canon.pairs, canon.links, strict=True):
        if membership[i] == membership[j]:
            edges[membership[i]].extend(links)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(membership):
        groups[c].append(i)
    blocs = []
    for c, members in groups.items():
        ranked = sorted(members, key=rank)
        links = sorted(
            edges[c], key=lambda lk: (-lk.weight, str(lk.source), lk.relation, str(lk.target))
        )
        centre = canon.nodes[ranked[0]]
        blocs.append(
            Bloc(
                name=f"{centre} bloc",
                centre=centre,
                members=tuple(canon.nodes[i] for i in ranked),
                edges=tuple(links),
                weight=math.fsum(link.weight for link in links),
            )
        )
    blocs.sort(key=lambda b: (-b.size, -round(b.weight, 9), b.name))
    return tuple(blocs)


def find_blocs(
    G: nx.Graph,
    method: Method = "louvain",
    *,
    seed: int | None = 42,
    resolution: float = 1.0,
    backend: Backend = "auto",
    restarts: int | None = None,
    split_rivals: bool = True,
) -> BlocResult:
    """The alliance blocs of ``G``: communities of organisations, each named after its centre.

    Parameters
    ----------
    G : networkx.Graph
        The alliance graph (`alliance_graph`), or any graph with ``weight`` on its edges
        (directed and parallel edges are merged, their weights summed).
    method : {"louvain", "label-propagation", "leiden"}
        Community detection algorithm. Louvain and Leiden maximise weighted modularity; label
        propagation is faster and coarser.
    seed : int or None, default 42
        Seed of the algorithm's random choices; the same graph and seed give the same blocs.
    resolution : float, default 1.0
        Modularity resolution: above 1 gives more, smaller blocs; below 1 fewer, larger ones.
        Label propagation ignores it.
    backend : {"auto", "igraph", "networkx"}
        The library that runs Louvain or label propagation. ``auto`` takes igraph where it is
        installed (100,000 organisations in a few seconds, where networkx takes minutes) and
        networkx otherwise. Leiden always runs on leidenalg.
    restarts : int, optional
        Runs from seeds ``seed, seed + 1, ...``; the partition of highest modularity is kept.
        Default: as many as fit 250,000 ties' worth of work (25,000 on networkx), at most 10:
        10 runs for the graphs of a few thousand ties, a single one for 100,000 organisations.
    split_rivals : bool, default True
        Split a bloc in which two strategic backers of one lab rival each other (see Notes),
        so that a lab funded and supplied by Amazon and by Google sits between an Amazon bloc
        and a Google bloc instead of joining them into one.

    Returns
    -------
    BlocResult
        The blocs (largest first), each organisation's bloc and the partition's modularity.

    Raises
    ------
    AnalyticsError
        For an unknown method or backend.
    MissingPackageError
        For ``leiden`` without leidenalg (or igraph), or ``backend="igraph"`` without igraph.

    Notes
    -----
    Louvain and label propagation are greedy: the order in which they visit the organisations
    decides where they stop, and one run can miss a better partition of a small graph (two
    blocs joined by the lab they share). Restarts from a few seeds fix that at little cost.

    Determinism: nodes are sorted and edges taken in sorted order before the algorithm runs,
    and the algorithm is seeded (networkx through ``seed=``, igraph through a
    ``random.Random(seed)`` installed as its generator for the call, leidenalg through its own
    ``seed``), so neither the order of the input rows nor earlier runs change the result. The
    igraph and networkx implementations of one method are both deterministic but may draw
    different blocs on large graphs: ``BlocResult.backend`` says which ran.

    Rivals: modularity puts two patrons that share one lab, and have few ties besides, into
    that lab's community (Amazon and Google with Anthropic). When ``split_rivals`` is on, a
    bloc is split where two or more backers of one of its labs each tie to it with at least
    half the weight of its strongest backer, in two or more kinds of relationship (money and
    compute, not one investor in a round), and each gives at least half as much inside the
    bloc as its centre. The rivals and the centre then anchor a bloc each; every other member
    joins, round by round, the anchor its ties to the members placed so far pull it to most.
    The modularity reported is that of the final blocs.

    A bloc's centre is the member whose relationships inside the bloc weigh most on the giving
    side (weighted out-degree: the investor, the cloud, the chip supplier, the distributor, the
    acquirer; a partnership counts for both partners), ties broken by weighted degree inside the
    bloc, then by weighted out-degree in the whole graph, then by name. A lab funded by two
    members is thus never the bloc's name, however many ties it has.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Amazon", "INVESTS_IN", "Anthropic", 4e9),
    ...         ("Amazon", "PROVIDES_CLOUD", "Anthropic", None),
    ...         ("Amazon", "SUPPLIES_CHIPS", "Anthropic", None),
    ...         ("Amazon", "PARTNERS_WITH", "Hugging Face", None),
    ...         ("Google", "INVESTS_IN", "Anthropic", 2e9),
    ...         ("Google", "ACQUIRES", "DeepMind", None),
    ...         ("Google", "PARTNERS_WITH", "Character.AI", 2.7e9),
    ...         ("Microsoft", "INVESTS_IN", "OpenAI", 13e9),
    ...         ("Microsoft", "PROVIDES_CLOUD", "OpenAI", None),
    ...         ("Nvidia", "SUPPLIES_CHIPS", "OpenAI", None),
    ...     ],
    ...     columns=["source", "relation", "target", "amount_usd"],
    ... )
    >>> result = find_blocs(alliance_graph(edges), seed=42)
    >>> for bloc in result:
    ...     print(bloc.name, list(bloc.members))
    Microsoft bloc ['Microsoft', 'Nvidia', 'OpenAI']
    Amazon bloc ['Amazon', 'Hugging Face', 'Anthropic']
    Google bloc ['Google', 'Character.AI', 'DeepMind']
    >>> result.membership["Anthropic"], round(result.modularity, 4)
    ('Amazon bloc', 0.4746)
    """
    if method not in METHODS:
        raise AnalyticsError(f"unknown method '{method}'; choose {', '.join(METHODS)}")
    if backend not in ("auto", "igraph", "networkx"):
        raise AnalyticsError(f"unknown backend '{backend}'; choose auto, igraph or networkx")
    if restarts is not None and restarts < 1:
        raise AnalyticsError("restarts must be at least 1")
    canon = _canonical(G)
    used = _resolve_backend(method, backend)
    runs = restarts or _auto_restarts(used, len(canon.pairs))
    seeds = [seed] * runs if seed is None else [seed + i for i in range(runs)]
    best: tuple[float, list[int]] | None = None
    if canon.nodes:
        for membership in _partitions(canon, method, seeds, resolution, used):
            q = _modularity(canon, membership, resolution)
            if best is None or round(q, 12) > round(best[0], 12):
                best = (q, membership)
    modularity, membership = best if best is not None else (0.0, [])
    strengths = _intra_strengths(canon, membership)
    if split_rivals and membership:
        split = _split_rivals(canon, membership, strengths)
        if split is not membership:
            membership, modularity = split, _modularity(canon, split, resolution)
            strengths = _intra_strengths(canon, membership)
    blocs = _build_blocs(canon, membership, strengths)
    return BlocResult(
        blocs=blocs,
        membership={org: bloc.name for bloc in blocs for org in sorted(bloc.members)},
        modularity=modularity,
        method=method,
        backend=used,
        seed=seed,
        resolution=resolution,
        restarts=runs,
    )
