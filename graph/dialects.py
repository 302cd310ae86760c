"""Where FalkorDB and Neo4j differ, in one small place.

Everything else (the loader's writes, the store's reads, the named queries of ``queries/``) is one
Cypher text that runs on both. What differs:

- schema DDL: Neo4j has named ``CREATE CONSTRAINT ... IF NOT EXISTS``; FalkorDB has unnamed
  ``CREATE INDEX`` plus the ``GRAPH.CONSTRAINT`` command, and neither of those is idempotent;
- how each reports an error's position and a write on the read-only path;
- FalkorDB's own Bolt server (``FALKORDB_BOLT``, found by `Dialect` probing, not by name: it
  calls itself Neo4j) pastes string parameters into the query text, so they are escaped for it;
  it has no read-only path and no Cypher for unique constraints;
- constructs only Neo4j has (``=~``, ``EXISTS {}`` / ``COUNT {}`` subqueries, ``elementId()``,
  ``datetime()``); `portability_problems` finds them, so that a query that would work on one
  backend only is caught by the tests instead of by a user.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = [
    "FALKORDB",
    "FALKORDB_BOLT",
    "FALKORDB_CONSTRAINTS",
    "FALKORDB_INDEXES",
    "INLINING_PROBE",
    "NEO4J",
    "UNIQUE_IDS",
    "Dialect",
    "FalkorSchemaItem",
    "falkordb_schema",
    "missing_falkordb_schema",
    "neo4j_schema",
    "one_line",
    "portability_problems",
    "writes",
]

# Labels whose ``id`` is unique, and further look-ups that need an index.
UNIQUE_IDS = ("Organization", "Product", "Article", "Evidence")
LOOKUPS = (("Evidence", "edge"), ("Organization", "name"))

_UNPORTABLE = (
    (re.compile(r"=~"), "'=~' (FalkorDB has no regular expressions; use STARTS WITH / CONTAINS)"),
    (re.compile(r"\bEXISTS\s*\{", re.I), "EXISTS { } subqueries (FalkorDB lacks them)"),
    (re.compile(r"\bCOUNT\s*\{", re.I), "COUNT { } subqueries (FalkorDB lacks them)"),
    (re.compile(r"\belementId\s*\(", re.I), "elementId() (FalkorDB lacks it; use the id property)"),
    (re.compile(r"\bdatetime\s*\(", re.I), "datetime() (FalkorDB lacks it; dates are ISO strings)"),
    (re.compile(r"\bCREATE\s+(CONSTRAINT|INDEX)\b", re.I), "schema DDL (it lives in dialects.py)"),
)


@dataclass(frozen=True)
class Dialect:
    """How one backend reports what the store needs to know about an error.

    Attributes
    ----------
    name : str
        ``"falkordb"`` or ``"neo4j"``.
    read_only_markers : tuple of str
        Text (FalkorDB) or status codes (Neo4j) by which the database refuses a write sent down
        its read-only path (``GRAPH.RO_QUERY``, ``session.execute_read``); none for a server that
        has no such path.
    inlines_parameters : bool
        The server pastes string parameters into the query text between single quotes instead of
        binding them, so a quote or backslash in a value must be escaped (`bound`).
    inline_limit : int, optional
        Bytes of query text and inlined parameters together that the server survives (FalkorDB's
        Bolt server copies both into one 4 KB buffer and crashes beyond it); statements are split
        or refused to fit.
    opaque_error : str, optional
        The message the server sends for every error, whatever went wrong.
    enforces_unique : bool
        The schema the store can set up makes ``id`` unique (not over FalkorDB's Bolt server,
        which has no Cypher for it: MERGE on ``id`` still keeps loads idempotent).
    """

    name: str
    read_only_markers: tuple[str, ...]
    inlines_parameters: bool = False
    inline_limit: int | None = None
    opaque_error: str | None = None
    enforces_unique: bool = True

    @property
    def read_only_path(self) -> bool:
        """The server refuses a write sent down its read path (it says how: the markers)."""
        return bool(self.read_only_markers)

    def prepared(self, cypher: str, params: dict, *, split: bool = False) -> list[dict]:
        """``params`` as they must be sent with ``cypher`` (`bound`), in parts small enough for
        the server; ``[]`` if they cannot be. With ``split``, their one list is cut into parts
        (for ``UNWIND $rows`` statements, whose rows are independent); without, they go whole.

        Examples
        --------
        >>> q = "UNWIND $rows AS row RETURN row"
        >>> [len(part["rows"]) for part in FALKORDB_BOLT.prepared(q, {"rows": ["x"] * 9})]
        [9]
        >>> [len(p["rows"]) for p in FALKORDB_BOLT.prepared(q, {"rows": ["x" * 900] * 9}, split=True)]
        [4, 4, 1]
        >>> FALKORDB_BOLT.prepared(q, {"rows": ["x" * 5000]}, split=True), NEO4J.prepared(q, {"s": "x"})
        ([], [{'s': 'x'}])
        """
        bound = self.bound(params)
        if self.inline_limit is None:
            return [bound]
        limit = self.inline_limit - len(cypher.encode())
        if _size(bound) <= limit:
            return [bound]
        lists = [key for key, value in bound.items() if isinstance(value, list)]
        if not split or len(lists) != 1:
            return []
        key = lists[0]
        rest = {name: value for name, value in bound.items() if name != key}
        budget = limit - _size({**rest, key: []})
        parts: list[dict] = []
        rows: list = []
        used = 0
        for row in bound[key]:
            size = _size(row) + 2  # and the ", " before it
            if size > budget:
                return []
            if rows and used + size > budget:
                parts.append({**rest, key: rows})
                rows, used = [], 0
            rows.append(row)
            used += size
        return [*parts, {**rest, key: rows}]

    def bound(self, value: object) -> object:
        r"""``value`` as it must be sent so that the server stores it unchanged.

        Examples
        --------
        >>> FALKORDB_BOLT.bound({"s": ["it's", "C:\\"]})
        {'s': ["it\\'s", 'C:\\\\']}
        >>> NEO4J.bound("it's")
        "it's"
        """
        if not self.inlines_parameters:
            return value
        if isinstance(value, str):
            return value.replace("\\", "\\\\").replace("'", "\\'")
        if isinstance(value, dict):
            return {key: self.bound(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.bound(item) for item in value]
        return value

    def refuses_write(self, text: str) -> bool:
        """Whether an error message or code is the database refusing a write on the read path."""
        return any(marker in text for marker in self.read_only_markers)

    def error_position(self, message: str) -> tuple[str, int | None, int | None]:
        """Split a database error into (reason, line, column), the reason on one line.

        Examples
        --------
        >>> FALKORDB.error_position(
        ...     "errMsg: Invalid input 'X': expected RETURN line: 1, column: 10, offset: 9 "
        ...     "errCtx: MATCH (n) X errCtxOffset: 9")
        ("Invalid input 'X': expected RETURN", 1, 10)
        >>> NEO4J.error_position("Invalid input 'X' (line 2, column 3 (offset: 12))\\n  ^")
        ("Invalid input 'X'", 2, 3)
        >>> FALKORDB_BOLT.error_position("An unknown error occurred")[0]
        "the server gave no reason (FalkorDB's Bolt server reports every error as unknown; ..."
        """
        if self.opaque_error is not None and message.strip() == self.opaque_error:
            return (
                "the server gave no reason (FalkorDB's Bolt server reports every error as "
                "unknown; the same query on the embedded store names the problem)",
                None,
                None,
            )
        if self.name.startswith("falkordb"):
            pattern = r"errMsg:\s*(?P<reason>.*?)\s+line:\s*(?P<line>\d+),\s*column:\s*(?P<col>\d+)"
        else:
            pattern = r"(?P<reason>.*?)\s*\(line (?P<line>\d+), column (?P<col>\d+)"
        match = re.search(pattern, message, re.S)
        if match is None:
            return one_line(message), None, None
        return one_line(match["reason"]), int(match["line"]), int(match["col"])


def neo4j_schema() -> list[str]:
    """Idempotent Neo4j 5 DDL: a uniqueness constraint on ``id`` per label, and look-up indexes.

    Examples
    --------
    >>> neo4j_schema()[0]
    'CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE'
    """
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in UNIQUE_IDS
    ]
    statements += [
        f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in LOOKUPS
    ]
    return statements


@dataclass(frozen=True)
class FalkorSchemaItem:
    """One FalkorDB index (a Cypher statement) or unique constraint (a ``GRAPH.CONSTRAINT``
    command), with the (label, property) it covers so the store can skip what exists: neither
    statement may be run twice."""

    kind: str  # "index" or "unique"
    label: str
    prop: str
    command: tuple[str, ...]


def falkordb_schema(graph: str) -> list[FalkorSchemaItem]:
    """FalkorDB's indexes, then its unique constraints (which need the index first).

    Examples
    --------
    >>> falkordb_schema("alliances")[0].command
    ('CREATE INDEX FOR (n:Organization) ON (n.id)',)
    >>> falkordb_schema("alliances")[-1].command
    ('GRAPH.CONSTRAINT', 'CREATE', 'alliances', 'UNIQUE', 'NODE', 'Evidence', 'PROPERTIES', '1', 'id')
    """
    indexed = [(label, "id") for label in UNIQUE_IDS] + list(LOOKUPS)
    items = [
        FalkorSchemaItem("index", label, prop, (f"CREATE INDEX FOR (n:{label}) ON (n.{prop})",))
        for label, prop in indexed
    ]
    items += [
        FalkorSchemaItem(
            "unique",
            label,
            "id",
            ("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"),
        )
        for label in UNIQUE_IDS
    ]
    return items


def _size(value: object) -> int:
    # JSON quotes keys and escapes more than the server's own rendering, which prints floats
    # with six decimals ("0.900000"): with floats written that way, an upper bound.
    return len(json.dumps(_as_rendered(value), ensure_ascii=False, default=str).encode())


def _as_rendered(value: object) -> object:
    if isinstance(value, float):
        return f"{value:f}"
    if isinstance(value, dict):
        return {key: _as_rendered(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_rendered(item) for item in value]
    return value


# What a FalkorDB graph has, as (label, properties) rows: `missing_falkordb_schema` reads them.
FALKORDB_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"
FALKORDB_CONSTRAINTS = "CALL db.constraints() YIELD label, properties RETURN label, properties"


def missing_falkordb_schema(
    graph: str, indexes: list, constraints: list | None = None
) -> list[FalkorSchemaItem]:
    """The items of `falkordb_schema` a graph lacks, given the rows of ``FALKORDB_INDEXES`` and
    ``FALKORDB_CONSTRAINTS`` (None: constraints unknown, all listed as missing).

    Examples
    --------
    >>> present = [["Organization", ["id", "name"]], ["Product", ["id"]]]
    >>> [(i.label, i.prop) for i in missing_falkordb_schema("g", present) if i.kind == "index"]
    [('Article', 'id'), ('Evidence', 'id'), ('Evidence', 'edge')]
    """
    have = {
        "index": {(label, prop) for label, props in indexes for prop in props or ()},
        "unique": {(label, prop) for label, props in constraints or () for prop in props or ()},
    }
    return [
        item for item in falkordb_schema(graph) if (item.label, item.prop) not in have[item.kind]
    ]


def one_line(text: str, limit: int | None = 300) -> str:
    """``text`` on one line, cut to ``limit`` characters (None: whole)."""
    line = " ".join(text.split())
    return line if limit is None or len(line) <= limit else line[: limit - 3] + "..."


_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_WRITE_CLAUSES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP)\b|\bCALL\s+[\w.]*(create|drop|delete)", re.I
)


def writes(cypher: str) -> bool:
    """Whether ``cypher`` has a clause that writes (outside strings, names and comments).

    The guard for a server with no read-only path (`Dialect.read_only_path` false): it errs on
    the side of refusing, so a read that merely looks like a write must be sent with ``write``.

    Examples
    --------
    >>> writes("MATCH (o) WHERE o.name = 'SET' RETURN o  // no CREATE here")
    False
    >>> writes("MATCH (o:Organization) DETACH DELETE o")
    True
    """
    return bool(_WRITE_CLAUSES.search(_LITERALS.sub(" ", cypher)))


def portability_problems(cypher: str) -> list[str]:
    """Constructs in ``cypher`` that only one of the two backends understands.

    Examples
    --------
    >>> portability_problems("MATCH (o:Organization) WHERE o.name =~ 'Open.*' RETURN o")
    ["'=~' (FalkorDB has no regular expressions; use STARTS WITH / CONTAINS)"]
    >>> portability_problems("MATCH (o:Organization) RETURN o.name")
    []
    """
    text = "\n".join(line.split("//", 1)[0] for line in cypher.splitlines())
    return [problem for pattern, problem in _UNPORTABLE if pattern.search(text)]


FALKORDB = Dialect("falkordb", ("is to be executed only on read-only queries",))
FALKORDB_BOLT = Dialect(
    "falkordb-bolt",
    (),
    inlines_parameters=True,
    inline_limit=3900,
    opaque_error="An unknown error occurred",
    enforces_unique=False,
)
# Sent as ``RETURN $probe``: a server that binds parameters returns it as sent; one that pastes
# it into the query text reads the backslash as an escape and returns a newline.
INLINING_PROBE = "\\n"
NEO4J = Dialect(
    "neo4j",
    ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"),
)
