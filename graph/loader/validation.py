"""One triple record checked against the contract (DESIGN.md, "The triple contract") and
normalised, or a `LoadError` naming its source, line and reason; the stable node ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extract.gazetteer import slugify
from extract.triples import RELATIONS, STATUSES

from ..errors import LoadError
from .model import _DATE, NODE_LABELS, REQUIRED, SYMMETRIC

if TYPE_CHECKING:
    pass


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
