"""The fixed choices of the analytics: the clustering methods and backends, the relations that
make an organisation a lab or a compute supplier, the restart budget of community detection,
the rival share of bloc splitting and the limits of exact betweenness. The weights and status
factors of the relations are data, in ``graph/data/edges.toml`` (`graph.analytics.edges`).
"""

from __future__ import annotations

from typing import Literal

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
