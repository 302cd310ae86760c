"""The graph store: one `Store` interface, two backends, the same Cypher for both.

- `EmbeddedStore` (the default): FalkorDB through ``falkordblite``, one file on disk
  (``./alliances.db``, or ``$ALLIANCES_STORE``); no server to install.
- `Neo4jStore`: Neo4j 5 / Aura through the official driver, with managed transactions
  (``execute_read`` / ``execute_write``); URI, user, password and database from ``NEO4J_URI``,
  ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (the URI may also be passed).

A backend only knows how to run Cypher (`Store._run`, `Store._write_batch`) and set up its
schema; loading, named queries, statistics and the analytics' reads and write-back are written
once, in `Store`, in Cypher both dialects share (their few differences are in `graph.dialects`).

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

import contextlib
import datetime as dt
import math
import os
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

import pandas as pd

from . import loader
from .dialects import FALKORDB, NEO4J, Dialect, falkordb_schema, neo4j_schema, one_line
from .errors import QueryError, ReadOnlyError, StoreError
from .loader import (
    ALLIANCE_RELATIONS,
    DEFAULT_BATCH_SIZE,
    EDGE_COLUMNS,
    EVIDENCE_AGGREGATES,
    EVIDENCE_ORDER,
    LAST_SEEN,
    LoadReport,
)
from .queries import get_query

__all__ = [
    "DEFAULT_STORE",
    "EDGE_COLUMNS",
    "EmbeddedStore",
    "Neo4jStore",
    "Store",
    "open_store",
]

DEFAULT_STORE = "alliances.db"
DEFAULT_GRAPH = "alliances"

_EDGES = """\
MATCH (s:Organization)-[r]->(o:Organization)
WHERE type(r) IN $relations
RETURN s.name AS source, o.name AS target, type(r) AS relation, r.amountUsd AS amount_usd,
       r.mentions AS mentions, r.firstSeen AS first_seen, r.lastSeen AS last_seen,
       r.status AS status, r.confidence AS confidence, r.via AS via
ORDER BY relation, source, target"""

_EDGES_AS_OF = f"""\
MATCH (s:Organization)<-[:SUBJECT]-(e:Evidence)-[:OBJECT]->(o:Organization),
      (e)-[:IN]->(a:Article)
WHERE e.relation IN $relations AND coalesce(e.date, a.published) <= $until
WITH s, o, e, a
{EVIDENCE_ORDER}
WITH s, o, e.relation AS relation, {EVIDENCE_AGGREGATES}
RETURN s.name AS source, o.name AS target, relation, amountUsd AS amount_usd, mentions,
       firstSeen AS first_seen, {LAST_SEEN} AS last_seen, statuses[-1] AS status,
       confidence, via
ORDER BY relation, source, target"""

_NODE_COUNTS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
_EDGE_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS rel, count(*) AS n ORDER BY rel"
_ORGANIZATIONS = """\
MATCH (o:Organization)
RETURN o.id AS id, o.name AS name, labels(o) AS labels, o.bloc AS bloc, o.centrality AS centrality
ORDER BY id"""
_WRITE_BACK = """\
UNWIND $rows AS row
MATCH (o:Organization {name: row.name})
SET o += row.properties
RETURN count(o) AS updated"""
_PROTECTED = frozenset({"id", "name", "aliases"})


class Store(ABC):
    """A Cypher graph of alliances: load triples, query, read edges for analytics, write back.

    Get one with `open_store`; use it as a context manager so that it is closed (and, embedded,
    saved) on exit, on Ctrl-C and on errors.

    Examples
    --------
    >>> with open_store(tmp / "doc.db") as store:                            # doctest: +SKIP
    ...     report = store.load([{"subject": "Amazon", "subject_type": "ORG",
    ...         "relation": "INVESTS_IN", "object": "Anthropic", "object_type": "ORG",
    ...         "status": "confirmed", "amount_usd": 4e9, "article_id": "a1",
    ...         "sentence": "Amazon invests $4 billion in Anthropic.", "start": 0, "end": 39}])
    ...     store.stats()["relationships"]["INVESTS_IN"]
    1
    """

    backend: str = ""
    dialect: Dialect

    def __init__(self) -> None:
        self._schema_ready = False

    # -- what a backend provides ----------------------------------------------------------------

    @abstractmethod
    def _run(self, cypher: str, params: dict | None, *, write: bool) -> tuple[list[str], list]:
        """Run one statement; return (column names, rows of plain Python values)."""

    @abstractmethod
    def _write_batch(self, statements: Sequence[tuple[str, dict]]) -> None:
        """Run a batch's statements in order (in one transaction where the backend has them)."""

    @abstractmethod
    def _setup_schema(self) -> None:
        """Create the uniqueness constraints and indexes that are missing."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; safe to call twice."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the store is, for messages (a path, or a URI without credentials)."""

    # -- context manager ------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # an error is on its way out: do not mask it
            self.close()

    def ensure_schema(self) -> None:
        """Set up uniqueness and indexes on ``id`` (idempotent; done before the first write)."""
        if not self._schema_ready:
            self._setup_schema()
            self._schema_ready = True

    # -- queries --------------------------------------------------------------------------------

    def query(
        self,
        cypher: str,
        /,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        **named: Any,
    ) -> pd.DataFrame:
        """Run Cypher and return its rows as a DataFrame.

        Parameters
        ----------
        cypher : str
            One statement. Values belong in ``$parameters``, never in the text.
        params : dict, optional
            The parameters; other keyword arguments are added to them (so ``$params`` and
            ``$write`` can only be given in this dict).
        write : bool
            Allow the query to write. Without it the query runs on the database's read-only path
            and one that writes is refused with `ReadOnlyError`, having changed nothing.

        Raises
        ------
        ReadOnlyError
            The query writes and ``write`` is false.
        QueryError
            The database refused the query (the message has the line and column).

        Examples
        --------
        >>> store.query("MATCH (o:Organization {id: $id}) RETURN o.name AS name", id="amazon")
        ...                                                                     # doctest: +SKIP
             name
        0  Amazon
        """
        if not isinstance(cypher, str) or not cypher.strip():
            raise QueryError("empty query")
        values = {**(params or {}), **named}
        columns, rows = self._run(cypher, _params(values) if values else None, write=write)
        return _frame(columns, rows)

    def named_query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a query of the library (``graph/queries/NAME.cypher``) with its parameters.

        Strings are coerced to the parameter's type (``limit="5"`` -> 5), defaults are filled in,
        and a missing or unknown parameter is a `QueryError` that says what is expected.

        Examples
        --------
        >>> store.named_query("who-funds", org="Anthropic")[["investor", "amount_usd"]]
        ...                                                                     # doctest: +SKIP
          investor    amount_usd
        0   Amazon  8.000000e+09
        1   Google  2.000000e+09
        """
        query = get_query(name)
        return self.query(query.cypher, query.bind(params))

    # -- loading --------------------------------------------------------------------------------

    def load(
        self,
        triples: pd.DataFrame | Iterable[Mapping] | str | os.PathLike,
        *,
        source: str | None = None,
        skip_invalid: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
    ) -> LoadReport:
        """Load triples: validated first, then written in batches; all or nothing by default.

        Parameters
        ----------
        triples : DataFrame, iterable of dict, or path
            Records with the columns of `extract.triples.COLUMNS`, or a JSONL / CSV / Parquet
            file as written by ``alliances extract``.
        source : str, optional
            The name errors give for the input (default: the path, or ``"<frame>"``).
        skip_invalid : bool
            Load the valid records and report the others in ``LoadReport.skipped``, instead of
            stopping at the first invalid one with the store untouched.
        batch_size : int
            Records per ``UNWIND $rows`` write.
        progress : callable, optional
            Called with the number of records of each batch written.

        Returns
        -------
        LoadReport
            Rows read, loaded, skipped (with file, line and reason), seconds.

        Raises
        ------
        LoadError
            An invalid record (without ``skip_invalid``); nothing has been written.

        Examples
        --------
        >>> report = store.load("triples.jsonl")                            # doctest: +SKIP
        >>> report.rows, report.loaded, len(report.skipped)                 # doctest: +SKIP
        (14, 14, 0)
        """
        name, records = loader.records_of(triples, source)
        return loader.load(
            self, records, name, skip_invalid=skip_invalid, batch_size=batch_size, progress=progress
        )

    def load_files(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        skip_invalid: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
    ) -> LoadReport:
        """Load several triples files as one input: all are validated before anything is written.

        Examples
        --------
        >>> store.load_files(["jan.jsonl", "feb.parquet"]).loaded            # doctest: +SKIP
        2817
        """
        paths = [str(p) for p in paths]

        def records() -> Iterable[tuple[str, int | None, Mapping]]:
            for path in paths:
                yield from loader.records_of(path)[1]

        return loader.load(
            self,
            records(),
            ", ".join(paths),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            progress=progress,
        )

    def load_stream(
        self,
        triples: Iterable[Mapping],
        *,
        source: str = "<stream>",
        skip_invalid: bool = True,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
    ) -> LoadReport:
        """Load triples as they come (``alliances ingest``): each batch is validated and written
        in turn, so memory stays flat; an invalid record is skipped, or with ``skip_invalid``
        false stops the load after the batches before it.

        Examples
        --------
        >>> from extract import Extractor, iter_articles                    # doctest: +SKIP
        >>> triples = Extractor().iter_triples(iter_articles(["news/"]))    # doctest: +SKIP
        >>> store.load_stream(triples).loaded                               # doctest: +SKIP
        412
        """
        name, records = loader.records_of(triples, source)
        return loader.load(
            self,
            records,
            name,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            progress=progress,
            stream=True,
        )

    # -- reads for people and for analytics ------------------------------------------------------

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of nodes by label and of relationships by type.

        Examples
        --------
        >>> store.stats()                                                   # doctest: +SKIP
        {'nodes': {'Article': 1, 'Evidence': 14, 'Organization': 4, ...},
         'relationships': {'INVESTS_IN': 1, 'IN': 14, ...}}
        """
        _, nodes = self._run(_NODE_COUNTS, None, write=False)
        _, edges = self._run(_EDGE_COUNTS, None, write=False)
        return {
            "nodes": {label: int(n) for label, n in nodes},
            "relationships": {kind: int(n) for kind, n in edges},
        }

    def alliance_edges(self, as_of: str | None = None) -> pd.DataFrame:
        """The aggregated organisation-to-organisation edges, one row each, for analytics.

        Parameters
        ----------
        as_of : str, optional
            ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: only the evidence dated on or before the end
            of that period (its deal date, else its article's date; undated evidence is left
            out), and the edges and aggregates it gives.

        Returns
        -------
        DataFrame
            Columns `EDGE_COLUMNS`: ``source``, ``target`` (organisation names), ``relation``
            (INVESTS_IN, PROVIDES_CLOUD, SUPPLIES_CHIPS, PARTNERS_WITH, ACQUIRES, DISTRIBUTES;
            PARTNERS_WITH once a pair), ``amount_usd`` (largest stated, NaN if none),
            ``mentions``, ``first_seen``, ``last_seen``, ``status`` (of the latest article),
            ``confidence`` (the highest), ``via`` (the products or units named, in the order
            of their evidence, as one text: ``"Trainium, Inferentia"``; None if none is).

        Examples
        --------
        >>> store.alliance_edges(as_of="2023")[["source", "target", "relation"]]
        ...                                                                     # doctest: +SKIP
          source     target    relation
        0 Amazon  Anthropic  INVESTS_IN
        """
        params: dict[str, Any] = {"relations": list(ALLIANCE_RELATIONS)}
        if as_of is None:
            columns, rows = self._run(_EDGES, params, write=False)
        else:
            params["until"] = _period_end(as_of)
            columns, rows = self._run(_EDGES_AS_OF, params, write=False)
        for row in rows:  # via: the products or units named, as one text ("AWS, Trainium")
            row[-1] = ", ".join(row[-1]) if row[-1] else None
        frame = _frame(columns, rows)
        return frame[EDGE_COLUMNS] if len(frame.columns) else pd.DataFrame(columns=EDGE_COLUMNS)

    def organizations(self) -> pd.DataFrame:
        """Every organisation: ``id``, ``name``, ``labels`` (sorted), ``bloc``, ``centrality``.

        Examples
        --------
        >>> store.organizations().loc[0, ["name", "labels"]].tolist()       # doctest: +SKIP
        ['Amazon', ['ChipSupplier', 'CloudProvider', 'Investor', 'Organization']]
        """
        columns, rows = self._run(_ORGANIZATIONS, None, write=False)
        for row in rows:
            row[2] = sorted(row[2] or [])
        frame = _frame(columns, rows)
        if not len(frame.columns):
            return pd.DataFrame(columns=["id", "name", "labels", "bloc", "centrality"])
        return frame

    def write_back(
        self,
        rows: Iterable[Mapping],
        properties: Sequence[str] = ("bloc", "centrality"),
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> int:
        """Set ``properties`` on the organisations named by each row's ``name``.

        Parameters
        ----------
        rows : iterable of dict
            ``{"name": "Amazon", "bloc": "Amazon bloc", "centrality": 0.42}``; a property
            missing from a row is left as it is, ``None`` removes it.
        properties : sequence of str
            Which keys of the rows to write (not ``id``, ``name`` or ``aliases``).

        Returns
        -------
        int
            How many organisations were updated (rows naming none are ignored).

        Examples
        --------
        >>> store.write_back([{"name": "Amazon", "bloc": "Amazon bloc", "centrality": 0.4}])
        ...                                                                     # doctest: +SKIP
        1
        """
        properties = tuple(properties)
        for name in properties:
            if name in _PROTECTED or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(name)):
                raise StoreError(f"write_back cannot set the property {name!r}")
        batch: list[dict] = []
        updated = 0
        for row in rows:
            if row.get("name") is None:
                continue
            values = {key: row[key] for key in properties if key in row}
            batch.append({"name": str(row["name"]), "properties": values})
            if len(batch) >= batch_size:
                updated += self._write_back(batch)
                batch = []
        if batch:
            updated += self._write_back(batch)
        return updated

    def _write_back(self, batch: list[dict]) -> int:
        self.ensure_schema()
        _, rows = self._run(_WRITE_BACK, _params({"rows": batch}), write=True)
        return int(rows[0][0]) if rows else 0


# -- the embedded store: FalkorDB through falkordblite ---------------------------------------------


class EmbeddedStore(Store):
    """FalkorDB in a file, through ``falkordblite`` (an embedded Redis with the FalkorDB module).

    Parameters
    ----------
    path : str or Path, optional
        The store file; default ``$ALLIANCES_STORE``, else ``./alliances.db``. Created if missing
        (with its folder). Several processes opening one file share one server.
    graph : str
        The graph's name inside the file.

    Examples
    --------
    >>> with EmbeddedStore(tmp / "alliances.db") as store:                 # doctest: +SKIP
    ...     store.stats()
    {'nodes': {}, 'relationships': {}}
    """

    backend = "embedded"
    dialect = FALKORDB

    def __init__(
        self, path: str | os.PathLike | None = None, *, graph: str = DEFAULT_GRAPH
    ) -> None:
        super().__init__()
        raw = path or os.environ.get("ALLIANCES_STORE") or DEFAULT_STORE
        self.path = Path(raw).expanduser().resolve()
        self.graph = graph
        self._dirty = False
        if self.path.is_dir():
            raise StoreError(
                f"{self.path} is a folder; give the store's file, e.g. {DEFAULT_STORE}"
            )
        if self.path.exists() and not _is_snapshot(self.path):
            raise StoreError(
                f"{self.path} is not a store file (a FalkorDB snapshot); give another --store path"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            from redis.backoff import NoBackoff
            from redis.retry import Retry
            from redislite.falkordb_client import FalkorDB

            # A local socket needs no retries; with them a shutdown waits out their backoff.
            self._db: Any = FalkorDB(str(self.path), retry=Retry(NoBackoff(), 0))
        except Exception as exc:  # redislite raises several kinds for a file it cannot serve
            raise StoreError(f"cannot open the store {self.path}: {_one_line(exc)}") from None
        self._graph = self._db.select_graph(graph)

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r}, graph={self.graph!r})"

    @property
    def location(self) -> str:
        return str(self.path)

    def _run(self, cypher: str, params: dict | None, *, write: bool) -> tuple[list[str], list]:
        import redis

        if self._db is None:
            raise StoreError(f"the store {self.path} is closed")
        run = self._graph.query if write else self._graph.ro_query
        try:
            try:
                result = run(cypher, params)
            except redis.ResponseError as exc:
                if write or "empty key" not in str(exc):
                    raise
                self._graph.query("RETURN 0")  # a new store: create the (empty) graph, then read
                result = run(cypher, params)
        except redis.ResponseError as exc:
            raise self._query_error(str(exc), cypher, params) from None
        except redis.RedisError as exc:
            raise StoreError(f"lost the store {self.path}: {_one_line(exc)}") from None
        except (TypeError, ValueError) as exc:  # a parameter the client cannot send
            raise QueryError(f"bad parameter: {_one_line(exc)}") from None
        if write:
            self._dirty = True
        columns = [name for _, name in result.header]
        return columns, [[_plain(value) for value in row] for row in result.result_set]

    def _query_error(self, message: str, cypher: str, params: dict | None) -> QueryError:
        if self.dialect.refuses_write(message):
            return ReadOnlyError()
        if message.strip() == "Missing parameters":
            missing = sorted(set(re.findall(r"\$(\w+)", cypher)) - set(params or {}))
            if missing:
                names = ", ".join(f"${name}" for name in missing)
                return QueryError(f"missing parameter {names} (give --param NAME=VALUE)")
        reason, line, column = self.dialect.error_position(message)
        return QueryError(reason, line, column)

    def _write_batch(self, statements: Sequence[tuple[str, dict]]) -> None:
        # FalkorDB runs each statement atomically; a batch cut short by a crash is repaired by
        # running the same load again (every write is a MERGE, aggregates are recomputed).
        # The loader's parameters are plain Python already (see `loader.plan_batch`).
        for cypher, params in statements:
            self._run(cypher, params, write=True)

    def _setup_schema(self) -> None:
        import redis

        self._run("RETURN 0", None, write=True)  # the graph must exist for db.indexes()
        _, indexes = self._run(
            "CALL db.indexes() YIELD label, properties RETURN label, properties", None, write=False
        )
        _, constraints = self._run(
            "CALL db.constraints() YIELD label, properties RETURN label, properties",
            None,
            write=False,
        )
        have = {
            "index": {(label, prop) for label, props in indexes for prop in props},
            "unique": {(label, prop) for label, props in constraints for prop in props},
        }
        for item in falkordb_schema(self.graph):
            if (item.label, item.prop) in have[item.kind]:
                continue
            if item.kind == "index":
                self._run(item.command[0], None, write=True)
            else:
                try:
                    self._db.execute_command(*item.command)
                except redis.ResponseError as exc:
                    if "already exists" not in str(exc):
                        raise StoreError(f"cannot create {item}: {_one_line(exc)}") from None

    def close(self) -> None:
        db, self._db = self._db, None
        if db is None:
            return
        try:
            _stop_server(db.client, save=self._dirty)
        except Exception as exc:
            raise StoreError(f"could not close the store {self.path}: {_one_line(exc)}") from None


def _is_snapshot(path: Path) -> bool:
    """Whether ``path`` is a Redis/FalkorDB snapshot (RDB), checked before a server is started
    on it: a server that cannot load its file dies and leaves redislite's clean-up in disarray."""
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"REDIS"
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None


def _stop_server(client: Any, *, save: bool) -> None:
    """Save and stop the embedded server if this is its last client, else save and let go.

    ``SHUTDOWN SAVE`` returns once the server has written the file and exited; redislite's own
    clean-up would then poll the exited process for seconds where zombies are reaped slowly, so
    the leftovers it would remove (its temporary folder and the ``.settings`` registry beside the
    store) are removed here instead.
    """
    if not client.pid:
        return
    if client._connection_count() > 1:
        if save:
            client.save()  # another process shares the server: it stays up, the file is saved now
        client.connection_pool.disconnect()
        return
    client.shutdown(save=True, now=True, force=True)
    if client.redis_dir:
        shutil.rmtree(client.redis_dir, ignore_errors=True)
        client.redis_dir = None
    registry = client.settingregistryfile
    if client.cleanupregistry and registry and os.path.exists(registry):
        os.remove(registry)
    client.running = False


# -- Neo4j ----------------------------------------------------------------------------------------


class Neo4jStore(Store):
    """Neo4j 5 or Aura through the official driver, with managed transactions.

    Parameters
    ----------
    uri : str, optional
        ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI; default ``$NEO4J_URI``. Credentials
        never go in the URI: they come from ``NEO4J_USERNAME`` (default ``neo4j``) and
        ``NEO4J_PASSWORD`` in the environment, and are never printed or logged.
    database : str, optional
        Default ``$NEO4J_DATABASE``, else the server's default database.

    Examples
    --------
    >>> import os; os.environ["NEO4J_PASSWORD"] = "..."                       # doctest: +SKIP
    >>> with Neo4jStore("neo4j://localhost:7687") as store:                 # doctest: +SKIP
    ...     store.stats()
    """

    backend = "neo4j"
    dialect = NEO4J

    def __init__(self, uri: str | None = None, *, database: str | None = None) -> None:
        super().__init__()
        import neo4j
        from neo4j import exceptions as neo4j_errors

        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j URI: pass --neo4j URI or set NEO4J_URI")
        parts = urlsplit(uri)
        if parts.username or parts.password:
            raise StoreError(
                "put the Neo4j user and password in NEO4J_USERNAME and NEO4J_PASSWORD, "
                "not in the URI"
            )
        self.uri = uri
        self.user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (self.user, password) if password else None
        self._driver: Any = None
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=15)
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError:
            self._abandon()
            raise StoreError(
                f"Neo4j at {self.location} refused the credentials of user {self.user!r} "
                "(NEO4J_USERNAME, NEO4J_PASSWORD)"
            ) from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as exc:
            self._abandon()
            raise StoreError(f"cannot reach Neo4j at {self.location}: {_scrub(exc)}") from None

    def _abandon(self) -> None:
        if self._driver is not None:
            try:
                self._driver.close()
            finally:
                self._driver = None

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r}, user={self.user!r})"

    @property
    def location(self) -> str:
        return self.uri + (f" (database {self.database})" if self.database else "")

    def _session(self) -> Any:
        if self._driver is None:
            raise StoreError(f"the Neo4j store {self.location} is closed")
        return self._driver.session(database=self.database)

    def _run(self, cypher: str, params: dict | None, *, write: bool) -> tuple[list[str], list]:
        def work(tx: Any) -> tuple[list[str], list]:
            result = tx.run(cypher, params or {})
            columns = list(result.keys())
            return columns, [[_plain(value) for value in record.values()] for record in result]

        return self._managed(work, write=write)

    def _write_batch(self, statements: Sequence[tuple[str, dict]]) -> None:
        def work(tx: Any) -> None:
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        self._managed(work, write=True)

    def _managed(self, work: Callable[[Any], Any], *, write: bool) -> Any:
        from neo4j import exceptions as neo4j_errors

        try:
            with self._session() as session:
                return (session.execute_write if write else session.execute_read)(work)
        except neo4j_errors.Neo4jError as exc:
            if self.dialect.refuses_write(str(exc.code or "")):
                raise ReadOnlyError() from None
            reason, line, column = self.dialect.error_position(exc.message or str(exc))
            raise QueryError(_scrub(reason), line, column) from None
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"lost Neo4j at {self.location}: {_scrub(exc)}") from None

    def _setup_schema(self) -> None:
        for statement in neo4j_schema():
            self._managed(lambda tx, s=statement: tx.run(s).consume(), write=True)

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()


# -- opening --------------------------------------------------------------------------------------


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


# -- values in and out ----------------------------------------------------------------------------


def _period_end(as_of: str) -> str:
    """The last day of ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD``, as comparable text.

    Examples
    --------
    >>> _period_end("2024"), _period_end("2024-03"), _period_end("2024-03-05")
    ('2024-12-31', '2024-03-31', '2024-03-05')
    """
    text = str(as_of).strip()
    try:
        loader.iso_date(text, "as_of date")
    except ValueError as bad:
        raise QueryError(str(bad)) from None
    return {4: text + "-12-31", 7: text + "-31"}.get(len(text), text)


def _params(values: Mapping[str, Any]) -> dict:
    return {str(key): _param(value) for key, value in values.items()}


def _param(value: Any) -> Any:
    """A parameter both drivers can send: plain Python, NaN as null, numpy scalars unwrapped."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): _param(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_param(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return _param(value.item())
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    return value


def _plain(value: Any) -> Any:
    """A result value as plain Python: nodes and relationships as property dicts (with their
    ``_labels`` / ``_type``), paths as lists, dates as ISO text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    kind = type(value).__name__
    if kind == "Node":
        labels = getattr(value, "labels", None) or []
        properties = getattr(value, "properties", None)
        properties = properties if properties is not None else dict(value.items())
        return {"_labels": sorted(labels), **{k: _plain(v) for k, v in properties.items()}}
    if kind in {"Edge", "Relationship"}:
        relation = getattr(value, "relation", None) or getattr(value, "type", None)
        properties = getattr(value, "properties", None)
        properties = properties if properties is not None else dict(value.items())
        return {"_type": relation, **{k: _plain(v) for k, v in properties.items()}}
    if kind == "Path":
        nodes = value.nodes() if callable(getattr(value, "nodes", None)) else value.nodes
        return [_plain(node) for node in nodes]
    if hasattr(value, "iso_format"):  # neo4j.time
        return value.iso_format()
    return value


def _frame(columns: list[str], rows: list) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows, columns=columns)


def _one_line(exc: object) -> str:
    return one_line(str(exc), limit=None) or type(exc).__name__


def _scrub(exc: object) -> str:
    """An error's text on one line, with the Neo4j password (if any) blanked out."""
    text = _one_line(exc)
    password = os.environ.get("NEO4J_PASSWORD")
    return text.replace(password, "***") if password else text
