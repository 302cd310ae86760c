"""Alliance analytics: the alliance edges as a weighted networkx graph, and what it shows.

The input is the DataFrame of alliance edges that the store returns (``store.alliance_edges()``),
one row per aggregated relationship between two organisations:

    source, target, relation, amount_usd, mentions, first_seen, last_seen, status, confidence, via

From it this module builds

- `alliance_graph`: an undirected weighted graph, for blocs and centrality, and
  `alliance_digraph`: a directed multigraph that keeps every relationship, for direction-aware
  measures and exports;
- `find_blocs`: the alliance blocs (Louvain, label propagation or Leiden), each named after its
  central organisation ("Amazon bloc"), with its members, the edges that hold it together and the
  modularity of the partition;
- `centrality`: weighted degree and betweenness;
- `contested`: labs tied to two or more blocs, with the edges that tie them;
- `compute_dependency`: each lab's cloud and chip suppliers and how concentrated they are;
- `write_back_rows`: the ``bloc`` and ``centrality`` property of each organisation, for the store;
- `bloc_snapshots` / `blocs_over_time`: the blocs of the graph as of a series of dates.

Everything is a pure function of the edges: no database, no files. Weights, status factors and
relation names are data, in ``graph/data/edges.toml``.

Edge weight
-----------
Each edge weighs ``relation weight x status factor x amount factor x mention factor x confidence``
with relation weights ACQUIRES 4, OWNS 4, INVESTS_IN 3, PROVIDES_CLOUD 2, SUPPLIES_CHIPS 1.5,
DISTRIBUTES 1.25, PARTNERS_WITH 1; status factors confirmed 1, reported 0.5, in_talks 0.5;
amount factor ``1 + log10(1 + amount_usd / 1e8)`` ($100M: 1.3, $1B: 2.04, $4B: 2.61, $13B: 3.12;
1 without an amount) and mention factor ``1 + ln(mentions)``. In the undirected graph the edges
between two organisations add up. Ended edges are left out; see `active_edges` for dates.
"""

from __future__ import annotations

import difflib
import math
import random
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Any, Literal, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from extract.errors import AlliancesError

from .loader import EDGE_COLUMNS  # the columns `Store.alliance_edges()` returns

__all__ = [
    "EDGE_COLUMNS",
    "Analysis",
    "AnalyticsError",
    "Bloc",
    "BlocResult",
    "Link",
    "MissingPackageError",
    "active_edges",
    "alliance_digraph",
    "alliance_graph",
    "analyze",
    "bloc_snapshots",
    "blocs_over_time",
    "centrality",
    "compute_dependency",
    "contested",
    "find_blocs",
    "parse_relations",
    "relation_table",
    "synthetic_alliances",
    "write_back_rows",
]

Method = Literal["louvain", "label-propagation", "leiden"]
Backend = Literal["auto", "igraph", "networkx"]

METHODS: tuple[str, ...] = ("louvain", "label-propagation", "leiden")
# Relations whose target is on the receiving end: funded, hosted, supplied, distributed.
LAB_RELATIONS = frozenset({"INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "DISTRIBUTES"})
COMPUTE_RELATIONS = {"PROVIDES_CLOUD": "cloud", "SUPPLIES_CHIPS": "chips"}

# Community detection is greedy: it runs up to MAX_RESTARTS times (seeds seed, seed + 1, ...) and
# keeps the best modularity, as many runs as fit the budget (runs x ties); networkx is slower.
MAX_RESTARTS = 10
RESTART_BUDGET = 250_000
RESTART_BUDGET_NETWORKX = 25_000
# Two backers of one lab are rivals at this share of the strongest backer's tie (find_blocs).
RIVAL_SHARE = 0.5
# Betweenness is exact up to this many organisations, sampled from this many sources above it.
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 64


# -- errors -----------------------------------------------------------------------------------


class AnalyticsError(AlliancesError):
    """An analysis cannot run as asked: an unknown method, bloc or organisation, a malformed
    date, edges without a needed column.

    Examples
    --------
    >>> str(AnalyticsError("unknown method 'lovain'; choose louvain, label-propagation or leiden"))
    "unknown method 'lovain'; choose louvain, label-propagation or leiden"
    """

    exit_code = 2


class MissingPackageError(AnalyticsError):
    """An optional package that the chosen method needs is not installed.

    Examples
    --------
    >>> str(MissingPackageError("leiden", "leidenalg"))
    "method 'leiden' needs the leidenalg package: pip install 'ai-alliances[fast]'"
    """

    exit_code = 1

    def __init__(self, what: str, package: str) -> None:
        self.package = package
        super().__init__(
            f"method '{what}' needs the {package} package: pip install 'ai-alliances[fast]'"
        )


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


# -- blocs ------------------------------------------------------------------------------------


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


class _Strengths(NamedTuple):
    """Per node index: weighted out-degree and weighted degree inside its bloc, and weighted
    out-degree in the whole graph."""

    out: list[float]
    degree: list[float]
    gives: list[float]


def _intra_strengths(canon: _Canonical, membership: Sequence[int]) -> _Strengths:
    """How much each node gives and holds inside its bloc, and gives in all.

    A directed relation counts for its source; a partnership (undirected) for both partners.
    """
    n = len(canon.nodes)
    out = [0.0] * n
    degree = [0.0] * n
    gives = [0.0] * n
    directed = _directed_relations()
    for (i, j), links in zip(canon.pairs, canon.links, strict=True):
        inside = membership[i] == membership[j]
        for link in links:
            w = link.weight
            if not directed.get(link.relation, False):
                givers: tuple[int, ...] = (i, j)
            else:
                givers = (i,) if link.source == canon.nodes[i] else (j,)
            for g in givers:
                gives[g] += w
                if inside:
                    out[g] += w
            if inside:
                degree[i] += w
                degree[j] += w
    return _Strengths(out, degree, gives)


@cache
def _directed_relations() -> dict[str, bool]:
    return {name: bool(spec["directed"]) for name, spec in relation_table()["relations"].items()}


def _rank_key(nodes: Sequence[Any], strengths: _Strengths) -> Any:
    """Sort key of members, most central first (see `find_blocs`, Notes)."""
    out, degree, gives = strengths
    return lambda i: (-round(out[i], 9), -round(degree[i], 9), -round(gives[i], 9), str(nodes[i]))


def _split_rivals(canon: _Canonical, membership: list[int], strengths: _Strengths) -> list[int]:
    """Split each bloc in which two strategic backers of one lab rival each other.

    Inside a bloc, the backers of a lab are the members that fund, host, supply or distribute
    it. Two or more backers are rivals when each one's tie to the lab weighs at least
    `RIVAL_SHARE` of the lab's strongest backer's, spans two or more kinds of relationship
    (money and compute, say: a strategic backer rather than one investor in a round), and
    gives at least `RIVAL_SHARE` as much inside the bloc as the bloc's centre. Such a bloc is
    split: the rivals and the centre each anchor a bloc, and every other member joins, round
    by round, the anchor its ties to the already placed members weigh most towards (ties to
    the higher ranked anchor). The lab goes with its strongest backer; the others then count
    it as contested.
    """
    out_strength = strengths.out
    rank = _rank_key(canon.nodes, strengths)
    backers: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for (i, j), w, links in zip(canon.pairs, canon.weights, canon.links, strict=True):
        # one relationship is one kind of tie: never a rival's
        if len(links) < 2 or membership[i] != membership[j]:
            continue
        kinds = len({link.relation for link in links})
        for link in links:
            if link.relation in LAB_RELATIONS:
                lab, backer = (j, i) if link.target == canon.nodes[j] else (i, j)
                backers[lab][backer] = (w, kinds)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(membership):
        groups[c].append(i)
    top = {c: max(out_strength[i] for i in members) for c, members in groups.items()}
    anchors: dict[int, set[int]] = defaultdict(set)
    for lab, ties in sorted(backers.items()):
        if len(ties) < 2:
            continue
        c = membership[lab]
        best = max(w for w, _ in ties.values())
        rivals = [
            b
            for b, (w, kinds) in ties.items()
            if w >= RIVAL_SHARE * best and kinds >= 2 and out_strength[b] >= RIVAL_SHARE * top[c]
        ]
        if len(rivals) >= 2:
            anchors[c].update(rivals)
    if not anchors:
        return membership
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), w in zip(canon.pairs, canon.weights, strict=True):
        if membership[i] == membership[j] and membership[i] in anchors:
            neighbours[i].append((j, w))
            neighbours[j].append((i, w))
    membership = list(membership)
    next_id = max(membership, default=-1) + 1
    for c, seeds in sorted(anchors.items()):
        members = sorted(groups[c], key=rank)
        seeds = sorted(seeds | {members[0]}, key=rank)
        placed = {a: k for k, a in enumerate(seeds)}
        waiting = [m for m in members if m not in placed]
        while waiting:
            moves = {}
            for m in waiting:
                pull = defaultdict(float)
                for other, w in neighbours[m]:
                    if other in placed:
                        pull[placed[other]] += w
                if pull:
                    moves[m] = min(pull, key=lambda k: (-round(pull[k], 9), k))
            if not moves:  # cut off from every anchor: stays with the centre
                moves = dict.fromkeys(waiting, 0)
            placed.update(moves)
            waiting = [m for m in waiting if m not in placed]
        ids = [c, *range(next_id, next_id + len(seeds) - 1)]
        next_id += len(seeds) - 1
        for m, k in placed.items():
            membership[m] = ids[k]
    return membership


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


# -- centrality -------------------------------------------------------------------------------


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


# -- contested labs ---------------------------------------------------------------------------


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


# -- compute dependency -----------------------------------------------------------------------


def compute_dependency(edges: pd.DataFrame, *, as_of: object = None) -> pd.DataFrame:
    """Each lab's cloud and chip suppliers and how concentrated its compute is.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges; the ``PROVIDES_CLOUD`` and ``SUPPLIES_CHIPS`` ones are used.
    as_of : str or datetime.date, optional
        Suppliers as of this date (see `active_edges`); ended supply deals are left out.

    Returns
    -------
    pandas.DataFrame
        One row per organisation with at least one cloud or chip supplier, by name:
        ``lab``; ``cloud`` and ``chips`` (supplier -> share, largest first); ``cloud_hhi`` and
        ``chips_hhi`` (Herfindahl index of those shares: 1.0 for a single supplier, 1/n for n
        equal ones, NaN without suppliers of that kind); ``hhi`` (over cloud and chip suppliers
        together, a supplier of both counted once); ``top_supplier``; ``via`` (the products
        named: AWS, Trainium, TPU...).

    Notes
    -----
    A supplier's share is its part of the lab's supply weight, where each supply edge weighs
    its edge weight without the relation's factor (constant within cloud or chips):
    ``status factor x (1 + log10(1 + amount_usd / 1e8)) x (1 + ln(mentions)) x confidence``,
    so amounts, repeated mentions and confirmed deals count more. The Herfindahl index is the
    sum of the squared shares; ``1 / hhi`` is the effective number of suppliers.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Amazon", "PROVIDES_CLOUD", "Anthropic", 1, "AWS"),
    ...         ("Google", "PROVIDES_CLOUD", "Anthropic", 1, "Google Cloud"),
    ...         ("Amazon", "SUPPLIES_CHIPS", "Anthropic", 1, "Trainium"),
    ...         ("Microsoft", "PROVIDES_CLOUD", "OpenAI", 1, "Azure"),
    ...         ("Nvidia", "SUPPLIES_CHIPS", "OpenAI", 1, None),
    ...     ],
    ...     columns=["source", "relation", "target", "mentions", "via"],
    ... )
    >>> table = compute_dependency(edges)
    >>> table[["lab", "cloud_hhi", "chips_hhi", "hhi", "top_supplier"]].round(3)
             lab  cloud_hhi  chips_hhi    hhi top_supplier
    0  Anthropic        0.5        1.0  0.556       Amazon
    1     OpenAI        1.0        1.0  0.500    Microsoft
    >>> table.loc[0, "cloud"], table.loc[0, "via"]
    ({'Amazon': 0.5, 'Google': 0.5}, ['AWS', 'Google Cloud', 'Trainium'])
    """
    columns = ["lab", "cloud", "cloud_hhi", "chips", "chips_hhi", "hhi", "top_supplier", "via"]
    frame = active_edges(edges, as_of=as_of)
    frame = frame[frame["relation"].isin(list(COMPUTE_RELATIONS))]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    base = frame["relation"].map({k: v["weight"] for k, v in relation_table()["relations"].items()})
    frame = frame.assign(
        supply=frame["weight"] / base, kind=frame["relation"].map(COMPUTE_RELATIONS)
    )
    supply = frame.groupby(["target", "kind", "source"], sort=True)["supply"].sum()
    labs: dict[str, dict[str, Any]] = {}
    for (lab, kind, supplier), w in supply.items():
        row = labs.setdefault(lab, {"cloud": {}, "chips": {}})
        row[kind][supplier] = w
    products: dict[str, set[str]] = defaultdict(set)
    for lab, via in zip(frame["target"], frame["via"], strict=True):
        if not _missing(via):
            products[lab].add(str(via))
    rows = []
    for lab, kinds in labs.items():
        combined: dict[str, float] = defaultdict(float)
        row: dict[str, Any] = {"lab": lab}
        for kind in ("cloud", "chips"):
            for supplier, w in kinds[kind].items():
                combined[supplier] += w
            row[kind] = _shares(kinds[kind])
            row[f"{kind}_hhi"] = _hhi(row[kind])
        overall = _shares(combined)
        row["hhi"] = _hhi(overall)
        row["top_supplier"] = next(iter(overall), None)
        row["via"] = sorted(products[lab])
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _shares(weights: Mapping[str, float]) -> dict[str, float]:
    total = math.fsum(weights.values())
    if total <= 0:
        return {}
    ranked = sorted(weights.items(), key=lambda item: (-round(item[1], 9), item[0]))
    return {name: w / total for name, w in ranked}


def _hhi(shares: Mapping[str, float]) -> float:
    return math.fsum(s * s for s in shares.values()) if shares else math.nan


# -- write-back -------------------------------------------------------------------------------


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


# -- synthetic graphs -------------------------------------------------------------------------


def synthetic_alliances(
    n_orgs: int,
    *,
    degree: float = 5.0,
    bloc_size: int = 40,
    inside: float = 0.8,
    seed: int = 42,
) -> pd.DataFrame:
    """A seeded synthetic alliance edge table with bloc structure, for benchmarks and tests.

    Organisations ``Org000000``... fall into blocs of about ``bloc_size``; the first member of
    each bloc is its patron. Each edge starts at a random organisation and, with probability
    ``inside``, stays in its bloc (half the time reaching the patron, which then is the
    source), else goes anywhere.

    Parameters
    ----------
    n_orgs : int
        Number of organisations (a few may end up without an edge).
    degree : float, default 5.0
        Average number of edges per organisation (``n_orgs * degree / 2`` rows).
    bloc_size : int, default 40
    inside : float, default 0.8
    seed : int, default 42

    Returns
    -------
    pandas.DataFrame
        The alliance edge columns (`EDGE_COLUMNS`).

    Examples
    --------
    >>> edges = synthetic_alliances(100, seed=1)
    >>> len(edges), sorted(edges.columns) == sorted(EDGE_COLUMNS)
    (250, True)
    """
    rng = np.random.default_rng(seed)
    n_blocs = max(1, n_orgs // bloc_size)
    bloc_of = rng.integers(0, n_blocs, n_orgs)
    bloc_of[:n_blocs] = np.arange(n_blocs)  # org i < n_blocs is the patron of bloc i
    order = np.argsort(bloc_of, kind="stable")
    starts = np.searchsorted(bloc_of[order], np.arange(n_blocs))
    sizes = np.bincount(bloc_of, minlength=n_blocs)
    m = round(n_orgs * degree / 2)
    src = rng.integers(0, n_orgs, m)
    home = bloc_of[src]
    mate = order[starts[home] + (rng.random(m) * sizes[home]).astype(int)]
    to_patron = rng.random(m) < 0.5
    stay = rng.random(m) < inside
    anywhere = rng.integers(0, n_orgs, m)
    tgt = np.where(stay, np.where(to_patron, home, mate), anywhere)
    flip = stay & to_patron  # the patron gives: it is the source
    src, tgt = np.where(flip, tgt, src), np.where(flip, src, tgt)
    tgt = np.where(src == tgt, (tgt + 1) % n_orgs, tgt)
    width = len(str(max(n_orgs - 1, 1)))
    names = np.array([f"Org{i:0{width}d}" for i in range(n_orgs)], dtype=object)
    relations = np.array(list(relation_table()["relations"]), dtype=object)
    relations = relations[relations != "OWNS"]
    p = {"INVESTS_IN": 0.35, "PROVIDES_CLOUD": 0.2, "SUPPLIES_CHIPS": 0.15, "PARTNERS_WITH": 0.2}
    probs = np.array([p.get(r, 0.0) for r in relations])
    probs[probs == 0] = (1 - probs.sum()) / (probs == 0).sum()
    relation = rng.choice(relations, m, p=probs)
    amount = np.where(
        (relation == "INVESTS_IN") & (rng.random(m) < 0.5),
        np.round(np.exp(rng.normal(np.log(2e8), 1.5, m)), -6),
        np.nan,
    )
    year = rng.integers(2015, 2026, m)
    month = rng.integers(1, 13, m)
    first_seen = np.where(
        rng.random(m) < 0.7,
        [f"{y}-{mo:02d}" for y, mo in zip(year, month, strict=True)],
        year.astype(str),
    )
    status = rng.choice(
        np.array(["confirmed", "reported", "in_talks", "ended"], dtype=object),
        m,
        p=[0.85, 0.06, 0.05, 0.04],
    )
    return pd.DataFrame(
        {
            "source": names[src],
            "target": names[tgt],
            "relation": relation,
            "amount_usd": amount,
            "mentions": rng.geometric(0.5, m),
            "first_seen": first_seen,
            "last_seen": first_seen,
            "status": status,
            "confidence": np.round(rng.uniform(0.6, 1.0, m), 3),
            "via": None,
        },
        columns=list(EDGE_COLUMNS),
    )
