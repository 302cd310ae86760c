"""The contested labs: `contested` finds the labs tied to two or more blocs, each tie strong
enough to count against the lab's strongest, with the blocs and the relationships that tie them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd

from .blocs import (
    BlocResult,
    find_blocs,  # noqa: F401  (the examples use it)
)
from .constants import LAB_RELATIONS
from .edges import alliance_graph
from .rivals import _directed_relations


def contested(
    graph: nx.Graph | pd.DataFrame,
    blocs: BlocResult,
    *,
    threshold: float = 0.25,
    labs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Labs tied to two or more blocs, with the blocs and the edges that tie them.

    Parameters
    ----------
    graph : networkx.Graph or pandas.DataFrame
        The alliance graph, or the edges to build it from (`alliance_graph`).
    blocs : BlocResult
        The blocs of that graph (`find_blocs`).
    threshold : float, default 0.25
        A bloc counts as a tie when the lab's ties to its members weigh at least this share of
        its ties to its most strongly tied bloc: a single chip order from another bloc's chip
        maker does not make a lab contested, nor do its many small investors make it less so.
    labs : iterable of str, optional
        The organisations to consider. Default: the labs, organisations that receive
        investment, cloud, chips or distribution (``INVESTS_IN``, ``PROVIDES_CLOUD``,
        ``SUPPLIES_CHIPS``, ``DISTRIBUTES``) at least as much, by weight, as they give in
        directed relationships: Anthropic, not Google, which buys chips but funds and hosts
        far more.

    Returns
    -------
    pandas.DataFrame
        One row per (lab, bloc) tie of the contested labs: ``lab``; ``bloc``; ``home`` (the
        lab's own bloc); ``strength`` (the summed weight of its edges to the bloc's members);
        ``share`` (of the lab's weighted degree); ``relative`` (to its strongest bloc tie);
        ``edges`` (the ``(source, relation, target)`` relationships of the tie). The most
        contested labs first (by their second-strongest tie's ``relative``), then by name;
        each lab's ties strongest first.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Amazon", "INVESTS_IN", "Anthropic", 4e9),
    ...         ("Amazon", "PROVIDES_CLOUD", "Anthropic", None),
    ...         ("Amazon", "PARTNERS_WITH", "Hugging Face", None),
    ...         ("Google", "INVESTS_IN", "Anthropic", 2e9),
    ...         ("Google", "ACQUIRES", "DeepMind", None),
    ...         ("Google", "PROVIDES_CLOUD", "DeepMind", None),
    ...     ],
    ...     columns=["source", "relation", "target", "amount_usd"],
    ... )
    >>> G = alliance_graph(edges)
    >>> table = contested(G, find_blocs(G))
    >>> table[["lab", "bloc", "home", "share", "relative"]].round(3)
             lab         bloc   home  share  relative
    0  Anthropic  Amazon bloc   True  0.585     1.000
    1  Anthropic  Google bloc  False  0.415     0.708
    >>> table.loc[1, "edges"]
    [('Google', 'INVESTS_IN', 'Anthropic')]
    """
    G = alliance_graph(graph) if isinstance(graph, pd.DataFrame) else graph
    columns = ["lab", "bloc", "home", "strength", "share", "relative", "edges"]
    if labs is None:
        receives: dict[Any, float] = defaultdict(float)
        gives: dict[Any, float] = defaultdict(float)
        directed = _directed_relations()
        for _, _, links in G.edges(data="links", default=()):
            for link in links:
                if link.relation in LAB_RELATIONS:
                    receives[link.target] += link.weight
                if directed.get(link.relation, False):
                    gives[link.source] += link.weight
        candidates = {org for org, w in receives.items() if w >= gives[org]}
    else:
        candidates = set(labs)
    found: list[tuple[float, str, list[dict[str, Any]]]] = []
    for lab in sorted(candidates, key=str):
        if lab not in G or lab not in blocs.membership:
            continue
        ties: dict[str, float] = defaultdict(float)
        tie_links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for other in sorted(G[lab], key=str):
            bloc = blocs.membership.get(other)
            if bloc is None:
                continue
            data = G[lab][other]
            ties[bloc] += data.get("weight", 1.0)
            for link in data.get("links", ()):
                tie_links[bloc].append((link.source, link.relation, link.target))
        if len(ties) < 2:
            continue
        total = math.fsum(ties.values())
        strongest = max(ties.values())
        strong = sorted(
            ((bloc, s) for bloc, s in ties.items() if s >= threshold * strongest),
            key=lambda item: (-round(item[1], 9), item[0]),
        )
        if len(strong) < 2:
            continue
        rows = [
            {
                "lab": lab,
                "bloc": bloc,
                "home": bloc == blocs.membership[lab],
                "strength": s,
                "share": s / total,
                "relative": s / strongest,
                "edges": tie_links[bloc],
            }
            for bloc, s in strong
        ]
        found.append((strong[1][1] / strongest, lab, rows))
    found.sort(key=lambda item: (-round(item[0], 9), item[1]))
    return pd.DataFrame([row for _, _, rows in found for row in rows], columns=columns)
