"""The Bolt backend: Neo4j 5 / Aura through the official ``neo4j`` driver.

Managed transactions (``execute_read`` / ``execute_write``); URI, user, password and database
from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (the URI may also
be passed). The password is never printed, logged or put in a message.

Any Bolt server works: FalkorDB's own (``BOLT_PORT``) is found by a probe on connecting, since it
calls itself Neo4j, and gets `graph.dialects.FALKORDB_BOLT` (escaped parameters, its schema DDL,
a client-side guard in place of the read-only path it lacks).
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..dialects import (
    FALKORDB_BOLT,
    FALKORDB_INDEXES,
    INLINING_PROBE,
    NEO4J,
    missing_falkordb_schema,
    neo4j_schema,
    writes,
)
from ..errors import QueryError, ReadOnlyError, StoreError
from .base import Store
from .values import plain, scrub

__all__ = ["Neo4jStore"]


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
            # Bounded waits: a server that accepts the socket but never answers must not hang us.
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=10,
                connection_acquisition_timeout=20,
                max_transaction_retry_time=10,
            )
            self._driver.verify_connectivity()
            self.dialect = self._probe_dialect()
        except neo4j_errors.AuthError:
            self._abandon()
            raise StoreError(self._refused()) from None
        except neo4j_errors.DatabaseError as exc:
            self._abandon()
            if password and exc.message == FALKORDB_BOLT.opaque_error:
                # FalkorDB's Bolt server answers a wrong password with its one opaque error.
                raise StoreError(self._refused() + "; the server gave no reason") from None
            raise StoreError(f"cannot reach Neo4j at {self.location}: {scrub(exc)}") from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as exc:
            self._abandon()
            raise StoreError(f"cannot reach Neo4j at {self.location}: {scrub(exc)}") from None

    def _refused(self) -> str:
        return (
            f"Neo4j at {self.location} refused the credentials of user {self.user!r} "
            "(NEO4J_USERNAME, NEO4J_PASSWORD)"
        )

    def _probe_dialect(self) -> Any:
        """NEO4J, or FALKORDB_BOLT when the server pastes parameters into the text."""
        with self._driver.session(database=self.database) as session:
            echoed = session.run("RETURN $probe AS probe", probe=INLINING_PROBE).single()
        return NEO4J if echoed is not None and echoed["probe"] == INLINING_PROBE else FALKORDB_BOLT

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
        if not write and not self.dialect.read_only_path and writes(cypher):
            raise ReadOnlyError()
        prepared = self.dialect.prepared(cypher, params or {})
        if not prepared:
            raise QueryError(self._too_large())
        bound = prepared[0]

        def work(tx: Any) -> tuple[list[str], list]:
            result = tx.run(cypher, bound)
            columns = list(result.keys())
            return columns, [[plain(value) for value in record.values()] for record in result]

        return self._managed(work, write=write)

    def _write_batch(self, statements: Sequence[tuple[str, dict]]) -> None:
        # Every part is cut to size before anything is sent, so a row too large writes nothing.
        parts = []
        for cypher, params in statements:
            prepared = self.dialect.prepared(cypher, params, split=True)
            if not prepared:
                raise StoreError(self._too_large())
            parts += [(cypher, part) for part in prepared]

        def work(tx: Any) -> None:
            for cypher, params in parts:
                tx.run(cypher, params).consume()

        self._managed(work, write=True)

    def _too_large(self) -> str:
        return (
            f"the query and its parameters are over {self.dialect.inline_limit} bytes, more than the "
            f"{self.dialect.name} server at {self.location} can take (its Bolt server crashes "
            "beyond 4 KB); use the embedded store or Neo4j for values this large"
        )

    def _managed(self, work: Callable[[Any], Any], *, write: bool) -> Any:
        from neo4j import exceptions as neo4j_errors

        try:
            with self._session() as session:
                return (session.execute_write if write else session.execute_read)(work)
        except neo4j_errors.Neo4jError as exc:
            if self.dialect.refuses_write(str(exc.code or "")):
                raise ReadOnlyError() from None
            reason, line, column = self.dialect.error_position(exc.message or str(exc))
            raise QueryError(scrub(reason), line, column) from None
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"lost Neo4j at {self.location}: {scrub(exc)}") from None

    def _setup_schema(self) -> None:
        if self.dialect is FALKORDB_BOLT:
            statements = self._missing_falkordb_indexes()
        else:
            statements = neo4j_schema()
        for statement in statements:
            self._managed(lambda tx, s=statement: tx.run(s).consume(), write=True)

    def _missing_falkordb_indexes(self) -> list[str]:
        # FalkorDB's unique constraints have no Cypher (only the GRAPH.CONSTRAINT command, out of
        # Bolt's reach): its indexes are all there is, and MERGE on id keeps loads idempotent.
        _, indexes = self._run(FALKORDB_INDEXES, None, write=False)
        return [
            item.command[0] for item in missing_falkordb_schema("", indexes) if item.kind == "index"
        ]

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is None:
            return
        if self.dialect is FALKORDB_BOLT:
            # FalkorDB's Bolt server stops answering new connections after a client's GOODBYE;
            # cutting the pooled sockets instead leaves it serving.
            with contextlib.suppress(Exception):
                for connections in driver._pool.connections.values():
                    for connection in connections:
                        connection.socket._socket.shutdown(socket.SHUT_RDWR)
        driver.close()
