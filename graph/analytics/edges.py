"""The alliance edges and the graphs made of them. The edges are the DataFrame the store returns
(``store.alliance_edges()``), one row per aggregated relationship between two organisations, with
the columns ``source, target, relation, amount_usd, mentions, first_seen, last_seen, status,
confidence, via``. This module holds the relation table of ``graph/data/edges.toml`` and
`parse_relations`, the reading of full and partial ISO dates, `active_edges` (the edges kept as
of a date, each with its weight; the weight formula is in the `graph.analytics` docstring),
`Link` and the undirected `alliance_graph` and directed `alliance_digraph` that every measure of
the package starts from.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from .errors import AnalyticsError

# -- relations and weights --------------------------------------------------------------------


@cache
def relation_table() -> dict[str, Any]:
    """The weights and drawing styles of the relations, from ``graph/data/edges.toml``.

    Returns
    -------
    dict
        ``{"relations": {NAME: {weight, short, directed, color, ...}}, "status": {...},
        "amount_scale_usd": float}``.

    Examples
    --------
    >>> relation_table()["relations"]["INVESTS_IN"]["weight"]
    3.0
    """
    text = resources.files("graph").joinpath("data", "edges.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def parse_relations(values: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Relation names from names or short names, comma separated or as a list.

    Parameters
    ----------
    values : str or iterable of str or None
        ``"invest,cloud"``, ``["INVESTS_IN", "chips"]``; case does not matter.

    Returns
    -------
    tuple of str or None
        Canonical relation names in the order given, or None for None (all relations).

    Raises
    ------
    AnalyticsError
        For a name that is no relation.

    Examples
    --------
    >>> parse_relations("invest, cloud,SUPPLIES_CHIPS")
    ('INVESTS_IN', 'PROVIDES_CLOUD', 'SUPPLIES_CHIPS')
    """
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    relations = relation_table()["relations"]
    lookup = {name.lower(): name for name in relations}
    lookup.update({spec["short"]: name for name, spec in relations.items()})
    found: list[str] = []
    for value in values:
        key = value.strip().lower()
        if not key:
            continue
        if key not in lookup:
            known = ", ".join(spec["short"] for spec in relations.values())
            raise AnalyticsError(f"unknown relation '{value.strip()}'; known: {known}")
        if lookup[key] not in found:
            found.append(lookup[key])
    return tuple(found)


# -- dates ------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?$")


def _period(value: object) -> tuple[str, str] | None:
    """The first and last day of a full or partial ISO date, as ``YYYY-MM-DD`` strings.

    The last day of a month is written ``-31`` for every month: the strings serve only for
    comparison, where ``2024-02-31`` sorts correctly after every day of February.
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        day = value.strftime("%Y-%m-%d")
        return day, day
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = match.groups()
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        raise ValueError(text)
    if day is None:
        return f"{year}-{int(month):02d}-01", f"{year}-{int(month):02d}-31"
    full = date(int(year), int(month), int(day)).isoformat()  # ValueError for 2024-02-30
    return full, full


def _as_of_end(as_of: object) -> str | None:
    """The last day of the period ``as_of`` names, or None for None."""
    try:
        period = _period(as_of)
    except ValueError:
        raise AnalyticsError(
            f"cannot read the date '{as_of}'; write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    return None if period is None else period[1]


def _starts(column: pd.Series, name: str) -> pd.Series:
    """The first day of each date in ``column`` (None where there is no date)."""
    cache_: dict[object, str | None] = {}
    for value in pd.unique(column.astype(object)):
        try:
            period = _period(value)
        except ValueError:
            raise AnalyticsError(
                f"edge column '{name}' holds a malformed date '{value}'; "
                "expected YYYY, YYYY-MM or YYYY-MM-DD"
            ) from None
        cache_[value] = None if period is None else period[0]
    return column.astype(object).map(lambda v: cache_.get(v))


# -- edges ------------------------------------------------------------------------------------


def _normalise(edges: pd.DataFrame) -> pd.DataFrame:
    """The edge columns, with defaults for the optional ones; triples are accepted too."""
    if not isinstance(edges, pd.DataFrame):
        raise AnalyticsError("edges must be a pandas DataFrame")
    frame = edges
    if "source" not in frame.columns and {"subject", "object"} <= set(frame.columns):
        frame = frame.rename(columns={"subject": "source", "object": "target"})
        if "date" in frame.columns and "first_seen" not in frame.columns:
            frame = frame.assign(first_seen=frame["date"])
    missing = [c for c in ("source", "target", "relation") if c not in frame.columns]
    if missing:
        raise AnalyticsError(f"the edges have no column {', '.join(repr(c) for c in missing)}")
    names = {}
    for column_name in ("source", "target"):
        column_values = frame[column_name]
        if column_values.isna().any():
            raise AnalyticsError(f"the edges have a row without a {column_name} organisation")
        names[column_name] = column_values.astype(str).astype(object)
    out = pd.DataFrame(
        {**names, "relation": frame["relation"].astype(str).str.upper().astype(object)},
        index=frame.index,
    )
    n = len(frame)

    def column(name: str, default: object) -> pd.Series:
        if name in frame.columns:
            return frame[name]
        return pd.Series([default] * n, index=frame.index, dtype=object)

    out["amount_usd"] = pd.to_numeric(column("amount_usd", np.nan), errors="coerce").astype(float)
    mentions = pd.to_numeric(column("mentions", 1), errors="coerce").fillna(1)
    out["mentions"] = mentions.clip(lower=1).astype(int)
    out["first_seen"] = column("first_seen", None).astype(object)
    last = column("last_seen", None).astype(object)
    out["last_seen"] = last.where(last.notna(), out["first_seen"])
    status = column("status", "confirmed").astype(object)
    out["status"] = status.where(status.notna(), "confirmed").astype(str).str.lower().astype(object)
    confidence = pd.to_numeric(column("confidence", 1.0), errors="coerce").fillna(1.0)
    out["confidence"] = confidence.clip(0.0, 1.0).astype(float)
    via = column("via", None).astype(object)
    out["via"] = via.where(via.notna(), None)
    for extra in frame.columns:  # evidence ids and the like ride along
        if extra not in out.columns and extra not in ("subject", "object"):
            out[extra] = frame[extra]
    return out


def active_edges(edges: pd.DataFrame, *, as_of: object = None) -> pd.DataFrame:
    """The edges that make up the alliance graph, with their weight, as of a date.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges (see the module docstring); only ``source``, ``target`` and ``relation``
        are required. A triples frame (``subject``, ``object``, ``date``) is accepted too.
    as_of : str or datetime.date, optional
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: keep the edges whose ``first_seen`` falls in
        or before that period. A partial date is a period: ``first_seen="2024"`` is in the graph
        as of ``2024-03`` (it may have been), ``first_seen="2024-05"`` is in the graph as of
        ``2024``. Undated edges are left out of a dated graph.

    Returns
    -------
    pandas.DataFrame
        The normalised edge columns plus ``weight``, sorted by source, relation, target.
        Self-loops, zero weights and ended edges are left out; an ended edge stays in a graph
        as of a date before its ``last_seen`` (the end was reported later) and weighs as
        confirmed there.

    Raises
    ------
    AnalyticsError
        For a missing column, an unknown relation or status, or a malformed date.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Google", "INVESTS_IN", "Anthropic", 2e9, "2023-02", "confirmed"),
    ...         ("Amazon", "INVESTS_IN", "Anthropic", 4e9, "2023-09", "confirmed"),
    ...         ("Microsoft", "INVESTS_IN", "Inflection AI", None, "2023", "ended"),
    ...     ],
    ...     columns=["source", "relation", "target", "amount_usd", "first_seen", "status"],
    ... )
    >>> active_edges(edges)[["source", "target", "weight"]].round(3)
       source     target  weight
    0  Amazon  Anthropic   7.838
    1  Google  Anthropic   6.967
    >>> list(active_edges(edges, as_of="2023-06")["source"])
    ['Google']
    """
    table = relation_table()
    frame = _normalise(edges)
    unknown = sorted(set(frame["relation"]) - set(table["relations"]))
    if unknown:
        raise AnalyticsError(
            f"unknown relation {', '.join(repr(r) for r in unknown)}; "
            f"known: {', '.join(table['relations'])}"
        )
    unknown = sorted(set(frame["status"]) - set(table["status"]))
    if unknown:
        raise AnalyticsError(
            f"unknown status {', '.join(repr(s) for s in unknown)}; "
            f"known: {', '.join(table['status'])}"
        )
    frame = frame[frame["source"] != frame["target"]]
    ended = frame["status"] == "ended"
    status_factor = frame["status"].map(table["status"]).astype(float)
    end = _as_of_end(as_of)
    if end is None:
        keep = ~ended
    else:
        first = _starts(frame["first_seen"], "first_seen")
        last = _starts(frame["last_seen"], "last_seen")
        seen = first.notna() & (first.fillna("9999") <= end)
        still_on = ended & last.notna() & (last.fillna("") > end)
        keep = seen & (~ended | still_on)
        status_factor = status_factor.where(~still_on, table["status"]["confirmed"])
    amount = frame["amount_usd"].clip(lower=0).fillna(0.0)
    weight = (
        frame["relation"].map({k: v["weight"] for k, v in table["relations"].items()})
        * status_factor
        * (1.0 + np.log10(1.0 + amount / table["amount_scale_usd"]))
        * (1.0 + np.log(frame["mentions"].astype(float)))
        * frame["confidence"]
    )
    frame = frame.assign(weight=weight.astype(float))[keep & (weight > 0)]
    frame = frame.sort_values(["source", "relation", "target", "weight"], kind="mergesort")
    return frame.reset_index(drop=True)


class Link(NamedTuple):
    """One relationship between two organisations, with its weight in the alliance graph."""

    source: str
    relation: str
    target: str
    weight: float
    amount_usd: float | None = None

    def __str__(self) -> str:
        return f"{self.source} {self.relation} {self.target}"


def alliance_graph(edges: pd.DataFrame, *, as_of: object = None) -> nx.Graph:
    """The undirected weighted alliance graph: organisations and how strongly they are tied.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges; see `active_edges` for what is kept and how each edge is weighted.
    as_of : str or datetime.date, optional
        The graph as of this date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Returns
    -------
    networkx.Graph
        Nodes are organisations, added in sorted order. The edge between two organisations
        carries ``weight`` (the sum of the weights of the relationships between them, either
        way) and ``links`` (those relationships, as `Link` tuples). ``G.graph["as_of"]`` holds
        the date.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [("Amazon", "INVESTS_IN", "Anthropic"), ("Amazon", "PROVIDES_CLOUD", "Anthropic")],
    ...     columns=["source", "relation", "target"],
    ... )
    >>> G = alliance_graph(edges)
    >>> G["Anthropic"]["Amazon"]["weight"]
    5.0
    >>> [str(link) for link in G["Amazon"]["Anthropic"]["links"]]
    ['Amazon INVESTS_IN Anthropic', 'Amazon PROVIDES_CLOUD Anthropic']
    """
    frame = active_edges(edges, as_of=as_of)
    G = nx.Graph(as_of=None if as_of is None else str(as_of))
    sources = frame["source"].to_numpy(dtype=object)
    targets = frame["target"].to_numpy(dtype=object)
    G.add_nodes_from(sorted(set(sources) | set(targets)))
    if frame.empty:
        return G
    forward = sources < targets
    first = np.where(forward, sources, targets)
    second = np.where(forward, targets, sources)
    # rows are sorted by source, relation, target: a stable sort by pair keeps that order inside
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    sources, targets = sources[order], targets[order]
    relations = frame["relation"].to_numpy(dtype=object)[order]
    weights = frame["weight"].to_numpy(dtype=float)[order]
    amounts = frame["amount_usd"].to_numpy(dtype=float)[order]
    new_pair = np.ones(len(order), dtype=bool)
    new_pair[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    starts = np.flatnonzero(new_pair)
    totals = np.add.reduceat(weights, starts)
    links = [
        Link(s, r, t, w, None if math.isnan(a) else a)
        for s, r, t, w, a in zip(
            sources, relations, targets, weights.tolist(), amounts.tolist(), strict=True
        )
    ]
    bounds = [*starts.tolist(), len(order)]
    G.add_edges_from(
        (first[lo], second[lo], {"weight": total, "links": tuple(links[lo:hi])})
        for lo, hi, total in zip(bounds[:-1], bounds[1:], totals.tolist(), strict=True)
    )
    return G


def alliance_digraph(edges: pd.DataFrame, *, as_of: object = None) -> nx.MultiDiGraph:
    """The directed alliance multigraph: one edge per relationship, keyed by relation.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges; see `active_edges`.
    as_of : str or datetime.date, optional
        The graph as of this date.

    Returns
    -------
    networkx.MultiDiGraph
        Edges run source -> target with key ``relation`` and the edge's columns as attributes
        (``weight``, ``amount_usd``, ``mentions``, ``first_seen``, ``last_seen``, ``status``,
        ``confidence``, ``via``); missing values are left out. PARTNERS_WITH keeps the
        direction it was stored with.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [("Amazon", "INVESTS_IN", "Anthropic", 4e9), ("Google", "SUPPLIES_CHIPS", "Anthropic", None)],
    ...     columns=["source", "relation", "target", "amount_usd"],
    ... )
    >>> D = alliance_digraph(edges)
    >>> sorted(D.in_edges("Anthropic", keys=True))
    [('Amazon', 'Anthropic', 'INVESTS_IN'), ('Google', 'Anthropic', 'SUPPLIES_CHIPS')]
    >>> D["Amazon"]["Anthropic"]["INVESTS_IN"]["amount_usd"]
    4000000000.0
    """
    frame = active_edges(edges, as_of=as_of)
    D = nx.MultiDiGraph(as_of=None if as_of is None else str(as_of))
    D.add_nodes_from(sorted(set(frame["source"]) | set(frame["target"])))
    for row in frame.to_dict("records"):
        attrs = {k: v for k, v in row.items() if k not in ("source", "target") and not _missing(v)}
        D.add_edge(row["source"], row["target"], key=row["relation"], **attrs)
    return D


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and the like
        return False
