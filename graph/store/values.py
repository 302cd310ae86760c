"""Values in and out of the store: parameters both drivers can send, results as plain Python.

Shared by every backend (`graph.store.base`, `.embedded`, `.bolt`): parameters go in as plain
Python (NaN as null, numpy scalars unwrapped, dates as ISO text); nodes, relationships, paths
and temporal values come back as dicts, lists and ISO text; error texts come out on one line,
with the Neo4j password blanked.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import loader
from ..dialects import one_line
from ..errors import QueryError

__all__ = ["error_text", "period_end", "plain", "rows_frame", "scrub", "to_param", "to_params"]


def period_end(as_of: str) -> str:
    """The last day of ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD``, as comparable text.

    Examples
    --------
    >>> period_end("2024"), period_end("2024-03"), period_end("2024-03-05")
    ('2024-12-31', '2024-03-31', '2024-03-05')
    """
    text = str(as_of).strip()
    try:
        loader.iso_date(text, "as_of date")
    except ValueError as bad:
        raise QueryError(str(bad)) from None
    return {4: text + "-12-31", 7: text + "-31"}.get(len(text), text)


def to_params(values: Mapping[str, Any]) -> dict:
    """Each parameter as `to_param` makes it, under a text key."""
    return {str(key): to_param(value) for key, value in values.items()}


def to_param(value: Any) -> Any:
    """A parameter both drivers can send: plain Python, NaN as null, numpy scalars unwrapped."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): to_param(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_param(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return to_param(value.item())
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    return value


def plain(value: Any) -> Any:
    """A result value as plain Python: nodes and relationships as property dicts (with their
    ``_labels`` / ``_type``), paths as lists, dates as ISO text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    kind = type(value).__name__
    if kind == "Node":
        labels = getattr(value, "labels", None) or []
        properties = getattr(value, "properties", None)
        properties = properties if properties is not None else dict(value.items())
        return {"_labels": sorted(labels), **{k: plain(v) for k, v in properties.items()}}
    if kind in {"Edge", "Relationship"}:
        relation = getattr(value, "relation", None) or getattr(value, "type", None)
        properties = getattr(value, "properties", None)
        properties = properties if properties is not None else dict(value.items())
        return {"_type": relation, **{k: plain(v) for k, v in properties.items()}}
    if kind == "Path":
        nodes = value.nodes() if callable(getattr(value, "nodes", None)) else value.nodes
        return [plain(node) for node in nodes]
    if hasattr(value, "iso_format"):  # neo4j.time
        return value.iso_format()
    return value


def rows_frame(columns: list[str], rows: list) -> pd.DataFrame:
    """Rows as a DataFrame that keeps its columns even when there is no row."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows, columns=columns)


def error_text(exc: object) -> str:
    """An exception's text on one line (its class name if it has no text)."""
    return one_line(str(exc), limit=None) or type(exc).__name__


def scrub(exc: object) -> str:
    """An error's text on one line, with the Neo4j password (if any) blanked out."""
    text = error_text(exc)
    password = os.environ.get("NEO4J_PASSWORD")
    return text.replace(password, "***") if password else text
