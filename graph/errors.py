"""Domain exceptions of the graph store.

The store raises these and nothing else on purpose; the command line turns each into one clean
line on stderr and the exit code of its class (see `graph.cli`). Database errors are translated
where they happen (`graph.store`), so no driver exception reaches a user as a traceback, and no
message ever carries a credential.
"""

from __future__ import annotations

from extract.errors import AlliancesError, InputError

__all__ = ["LoadError", "QueryError", "ReadOnlyError", "StoreError"]


class StoreError(AlliancesError):
    """The store cannot be opened, reached or written (a bad file, a server that is down).

    Examples
    --------
    >>> str(StoreError("cannot reach Neo4j at neo4j://localhost:7687"))
    'cannot reach Neo4j at neo4j://localhost:7687'
    """

    exit_code = 1


class QueryError(StoreError):
    """The database refused a query: a syntax error, an unknown function, a missing parameter.

    Parameters
    ----------
    message : str
        The database's reason, on one line.
    line, column : int, optional
        1-based position of the problem in the query text, where the database gives one.

    Examples
    --------
    >>> str(QueryError("Invalid input 'RETRUN'", line=1, column=10))
    "query error at line 1, column 10: Invalid input 'RETRUN'"
    """

    exit_code = 1

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.reason = message
        self.line = line
        self.column = column
        where = (
            f" at line {line}, column {column}" if line is not None and column is not None else ""
        )
        super().__init__(f"query error{where}: {message}")


class ReadOnlyError(QueryError):
    """A query that writes was sent down the read-only path; nothing was changed.

    Examples
    --------
    >>> str(ReadOnlyError())
    'query error: this query writes; pass --write (write=True in Python) to run it'
    """

    def __init__(
        self, message: str = "this query writes; pass --write (write=True in Python) to run it"
    ) -> None:
        super().__init__(message)


class LoadError(InputError):
    """A triple record is invalid: names the file (or source), the line and the reason.

    Raised before anything is written, so the store is left as it was.

    Examples
    --------
    >>> str(LoadError("triples.jsonl", "unknown relation 'FUNDS'", 7))
    "triples.jsonl:7: unknown relation 'FUNDS'"
    """
