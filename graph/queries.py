"""The library of named Cypher queries: one ``.cypher`` file each in ``graph/queries/``.

Each file opens with a comment header that is its documentation::

    // who-funds: who invests in an organisation, with the largest amount each has stated.
    //
    // Parameters:
    //   $org    the organisation, by name or id (e.g. Anthropic)
    //   $limit  how many rows (default: 10)

The first line is ``name: what it answers``; each ``$name`` line is a parameter, with an example
``(e.g. ...)`` or a default ``(default: ...)``; a parameter without a default is required. The text
below the header is plain Cypher that runs on both backends (FalkorDB and Neo4j), so a file can be
pasted into any Cypher console as it is. To add a query, drop a file in the folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import QueryError

__all__ = ["NamedQuery", "Parameter", "get_query", "named_queries"]

_REQUIRED = object()
_HEAD = re.compile(r"^//\s*(?P<name>[a-z0-9][a-z0-9-]*)\s*:\s*(?P<summary>.+)$")
_PARAM = re.compile(r"^//\s+\$(?P<name>\w+)\s+(?P<help>.+)$")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query, as its header describes it."""

    name: str
    help: str
    example: str | None = None
    default: object = _REQUIRED

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def coerce(self, value: object) -> object:
        """Turn a command-line string into the type of the default (``limit=5`` -> 5)."""
        if isinstance(value, str) and isinstance(self.default, int):
            try:
                return int(value)
            except ValueError:
                raise QueryError(f"${self.name} must be a whole number, not {value!r}") from None
        return value


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its name, what it answers, its parameters and its Cypher.

    Examples
    --------
    >>> query = get_query("who-funds")
    >>> query.summary
    'who invests in an organisation, with the largest amount each has stated.'
    >>> [p.name for p in query.parameters]
    ['org']
    >>> query.bind({"org": "Anthropic"})
    {'org': 'Anthropic'}
    """

    name: str
    summary: str
    parameters: tuple[Parameter, ...]
    cypher: str
    path: str

    def bind(self, params: dict) -> dict:
        """The parameters to run with: defaults filled in, strings coerced, mistakes refused."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(known))
        if unknown:
            expected = ", ".join(f"${name}" for name in known) or "none"
            raise QueryError(
                f"{self.name} has no parameter {', '.join('$' + u for u in unknown)} "
                f"(its parameters: {expected})"
            )
        bound = {}
        for parameter in self.parameters:
            if parameter.name in params:
                bound[parameter.name] = parameter.coerce(params[parameter.name])
            elif parameter.required:
                example = parameter.example or "..."
                raise QueryError(
                    f"{self.name} needs ${parameter.name}, {parameter.help} "
                    f"(e.g. --param {parameter.name}={example})"
                )
            else:
                bound[parameter.name] = parameter.default
        return bound

    def usage(self) -> str:
        """The parameters in one line, for ``alliances query --list``."""
        parts = []
        for p in self.parameters:
            if p.required:
                parts.append(f"{p.name}={p.example or '...'}")
            else:
                parts.append(f"{p.name}={'any' if p.default is None else p.default} (optional)")
        return " ".join(parts)


def parse_query(text: str, path: str = "<text>") -> NamedQuery:
    """Read a named query's header and body.

    Examples
    --------
    >>> q = parse_query("// top: the largest.\\n//   $limit  how many (default: 5)\\nRETURN $limit")
    >>> q.name, q.parameters[0].default
    ('top', 5)
    """
    lines = text.splitlines()
    head = _HEAD.match(lines[0].strip()) if lines else None
    if head is None:
        raise QueryError(f"{path}: the first line must be '// name: what it answers'")
    parameters = []
    for line in lines[1:]:
        if not line.startswith("//"):
            break
        match = _PARAM.match(line.rstrip())
        if match is None:
            continue
        help_text = match["help"].strip()
        example = re.search(r"\(e\.g\.\s*([^)]*)\)", help_text)
        default = re.search(r"\(default:\s*([^)]*)\)", help_text)
        help_text = re.sub(r"\s*\((e\.g\.|default:)[^)]*\)", "", help_text)
        parameters.append(
            Parameter(
                name=match["name"],
                help=help_text,
                example=example[1].strip() if example else None,
                default=_literal(default[1].strip()) if default else _REQUIRED,
            )
        )
    return NamedQuery(head["name"], head["summary"].strip(), tuple(parameters), text, path)


def _literal(text: str) -> object:
    if text in {"null", "any", "none"}:
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


@cache
def named_queries() -> dict[str, NamedQuery]:
    """All named queries, by name, from ``graph/queries/`` (read once per process)."""
    return dict(_named_queries())


@cache
def _named_queries() -> dict[str, NamedQuery]:
    files = [
        (entry.name, entry.read_text("utf-8"))
        for entry in resources.files("graph").joinpath("queries").iterdir()
        if entry.name.endswith(".cypher")
    ]
    queries = {}
    for name, text in sorted(files):
        query = parse_query(text, f"graph/queries/{name}")
        queries[query.name] = query
    return queries


def get_query(name: str) -> NamedQuery:
    """The named query ``name``, or a `QueryError` that lists the names there are."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(
            f"no named query {name!r}; there are {', '.join(queries)} (alliances query --list)"
        )
    return queries[name]
