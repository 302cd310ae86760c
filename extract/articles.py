"""Article readers: files and folders in, a stream of `Article` records out.

Formats (DESIGN.md, "Article input"): JSONL (one object a line with `id`, `title`, `published`,
`url`, `text`), `.txt` / `.md` (id = file stem, title = first non-empty line), `.html` (main text,
title and date through trafilatura), `.csv` (JSONL's columns) and folders of any of these.

Readers are generators: a corpus never sits whole in memory. A bad file or line is reported as an
`InputError` naming file and line; with ``on_error="skip"`` it is handed to ``on_problem`` and the
stream goes on, with ``on_error="raise"`` it stops the stream.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from .errors import InputError

__all__ = ["SUFFIXES", "Article", "iter_articles", "normalise_published"]

SUFFIXES = {".jsonl", ".ndjson", ".json", ".txt", ".md", ".markdown", ".html", ".htm", ".csv"}
OnError = Literal["skip", "raise"]

_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True, slots=True)
class Article:
    """One article: the unit of extraction and of provenance."""

    id: str
    text: str
    title: str = ""
    published: str | None = None
    url: str | None = None
    source: str = ""  # "path:line" the article came from, for messages

    def to_dict(self) -> dict:
        return asdict(self)


def normalise_published(value: object) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``, or raise ``ValueError``.

    Examples
    --------
    >>> normalise_published("2024-11-07T08:00:00Z")
    '2024-11-07'
    >>> normalise_published(None) is None
    True
    """
    if value is None or value == "":
        return None
    match = _PUBLISHED.match(str(value).strip())
    if not match:
        raise ValueError(f"published date {value!r} is not YYYY-MM-DD")
    year, month, day = match.groups()
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        raise ValueError(f"published date {value!r} is not a real date")
    return "-".join(part for part in (year, month, day) if part)


def iter_articles(
    inputs: Iterable[str | Path],
    *,
    on_error: OnError = "skip",
    on_problem: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles of files and folders, in a stable order.

    Parameters
    ----------
    inputs : iterable of path
        Files, folders (searched recursively for known suffixes), or ``"-"`` for JSONL on stdin.
    on_error : {"skip", "raise"}
        What a bad file or line does: reported to ``on_problem`` and skipped, or raised.
    on_problem : callable, optional
        Receives each skipped problem as an `InputError`.
    """

    def report(problem: InputError) -> None:
        if on_error == "raise":
            raise problem
        if on_problem is not None:
            on_problem(problem)

    for item in inputs:
        if str(item) == "-":
            yield from _guard(_read_jsonl_lines(sys.stdin, "<stdin>", "stdin", report), report)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                report(InputError(str(path), "folder holds no article files (" + _known() + ")"))
            for file in files:
                yield from _guard(_read_file(file, report), report)
        elif not path.exists():
            report(InputError(str(path), "no such file or folder"))
        elif path.suffix.lower() not in SUFFIXES:
            report(InputError(str(path), f"unknown article format {path.suffix!r} ({_known()})"))
        else:
            yield from _guard(_read_file(path, report), report)


def _known() -> str:
    return "expected " + ", ".join(sorted(SUFFIXES))


def _guard(articles: Iterator[Article], report: Callable[[InputError], None]) -> Iterator[Article]:
    """Turn a whole-file failure inside a reader into a reported problem."""
    try:
        yield from articles
    except InputError as problem:
        report(problem)


def _read_file(path: Path, report: Callable[[InputError], None]) -> Iterator[Article]:
    suffix = path.suffix.lower()
    try:
        if suffix in {".jsonl", ".ndjson"}:
            with path.open(encoding="utf-8") as handle:
                yield from _read_jsonl_lines(handle, str(path), path.stem, report)
        elif suffix == ".json":
            yield from _read_json(path, report)
        elif suffix == ".csv":
            yield from _read_csv(path, report)
        elif suffix in {".html", ".htm"}:
            yield _read_html(path)
        else:
            yield _read_text(path)
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _record(obj: object, source: str, line: int | None, default_id: str) -> Article:
    """Build an Article from a JSONL object or CSV row, or raise InputError."""
    if not isinstance(obj, dict):
        raise InputError(source, "expected a JSON object with a 'text' field", line)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "missing or empty 'text'", line)
    try:
        published = normalise_published(obj.get("published") or obj.get("date"))
    except ValueError as exc:
        raise InputError(source, str(exc), line) from None
    ident = obj.get("id")
    title = obj.get("title") or _first_line(text)
    return Article(
        id=str(ident) if ident not in (None, "") else default_id,
        text=text,
        title=str(title),
        published=published,
        url=obj.get("url") or None,
        source=f"{source}:{line}" if line else source,
    )


def _read_jsonl_lines(
    handle: Iterable[str], source: str, stem: str, report: Callable[[InputError], None]
) -> Iterator[Article]:
    seen = False
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        seen = True
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            report(InputError(source, f"not valid JSON ({exc.msg}, column {exc.colno})", number))
            continue
        try:
            yield _record(obj, source, number, f"{stem}-{number}")
        except InputError as problem:
            report(problem)
    if not seen:
        raise InputError(source, "file is empty")


def _read_json(path: Path, report: Callable[[InputError], None]) -> Iterator[Article]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg})", exc.lineno) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(str(path), "file holds no articles")
    for index, obj in enumerate(items, start=1):
        try:
            yield _record(obj, str(path), None, f"{path.stem}-{index}")
        except InputError as problem:
            report(problem)


def _read_csv(path: Path, report: Callable[[InputError], None]) -> Iterator[Article]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise InputError(str(path), "file is empty")
        if "text" not in reader.fieldnames:
            raise InputError(
                str(path), f"no 'text' column (columns: {', '.join(reader.fieldnames)})", 1
            )
        rows = 0
        for row in reader:
            rows += 1
            try:
                yield _record(row, str(path), reader.line_num, f"{path.stem}-{rows}")
            except InputError as problem:
                report(problem)
        if not rows:
            raise InputError(str(path), "no rows below the header")


def _read_text(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise InputError(str(path), "file is empty")
    return Article(id=path.stem, text=text, title=_first_line(text), source=str(path))


def _read_html(path: Path) -> Article:
    import trafilatura  # imported here: only HTML inputs pay for it

    html = path.read_text(encoding="utf-8")
    if not html.strip():
        raise InputError(str(path), "file is empty")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(str(path), "no article text found in the HTML")
    try:
        published = normalise_published(getattr(doc, "date", None))
    except ValueError:
        published = None
    title = getattr(doc, "title", None) or _first_line(text)
    url = getattr(doc, "url", None)
    return Article(
        id=path.stem, text=text, title=title, published=published, url=url, source=str(path)
    )


def _first_line(text: str, limit: int = 120) -> str:
    """The title of a text without one: its first line, cut at its first sentence if long."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= limit:
            return line
        end = re.search(r"[.!?](\s|$)", line)
        if end and end.end() <= limit:
            return line[: end.start() + 1]
        return line[:limit].rsplit(" ", 1)[0] + "…"
    return ""
