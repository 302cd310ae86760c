"""The loader's Cypher: constant texts, one per (relation, subject label, object label), built
once at import; every value in them is a parameter. Also how evidence is ordered and
aggregated, shared with `Store.alliance_edges(as_of=...)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.triples import RELATIONS

from .model import _LABELS, ROLE_LABELS

if TYPE_CHECKING:
    pass

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
