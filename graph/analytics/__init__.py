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

Modules
-------
``edges`` (relation table, dates, `active_edges`, `alliance_graph`, `alliance_digraph`, `Link`),
``blocs`` (`Bloc`, `BlocResult`, `find_blocs`) on ``backends`` (canonical graph, igraph and
networkx, partitions, modularity) and ``rivals`` (bloc centres, rival splitting), ``timeline``
(`bloc_snapshots`, `blocs_over_time`), ``centralities`` (`centrality`), ``contested_labs``
(`contested`), ``dependency`` (`compute_dependency`), ``analysis`` (`write_back_rows`,
`Analysis`, `analyze`), ``synthetic`` (`synthetic_alliances`), ``errors`` and ``constants``.
Every public name is importable from ``graph.analytics``.
"""

from ..loader import EDGE_COLUMNS  # the columns `Store.alliance_edges()` returns
from .analysis import Analysis, analyze, write_back_rows

# the igraph helpers graph.diagrams uses
from .backends import _igraph, _igraph_seed  # noqa: F401
from .blocs import Bloc, BlocResult, find_blocs
from .centralities import centrality

# importable as before, outside `__all__`
from .constants import (  # noqa: F401
    BETWEENNESS_SAMPLES,
    COMPUTE_RELATIONS,
    EXACT_BETWEENNESS_LIMIT,
    LAB_RELATIONS,
    MAX_RESTARTS,
    METHODS,
    RESTART_BUDGET,
    RESTART_BUDGET_NETWORKX,
    RIVAL_SHARE,
    Backend,
    Method,
)
from .contested_labs import contested
from .dependency import compute_dependency
from .edges import (
    Link,
    active_edges,
    alliance_digraph,
    alliance_graph,
    parse_relations,
    relation_table,
)
from .errors import AnalyticsError, MissingPackageError
from .synthetic import synthetic_alliances
from .timeline import bloc_snapshots, blocs_over_time

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
