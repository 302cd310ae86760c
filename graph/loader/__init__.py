"""Triples into the graph: validation, batching, the parameterised MERGE writes, aggregates.

A load runs in four steps, each a pure function here plus one call into the store:

1. `validate_record` checks one triple record against the contract (DESIGN.md, "The triple
   contract") and returns it normalised, or raises `LoadError` naming the source, line and reason;
2. rows are cut into batches of ``batch_size``;
3. `plan_batch` turns a batch into a few ``UNWIND $rows AS row MERGE ...`` statements: articles,
   organisations, products, evidence (one node per claim, tied to its article and its parties);
4. the same batch's last statements recompute the aggregated relationship of every
   (subject, relation, object) the batch touched, from *all* of that edge's evidence in the store.

The steps live in `validation` (1) and here (2 to 4), with the Cypher texts in `cypher`. Every
value is a parameter. Labels and relationship types come only from the fixed tables of `model`
(never from the data), so the Cypher texts are constants built once at import. Because every
write is a MERGE on a deterministic id and aggregates are recomputed from the evidence, loading
the same triples twice changes nothing, and a load killed half-way and run again ends in the
same graph as one clean load.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import LoadError
from .cypher import (
    AGGREGATE,
    ARTICLES,
    EVIDENCE,
    EVIDENCE_AGGREGATES,
    EVIDENCE_ORDER,
    LAST_SEEN,
    ORGANIZATIONS,
    PRODUCTS,
)
from .model import ALLIANCE_RELATIONS, DEFAULT_BATCH_SIZE, EDGE_COLUMNS, PRODUCT_KINDS
from .validation import iso_date, node_id, validate_record

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "ALLIANCE_RELATIONS",
    "DEFAULT_BATCH_SIZE",
    "EDGE_COLUMNS",
    "EVIDENCE_AGGREGATES",
    "EVIDENCE_ORDER",
    "LAST_SEEN",
    "LoadReport",
    "iso_date",
    "node_id",
    "plan_batch",
    "validate_record",
]


@dataclass
class LoadReport:
    """What a load did.

    Attributes
    ----------
    source : str
        What was loaded (file names, or ``"<frame>"``).
    rows : int
        Records read.
    loaded : int
        Valid records written (duplicates included: they change nothing).
    skipped : list of LoadError
        The invalid records left out (with ``skip_invalid``), each with its file, line and reason.
    relations : Counter
        Loaded records by relation.
    seconds : float
        Wall time of the whole load, validation included.
    """

    source: str
    rows: int = 0
    loaded: int = 0
    skipped: list[LoadError] = field(default_factory=list)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "rows": self.rows,
            "loaded": self.loaded,
            "skipped": [str(problem) for problem in self.skipped],
            "relations": dict(sorted(self.relations.items())),
            "seconds": round(self.seconds, 3),
        }


# -- records in, batches out ------------------------------------------------------------------


Records = Iterable[tuple[str, int | None, Mapping]]


def records_of(triples: Any, source: str | None = None) -> tuple[str, Records]:
    """(source name, (source, line, record) ...) for a DataFrame, a path, or records.

    A path is read with `extract.triples.read_triples` (lines as in the file); for a DataFrame
    or an iterable of dicts the "line" is the 1-based row number.
    """
    import pandas as pd

    from extract.triples import read_triples

    if isinstance(triples, str) or hasattr(triples, "__fspath__"):
        path = str(triples)
        name = source or path
        return name, ((name, line, record) for line, record in read_triples(path))
    if isinstance(triples, pd.DataFrame):
        name = source or "<frame>"
        frame = triples
        return name, (
            (name, number, record)
            for number, record in enumerate(frame.to_dict("records"), start=1)
        )
    name = source or "<records>"
    return name, ((name, number, record) for number, record in enumerate(triples, start=1))


def validated(records: Records, report: LoadReport, *, skip_invalid: bool) -> Iterator[dict]:
    """Validate records as they come; raise at the first bad one, or skip and report it."""
    for source, line, record in records:
        report.rows += 1
        try:
            yield validate_record(record, source=source, line=line)
        except LoadError as problem:
            if not skip_invalid:
                raise
            report.skipped.append(problem)


def batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    from extract.gazetteer import load_gazetteer

    return {entity.id: entity.aliases for entity in load_gazetteer() if entity.type == "ORG"}


def plan_batch(rows: Sequence[dict]) -> list[tuple[str, dict]]:
    """The statements (Cypher, parameters) that write one batch of validated rows.

    Articles, organisations and products first, then evidence, then the aggregates of the edges
    the batch touched. Only constant Cypher texts are used; all values are in the parameters.

    Examples
    --------
    >>> row = validate_record({
    ...     "subject": "Amazon", "subject_type": "ORG", "relation": "OWNS", "object": "AWS",
    ...     "object_type": "CLOUD", "status": "confirmed", "article_id": "a1",
    ...     "sentence": "Amazon runs AWS.", "start": 0, "end": 16})
    >>> [cypher.splitlines()[1] for cypher, _ in plan_batch([row])]  # doctest: +NORMALIZE_WHITESPACE
    ['MERGE (a:Article {id: row.id})', 'MERGE (o:Organization {id: row.id})',
     'MERGE (p:Product {id: row.id})', 'MATCH (a:Article {id: row.article})',
     'MATCH (e:Evidence {edge: edge.key})-[:IN]->(a:Article)']
    """
    articles: dict[str, dict] = {}
    organizations: dict[str, dict] = {}
    products: dict[str, dict] = {}
    evidence: dict[tuple[str, str], dict[str, dict]] = {}
    edges: dict[tuple[str, str, str], dict[str, dict]] = {}
    aliases = _aliases()
    for row in rows:
        article = articles.setdefault(
            row["article_id"],
            {"id": row["article_id"], "title": None, "published": None, "url": None},
        )
        for name in ("title", "published", "url"):
            if article[name] is None:
                article[name] = row[name]
        for side in ("subject", "object"):
            node, kind = row[f"{side}_id"], row[f"{side}_type"]
            if kind == "ORG":
                organizations.setdefault(
                    node, {"id": node, "name": row[side], "aliases": list(aliases.get(node, ()))}
                )
            else:
                products.setdefault(
                    node, {"id": node, "name": row[side], "kind": PRODUCT_KINDS[kind]}
                )
        labels = (row["subject_label"], row["object_label"])
        evidence.setdefault(labels, {})[row["evidence_id"]] = {
            "id": row["evidence_id"],
            "article": row["article_id"],
            "subject": row["subject_id"],
            "object": row["object_id"],
            "relation": row["relation"],
            "edge": row["edge"],
            "sentence": row["sentence"],
            "start": row["start"],
            "end": row["end"],
            "status": row["status"],
            "amountUsd": row["amount_usd"],
            "date": row["date"],
            "confidence": row["confidence"],
            "via": row["via"],
        }
        edges.setdefault((row["relation"], *labels), {})[row["edge"]] = {
            "key": row["edge"],
            "subject": row["subject_id"],
            "object": row["object_id"],
        }
    statements: list[tuple[str, dict]] = [(ARTICLES, {"rows": list(articles.values())})]
    if organizations:
        statements.append((ORGANIZATIONS, {"rows": list(organizations.values())}))
    if products:
        statements.append((PRODUCTS, {"rows": list(products.values())}))
    for labels in sorted(evidence):
        statements.append((EVIDENCE[labels], {"rows": list(evidence[labels].values())}))
    for key in sorted(edges):
        statements.append((AGGREGATE[key], {"edges": list(edges[key].values())}))
    return statements


def write(
    store: Store,
    rows: Iterable[dict],
    report: LoadReport,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Write validated rows to ``store`` in batches, counting them in ``report``."""
    for batch in batches(rows, batch_size):
        store.ensure_schema()
        store._write_batch(plan_batch(batch))
        report.loaded += len(batch)
        report.relations.update(row["relation"] for row in batch)
        if progress is not None:
            progress(len(batch))
    return report


def load(
    store: Store,
    records: Records,
    source: str,
    *,
    skip_invalid: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    stream: bool = False,
) -> LoadReport:
    """Validate ``records`` and write them; all-or-nothing unless ``stream``.

    Without ``stream`` the whole input is validated before anything is written, so a bad record
    (with ``skip_invalid`` false) leaves the store exactly as it was. With ``stream`` rows are
    written batch by batch as they are validated (``alliances ingest``), memory stays flat, and a
    bad record stops the load after the batches before it.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = LoadReport(source)
    started = time.perf_counter()
    rows: Iterable[dict] = validated(records, report, skip_invalid=skip_invalid)
    if not stream:
        rows = list(rows)
    write(store, rows, report, batch_size=batch_size, progress=progress)
    report.seconds = time.perf_counter() - started
    return report
