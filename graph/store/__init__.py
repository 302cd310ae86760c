"""The graph store: one `Store` interface, two backends, the same Cypher for both.

- `EmbeddedStore` (the default): FalkorDB through ``falkordblite``, one file on disk
  (``./alliances.db``, or ``$ALLIANCES_STORE``); no server to install.
- `Neo4jStore`: Neo4j 5 / Aura through the official driver, with managed transactions
  (``execute_read`` / ``execute_write``); URI, user, password and database from ``NEO4J_URI``,
  ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (the URI may also be passed).

A backend only knows how to run Cypher (`Store._run`, `Store._write_batch`) and set up its
schema; loading, named queries, statistics and the analytics' reads and write-back are written
once, in `Store`, in Cypher both dialects share (their few differences are in `graph.dialects`).

Modules: ``base`` (the `Store` interface), ``embedded`` (falkordblite), ``bolt`` (the neo4j
driver), ``values`` (parameters in, results out); `open_store` here picks one.

    >>> from graph.store import open_store
    >>> with open_store("alliances.db") as store:                        # doctest: +SKIP
    ...     store.load("triples.jsonl")
    ...     store.named_query("who-funds", org="Anthropic")

Reads go down the database's own read-only path (FalkorDB ``GRAPH.RO_QUERY``, Neo4j
``execute_read``), so a query that writes is refused by the database, not by guessing. Every
failure comes out as a `graph.errors` exception, and no message, repr or log line carries the
Neo4j password.
"""

from __future__ import annotations

import os

from ..errors import StoreError
from .base import DEFAULT_GRAPH, DEFAULT_STORE, EDGE_COLUMNS, Store
from .bolt import Neo4jStore
from .embedded import EmbeddedStore

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "EDGE_COLUMNS",
    "EmbeddedStore",
    "Neo4jStore",
    "Store",
    "open_store",
]


def open_store(
    path: str | os.PathLike | None = None,
    *,
    neo4j_uri: str | None = None,
    graph: str = DEFAULT_GRAPH,
) -> Store:
    """Open the store: Neo4j if a URI is given (or ``NEO4J_URI`` is set and no path is), else
    the embedded store at ``path`` (default ``$ALLIANCES_STORE``, else ``./alliances.db``).

    The store is a context manager; ``with`` closes it (saving the embedded file) on exit, on
    Ctrl-C and on errors.

    Parameters
    ----------
    path : str or Path, optional
        Embedded store file.
    neo4j_uri : str, optional
        Neo4j URI; credentials come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``.
    graph : str
        Graph name inside the embedded file (Neo4j uses ``NEO4J_DATABASE`` instead).

    Raises
    ------
    StoreError
        The store cannot be opened or reached.

    Examples
    --------
    >>> with open_store("alliances.db") as store:                         # doctest: +SKIP
    ...     store.load("triples.jsonl").loaded
    14
    """
    if neo4j_uri and path:
        raise StoreError("give an embedded store path or a Neo4j URI, not both")
    if neo4j_uri or (path is None and os.environ.get("NEO4J_URI")):
        return Neo4jStore(neo4j_uri)
    return EmbeddedStore(path, graph=graph)
