"""Graph files (.graphml, .gexf): the selection as a networkx MultiDiGraph with bloc,
strength and edge attributes, and the GraphML writer (GEXF keeps the bloc colours)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import pandas as pd

from .model import Blocs, _select


def to_graph(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    seed: int = 42,
) -> nx.MultiDiGraph:
    """The selection as a MultiDiGraph ready for the GraphML and GEXF writers.

    Nodes carry ``label``, ``bloc`` ("" when none), ``centre`` (bool) and ``strength``; edges
    (keyed by relation) carry ``relation``, ``weight``, ``amount`` (US dollars, where stated),
    ``status``, ``mentions``, ``confidence``, and ``first_seen``, ``last_seen``, ``via``
    where known. For GEXF, ``viz`` gives each node its bloc colour.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic", 4e9)],
    ...                      columns=["source", "relation", "target", "amount_usd"])
    >>> D = to_graph(edges)
    >>> D.nodes["Anthropic"]["bloc"], D["Amazon"]["Anthropic"]["INVESTS_IN"]["amount"]
    ('Amazon bloc', 4000000000.0)
    """
    view, frame = _select(
        edges, blocs, focus=focus, hops=hops, bloc=bloc, relations=relations, as_of=as_of, seed=seed
    )
    D = nx.MultiDiGraph()
    strength: dict[str, float] = defaultdict(float)
    for s, t, w in zip(frame["source"], frame["target"], frame["weight"], strict=True):
        strength[s] += w
        strength[t] += w
    for name in sorted(strength):
        colour = mpl.colors.to_rgb(view.colour(view.membership.get(name)))
        D.add_node(
            name,
            label=name,
            bloc=view.membership.get(name, ""),
            centre=name in view.centres,
            strength=round(float(strength[name]), 6),
            viz={
                "color": {
                    "r": int(colour[0] * 255),
                    "g": int(colour[1] * 255),
                    "b": int(colour[2] * 255),
                    "a": 1.0,
                }
            },
        )
    for row in frame.itertuples(index=False):
        attrs: dict[str, Any] = {
            "relation": row.relation,
            "weight": round(float(row.weight), 6),
            "status": str(row.status),
            "mentions": int(row.mentions),
            "confidence": float(row.confidence),
        }
        if not pd.isna(row.amount_usd):
            attrs["amount"] = float(row.amount_usd)
        for name in ("first_seen", "last_seen", "via"):
            value = getattr(row, name)
            if value is not None and not pd.isna(value):
                attrs[name] = str(value)
        D.add_edge(row.source, row.target, key=row.relation, **attrs)
    return D


def _write_graphml(D: nx.MultiDiGraph, path: Path) -> None:
    G = D.copy()
    for _, data in G.nodes(data=True):
        data.pop("viz", None)
    nx.write_graphml(G, path, named_key_ids=True)
