"""Triples into the graph: validation, batching, the parameterised MERGE writes, aggregates.

A load runs in four steps, each a pure function here plus one call into the store:

1. `validate_record` checks one triple record against the contract (DESIGN.md, "The triple
   contract") and returns it normalised, or raises `LoadError` naming the source, line and reason;
2. rows are cut into batches of ``batch_size``;
3. `plan_batch` turns a batch into a few ``UNWIND $rows AS row MERGE ...`` statements: articles,
   organisations, products, evidence (one node per claim, tied to its article and its parties);
4. the same batch's last statements recompute the aggregated relationship of every
   (subject, relation, object) the batch touched, from *all* of that edge's evidence in the store.

Every value is a parameter. Labels and relationship types come only from the fixed tables below
(never from the data), so the Cypher texts are constants built once at import. Because every write
is a MERGE on a deterministic id and aggregates are recomputed from the evidence, loading the same
triples twice changes nothing, and a load killed half-way and run again ends in the same graph as
one clean load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import numbers
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from extract.gazetteer import slugify
from extract.triples import RELATIONS, STATUSES

from .errors import LoadError

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "ALLIANCE_RELATIONS",
    "DEFAULT_BATCH_SIZE",
    "EDGE_COLUMNS",
    "LoadReport",
    "iso_date",
    "node_id",
    "plan_batch",
    "validate_record",
]

DEFAULT_BATCH_SIZE = 1000

# Node kinds of the contract's entity types.
NODE_LABELS = {
    "ORG": "Organization",
    "CLOUD": "Product",
    "CHIP": "Product",
    "MODEL": "Product",
    "SERVICE": "Product",
}
PRODUCT_KINDS = {"CLOUD": "cloud", "CHIP": "chip", "MODEL": "model", "SERVICE": "service"}
# Role labels an organisation gets from the edges it starts.
ROLE_LABELS = {
    "INVESTS_IN": "Investor",
    "PROVIDES_CLOUD": "CloudProvider",
    "SUPPLIES_CHIPS": "ChipSupplier",
}
# Organisation-to-organisation relations: the alliance graph (OWNS is structure, not alliance).
ALLIANCE_RELATIONS = (
    "INVESTS_IN",
    "PROVIDES_CLOUD",
    "SUPPLIES_CHIPS",
    "PARTNERS_WITH",
    "ACQUIRES",
    "DISTRIBUTES",
)
SYMMETRIC = frozenset({"PARTNERS_WITH"})
# The columns of an alliance edge as the store returns it and the analytics read it.
EDGE_COLUMNS = [
    "source",
    "target",
    "relation",
    "amount_usd",
    "mentions",
    "first_seen",
    "last_seen",
    "status",
    "confidence",
    "via",
]
REQUIRED = (
    "subject",
    "subject_type",
    "relation",
    "object",
    "object_type",
    "status",
    "article_id",
    "sentence",
    "start",
    "end",
)
_LABELS = ("Organization", "Product")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# -- the Cypher: constant texts, one per (relation, subject label, object label) -------------------

ARTICLES = """\
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.title = coalesce(row.title, a.title),
    a.published = coalesce(row.published, a.published),
    a.url = coalesce(row.url, a.url)"""

ORGANIZATIONS = """\
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
ON CREATE SET o.name = row.name
SET o.aliases = row.aliases"""

PRODUCTS = """\
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
ON CREATE SET p.name = row.name
SET p.kind = row.kind"""

_EVIDENCE = """\
UNWIND $rows AS row
MATCH (a:Article {{id: row.article}})
MATCH (s:{subject} {{id: row.subject}})
MATCH (o:{object} {{id: row.object}})
MERGE (e:Evidence {{id: row.id}})
SET e.relation = row.relation, e.edge = row.edge, e.sentence = row.sentence,
    e.start = row.start, e.end = row.end, e.status = row.status,
    e.amountUsd = row.amountUsd, e.date = row.date, e.confidence = row.confidence,
    e.via = row.via
MERGE (e)-[:IN]->(a)
MERGE (e)-[:SUBJECT]->(s)
MERGE (e)-[:OBJECT]->(o)"""

# How an edge's evidence is ordered ("the latest article" is the last) and aggregated; shared by
# the loader and by `Store.alliance_edges(as_of=...)`, so both mean the same by each property.
# A claim's date is its deal's date, else its article's. firstSeen is the earliest claim date;
# lastSeen the latest of the claim dates and article dates (a later report moves it, a deal
# dated in the future too), so it is never before firstSeen. Dates are ISO text, possibly
# partial ("2024", "2024-03"), and compare as text.
EVIDENCE_ORDER = "ORDER BY coalesce(a.published, e.date, ''), a.id, e.start, e.id"
EVIDENCE_AGGREGATES = """\
count(e) AS mentions, collect(DISTINCT a.id) AS articles, collect(e.status) AS statuses,
max(e.amountUsd) AS amountUsd, max(e.confidence) AS confidence,
min(coalesce(e.date, a.published)) AS firstSeen, max(coalesce(e.date, a.published)) AS lastClaim,
max(a.published) AS lastArticle, collect(DISTINCT e.via) AS via"""
LAST_SEEN = (
    "CASE WHEN lastArticle IS NULL OR lastClaim > lastArticle THEN lastClaim ELSE lastArticle END"
)

_AGGREGATE = """\
UNWIND $edges AS edge
MATCH (e:Evidence {{edge: edge.key}})-[:IN]->(a:Article)
WITH edge.subject AS sid, edge.object AS oid, e, a
{order}
WITH sid, oid, {aggregates}
MATCH (s:{subject} {{id: sid}})
MATCH (o:{object} {{id: oid}})
MERGE (s)-[r:{relation}]->(o)
SET r.mentions = mentions, r.articles = articles, r.status = statuses[-1],
    r.amountUsd = amountUsd, r.confidence = confidence,
    r.firstSeen = firstSeen, r.lastSeen = {last_seen}, r.via = via{role}"""

EVIDENCE = {(s, o): _EVIDENCE.format(subject=s, object=o) for s in _LABELS for o in _LABELS}
AGGREGATE = {
    (relation, s, o): _AGGREGATE.format(
        order=EVIDENCE_ORDER,
        aggregates=EVIDENCE_AGGREGATES,
        last_seen=LAST_SEEN,
        subject=s,
        object=o,
        relation=relation,
        role=f"\nSET s:{ROLE_LABELS[relation]}" if relation in ROLE_LABELS else "",
    )
    for relation in RELATIONS
    for s in _LABELS
    for o in _LABELS
}


# -- reports ---------------------------------------------------------------------------------


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


# -- validation -------------------------------------------------------------------------------


class _Bad(ValueError):
    """A record's problem, before the source and line are attached."""


@lru_cache(maxsize=65536)
def node_id(name: str) -> str:
    """The stable node id of a canonical name: `extract.gazetteer.slugify`, made stable for
    names with no ASCII letter or digit (slugify's fallback there uses Python's salted ``hash``).

    Examples
    --------
    >>> node_id("Amazon Web Services")
    'amazon-web-services'
    >>> node_id("智谱")  # the same in every process
    'x90fd8f044d'
    """
    if re.search(r"[a-z0-9]", _ascii(name)):
        return slugify(name)
    return "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return type(value).__name__ in {"NAType", "NaTType"}


def _text(record: Mapping, name: str, *, required: bool = False) -> str | None:
    value = record.get(name)
    if _blank(value):
        if required:
            raise _Bad(f"missing field {name!r}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | numbers.Integral):
        raise _Bad(f"bad {name} {value!r} (expected text)")
    return str(value)


def _number(value: Any, name: str, expected: str) -> float | None:
    if _blank(value):
        return None
    number: float | None = None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        raise _Bad(f"bad {name} {value!r} (expected {expected})")
    return number


def _offset(value: Any, name: str) -> int:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise _Bad(f"bad offsets: {name} {value!r} is not a whole number")


def iso_date(value: Any, name: str = "date") -> str | None:
    """``value`` as ISO text (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), None if empty; a
    ``ValueError`` naming ``name`` otherwise.

    Examples
    --------
    >>> iso_date("2024-03"), iso_date(2024), iso_date(None)
    ('2024-03', '2024', None)
    """
    if _blank(value):
        return None
    if isinstance(value, dt.date):  # also datetime and pandas.Timestamp
        return value.isoformat()[:10]
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = str(value)
    text = value.strip() if isinstance(value, str) else None
    match = _DATE.match(text) if text else None
    if match is not None:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            match = None
    if match is None:
        raise _Bad(f"bad {name} {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


def validate_record(record: Mapping, *, source: str = "<frame>", line: int | None = None) -> dict:
    """Check one triple record and return it normalised, with node ids, labels and keys.

    Parameters
    ----------
    record : mapping
        One triple as read (`extract.triples.read_triples`) or built: the fields of
        `extract.triples.COLUMNS`; ``via``, ``amount_usd``, ``date``, ``confidence``, ``title``,
        ``published`` and ``url`` may be missing or empty.
    source, line : str, int
        Where the record came from, for the error message.

    Returns
    -------
    dict
        The record's values, typed (``start``/``end`` int, amounts float, dates ISO text), with
        ``subject_id``/``object_id``, their labels, the ``edge`` key and the ``evidence_id``.
        ``PARTNERS_WITH`` is turned so that the subject has the smaller id: stored once a pair.

    Raises
    ------
    LoadError
        Missing field, unknown relation, status or type, a bad amount, date, confidence or
        offsets, or a claim whose parties do not fit its relation.

    Examples
    --------
    >>> row = validate_record({
    ...     "subject": "Amazon", "subject_type": "ORG", "relation": "INVESTS_IN",
    ...     "object": "Anthropic", "object_type": "ORG", "status": "confirmed",
    ...     "amount_usd": "4e9", "date": "2023-09", "article_id": "a1",
    ...     "sentence": "Amazon invested $4 billion in Anthropic.", "start": 0, "end": 40})
    >>> row["edge"], row["amount_usd"]
    ('Organization:amazon INVESTS_IN Organization:anthropic', 4000000000.0)
    >>> validate_record({"subject": "Amazon"}, source="t.jsonl", line=3)
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: t.jsonl:3: missing fields 'subject_type', 'relation', ...
    """
    try:
        return _validate(record)
    except _Bad as bad:
        raise LoadError(source, str(bad), line) from None


def _validate(record: Mapping) -> dict:
    if not isinstance(record, Mapping):
        raise _Bad(f"expected a record of fields, got {type(record).__name__}")
    missing = [name for name in REQUIRED if _blank(record.get(name))]
    if len(missing) == 1:
        raise _Bad(f"missing field {missing[0]!r}")
    if missing:
        shown = ", ".join(repr(name) for name in missing[:2])
        raise _Bad(f"missing fields {shown}{', ...' if len(missing) > 2 else ''}")
    relation = _text(record, "relation", required=True)
    if relation not in RELATIONS:
        raise _Bad(f"unknown relation {relation!r} (expected one of {', '.join(RELATIONS)})")
    status = _text(record, "status", required=True)
    if status not in STATUSES:
        raise _Bad(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    types = {}
    for side in ("subject_type", "object_type"):
        kind = _text(record, side, required=True)
        if kind not in NODE_LABELS:
            raise _Bad(f"unknown {side} {kind!r} (expected one of {', '.join(NODE_LABELS)})")
        types[side] = kind
    if types["subject_type"] != "ORG":
        raise _Bad(f"{relation} needs an organisation as subject, not {types['subject_type']}")
    if relation != "OWNS" and types["object_type"] != "ORG":
        raise _Bad(f"{relation} needs an organisation as object, not {types['object_type']}")
    subject = (_text(record, "subject", required=True) or "").strip()
    obj = (_text(record, "object", required=True) or "").strip()
    amount = _number(record.get("amount_usd"), "amount_usd", "a number of US dollars, or empty")
    if amount is not None and amount < 0:
        raise _Bad(f"bad amount_usd {record.get('amount_usd')!r} (negative)")
    confidence = _number(record.get("confidence"), "confidence", "a number from 0 to 1")
    if confidence is not None and not 0 <= confidence <= 1:
        raise _Bad(f"bad confidence {record.get('confidence')!r} (expected a number from 0 to 1)")
    date = iso_date(record.get("date"), "date")
    published = iso_date(record.get("published"), "published date")
    sentence = _text(record, "sentence", required=True) or ""
    start, end = _offset(record.get("start"), "start"), _offset(record.get("end"), "end")
    if start < 0 or end <= start:
        raise _Bad(f"bad offsets: start {start}, end {end}")
    if end - start != len(sentence):
        raise _Bad(
            f"bad offsets: end - start is {end - start} but the sentence has {len(sentence)} characters"
        )
    row = {
        "subject": subject,
        "subject_type": types["subject_type"],
        "relation": relation,
        "object": obj,
        "object_type": types["object_type"],
        "via": _text(record, "via"),
        "amount_usd": amount,
        "date": date,
        "status": status,
        "confidence": confidence,
        "article_id": _text(record, "article_id", required=True),
        "sentence": sentence,
        "start": start,
        "end": end,
        "title": _text(record, "title"),
        "published": published,
        "url": _text(record, "url"),
        "subject_id": node_id(subject),
        "object_id": node_id(obj),
    }
    if row["subject_id"] == row["object_id"] and types["subject_type"] == types["object_type"]:
        raise _Bad(f"subject and object are the same ({subject!r})")
    if relation in SYMMETRIC and row["subject_id"] > row["object_id"]:
        for a, b in (("subject", "object"), ("subject_id", "object_id")):
            row[a], row[b] = row[b], row[a]
    row["subject_label"] = NODE_LABELS[row["subject_type"]]
    row["object_label"] = NODE_LABELS[row["object_type"]]
    row["edge"] = (
        f"{row['subject_label']}:{row['subject_id']} {relation} "
        f"{row['object_label']}:{row['object_id']}"
    )
    key = "\x1f".join((row["article_id"], str(start), str(end), row["edge"], row["via"] or ""))
    row["evidence_id"] = hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]
    return row


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
