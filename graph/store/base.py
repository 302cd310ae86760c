"""The store's one interface: loading, named queries, statistics, the analytics' reads and writes.

`Store` is written once, in Cypher both dialects share; a backend (`graph.store.embedded`,
`graph.store.bolt`) only runs Cypher (`Store._run`, `Store._write_batch`) and sets up its schema.
"""

from __future__ import annotations

import contextlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Self

import pandas as pd

from .. import loader
from ..dialects import Dialect
from ..errors import QueryError, StoreError
from ..loader import (
    ALLIANCE_RELATIONS,
    DEFAULT_BATCH_SIZE,
    EDGE_COLUMNS,
    EVIDENCE_AGGREGATES,
    EVIDENCE_ORDER,
    LAST_SEEN,
    LoadReport,
)
from ..queries import get_query
from .values import period_end, rows_frame, to_params

__all__ = ["DEFAULT_GRAPH", "DEFAULT_STORE", "EDGE_COLUMNS", "Store"]

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
        columns, rows = self._run(cypher, to_params(values) if values else None, write=write)
        return rows_frame(columns, rows)

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
            params["until"] = period_end(as_of)
            columns, rows = self._run(_EDGES_AS_OF, params, write=False)
        for row in rows:  # via: the products or units named, as one text ("AWS, Trainium")
            row[-1] = ", ".join(row[-1]) if row[-1] else None
        frame = rows_frame(columns, rows)
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
        frame = rows_frame(columns, rows)
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
        _, rows = self._run(_WRITE_BACK, to_params({"rows": batch}), write=True)
        return int(rows[0][0]) if rows else 0
