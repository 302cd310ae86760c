"""Triples: the contract between extraction and the graph (DESIGN.md, "The triple contract").

One triple is a flat record; a batch of them is a pandas DataFrame with `COLUMNS`. This module
turns claims into records and reads and writes JSONL, CSV and Parquet, streaming where the format
allows.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

import pandas as pd

from .articles import Article
from .errors import InputError
from .sentences import sentences

if TYPE_CHECKING:  # the store's commands read triples without loading spaCy
    from .relations import Claim

__all__ = [
    "COLUMNS",
    "RELATIONS",
    "STATUSES",
    "TripleWriter",
    "claim_to_triple",
    "read_triples",
    "to_frame",
]

RELATIONS = (
    "INVESTS_IN",
    "PROVIDES_CLOUD",
    "SUPPLIES_CHIPS",
    "PARTNERS_WITH",
    "ACQUIRES",
    "OWNS",
    "DISTRIBUTES",
)
STATUSES = ("confirmed", "in_talks", "reported", "ended")
# The contract's fields, then the article's metadata that the graph's Article nodes and
# firstSeen/lastSeen need (an extension of DESIGN.md, kept last so the contract reads first).
COLUMNS = [
    "subject",
    "subject_type",
    "relation",
    "object",
    "object_type",
    "via",
    "amount_usd",
    "date",
    "status",
    "confidence",
    "article_id",
    "sentence",
    "start",
    "end",
    "title",
    "published",
    "url",
]
Format = Literal["jsonl", "csv", "parquet"]


def claim_to_triple(claim: Claim, article: Article) -> dict:
    """Flatten a claim into a triple record with the article's provenance."""
    sentence = claim.sentence
    # sliced from the doc's text, kept once per doc: Span.text joins its tokens anew on each call
    text = sentences(sentence.doc).text[sentence.start_char : sentence.end_char]
    stripped = text.strip()
    start = sentence.start_char + len(text) - len(text.lstrip())
    return {
        "subject": claim.subject.name,
        "subject_type": claim.subject.type,
        "relation": claim.relation,
        "object": claim.object.name,
        "object_type": claim.object.type,
        "via": claim.via.name if claim.via is not None else None,
        "amount_usd": claim.amount_usd,
        "date": claim.date,
        "status": claim.status,
        "confidence": claim.confidence,
        "article_id": article.id,
        "sentence": stripped,
        "start": start,
        "end": start + len(stripped),
        "title": article.title or None,
        "published": article.published,
        "url": article.url,
    }


def to_frame(triples: Iterable[dict]) -> pd.DataFrame:
    """A DataFrame with the contract's columns, in order, typed."""
    frame = pd.DataFrame(list(triples), columns=COLUMNS)
    frame["amount_usd"] = frame["amount_usd"].astype("float64")
    frame["confidence"] = frame["confidence"].astype("float64")
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    return frame


def format_of(path: str | Path, default: Format = "jsonl") -> Format:
    suffix = Path(str(path)).suffix.lower()
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, default)  # type: ignore[return-value]


class TripleWriter:
    """Write triples as they come: JSONL and CSV stream; Parquet is written in row groups.

    Use as a context manager; ``path`` ``"-"`` writes to stdout (JSONL or CSV only).
    """

    def __init__(
        self, path: str | Path, fmt: Format | None = None, batch_rows: int = 10_000
    ) -> None:
        self.path = str(path)
        self.format: Format = fmt or format_of(self.path)
        if self.path == "-" and self.format == "parquet":
            raise InputError("-", "Parquet cannot be written to stdout; give -o FILE.parquet")
        self.batch_rows = batch_rows
        self.count = 0
        self._handle: IO[str] | None = None
        self._csv: csv.DictWriter | None = None
        self._parquet = None
        self._pending: list[dict] = []

    def __enter__(self) -> TripleWriter:
        if self.format == "parquet":
            return self
        if self.path == "-":
            self._handle = sys.stdout
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "w", encoding="utf-8", newline="")
        if self.format == "csv":
            self._csv = csv.DictWriter(self._handle, fieldnames=COLUMNS)
            self._csv.writeheader()
        return self

    def write(self, triple: dict) -> None:
        self.count += 1
        if self.format == "jsonl":
            assert self._handle is not None
            self._handle.write(json.dumps(triple, ensure_ascii=False) + "\n")
        elif self.format == "csv":
            assert self._csv is not None
            self._csv.writerow({k: ("" if v is None else v) for k, v in triple.items()})
        else:
            self._pending.append(triple)
            if len(self._pending) >= self.batch_rows:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(to_frame(self._pending), preserve_index=False)
        if self._parquet is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._parquet = pq.ParquetWriter(self.path, table.schema)
        self._parquet.write_table(table)
        self._pending = []

    def __exit__(self, *exc: object) -> None:
        if self.format == "parquet":
            if self._pending or self._parquet is None:
                self._flush_parquet()
            self._parquet.close()
        elif self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        elif self._handle is sys.stdout:
            sys.stdout.flush()


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_triples(path: str | Path) -> Iterator[tuple[int | None, dict]]:
    """Yield (line, record) for each triple of a JSONL, CSV or Parquet file, as written by extract.

    Values are returned as read (``None`` for empty); validation is the loader's job, so that it
    can name the line of every bad row.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    fmt = format_of(path)
    with _reading(path):
        if fmt == "parquet":
            import pyarrow.parquet as pq

            try:
                table = pq.read_table(path)
            except Exception as exc:  # pyarrow raises several types for a bad file
                raise InputError(str(path), f"not a readable Parquet file ({exc})") from None
            for number, row in enumerate(table.to_pylist(), start=1):
                yield number, {k: _none_if_nan(v) for k, v in row.items()}
        elif fmt == "csv":
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                if not reader.fieldnames:
                    raise InputError(str(path), "file is empty")
                for row in reader:
                    yield reader.line_num, {k: (v if v != "" else None) for k, v in row.items()}
        else:
            with path.open(encoding="utf-8") as handle:
                for number, raw in enumerate(handle, start=1):
                    if not raw.strip():
                        continue
                    try:
                        record = json.loads(raw)
                    except json.JSONDecodeError as exc:
                        raise InputError(str(path), f"not valid JSON ({exc.msg})", number) from None
                    if not isinstance(record, dict):
                        raise InputError(str(path), "expected a JSON object", number)
                    yield number, record


def _none_if_nan(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value
