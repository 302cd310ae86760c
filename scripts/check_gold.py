#!/usr/bin/env python3
"""Check an annotated set (articles.jsonl + gold.jsonl) against examples/ANNOTATION.md's format.

Standard library only, so annotators can run it with any Python 3 and without the extractor:

    python3 scripts/check_gold.py examples/test
    python3 scripts/check_gold.py ARTICLES.jsonl GOLD.jsonl

Errors (exit 1): malformed JSON, missing fields, duplicate or clashing article ids, unknown
relations or statuses, bad amounts or dates, gold lines for articles not in the set. Warnings:
a name that is a gazetteer alias rather than its canonical name, a sentence not found in its
article, a product or unit named in the text whose OWNS line is missing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELATIONS = {
    "INVESTS_IN",
    "PROVIDES_CLOUD",
    "SUPPLIES_CHIPS",
    "PARTNERS_WITH",
    "ACQUIRES",
    "OWNS",
    "DISTRIBUTES",
}
STATUSES = {"confirmed", "in_talks", "reported", "ended", "denied"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SETS = {
    "dev": ROOT / "examples",
    "holdout": ROOT / "examples/holdout",
    "test": ROOT / "examples/test",
}


def read_jsonl(path: Path, problems: list[str]) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{path}:{number}: not valid JSON ({error})")
            continue
        if not isinstance(record, dict):
            problems.append(f"{path}:{number}: not a JSON object")
            continue
        rows.append((number, record))
    return rows


def gazetteer_names() -> tuple[dict[str, str], dict[str, str]]:
    """alias (lower case) -> canonical name, and canonical name -> owner."""
    aliases, owners = {}, {}
    for line in (ROOT / "extract/data/gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
        entity = json.loads(line)
        aliases[entity["name"].lower()] = entity["name"]
        for alias in entity.get("aliases", []):
            aliases.setdefault(alias.lower(), entity["name"])
        if entity.get("owner"):
            owners[entity["name"]] = entity["owner"]
    return aliases, owners


def other_ids(folder: Path) -> set[str]:
    ids = set()
    for path in SETS.values():
        if path.resolve() != folder.resolve() and (path / "articles.jsonl").exists():
            for line in (path / "articles.jsonl").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    ids.add(json.loads(line)["id"])
    return ids


def check(articles_path: Path, gold_path: Path) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    aliases, owners = gazetteer_names()
    articles: dict[str, dict] = {}
    clashes = other_ids(articles_path.parent)
    for number, article in read_jsonl(articles_path, errors):
        where = f"{articles_path}:{number}"
        for field in ("id", "title", "text"):
            if not str(article.get(field) or "").strip():
                errors.append(f"{where}: missing or empty {field!r}")
        published = article.get("published")
        if published and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(published)):
            errors.append(f"{where}: 'published' must be YYYY-MM-DD, not {published!r}")
        aid = article.get("id")
        if aid in articles:
            errors.append(f"{where}: duplicate article id {aid!r}")
        if aid in clashes:
            errors.append(f"{where}: article id {aid!r} is already used by another set")
        articles[aid] = article
    owned_lines: dict[str, set[tuple[str, str]]] = {}
    for number, line in read_jsonl(gold_path, errors):
        where = f"{gold_path}:{number}"
        for field in ("article_id", "subject", "relation", "object", "status"):
            if not str(line.get(field) or "").strip():
                errors.append(f"{where}: missing or empty {field!r}")
        if line.get("article_id") not in articles:
            errors.append(f"{where}: article {line.get('article_id')!r} is not in {articles_path}")
            continue
        if line.get("relation") not in RELATIONS:
            errors.append(f"{where}: unknown relation {line.get('relation')!r}")
        if line.get("status") not in STATUSES:
            errors.append(f"{where}: unknown status {line.get('status')!r}")
        amount = line.get("amount_usd")
        if amount is not None and (not isinstance(amount, int | float) or amount <= 0):
            errors.append(f"{where}: amount_usd must be a positive number or null, not {amount!r}")
        date = line.get("date")
        if date is not None and not DATE.match(str(date)):
            errors.append(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
        for role in ("subject", "object"):
            name = str(line.get(role) or "")
            canonical = aliases.get(name.lower())
            if canonical and canonical != name:
                warnings.append(
                    f"{where}: {role} {name!r} is written {canonical!r} in the gazetteer"
                )
        sentence = str(line.get("sentence") or "")
        text = articles[line["article_id"]]["text"]
        if sentence and sentence[:60] not in text:
            warnings.append(f"{where}: sentence not found in the article text: {sentence[:60]!r}")
        if line.get("relation") == "OWNS":
            owned_lines.setdefault(line["article_id"], set()).add((line["subject"], line["object"]))
    for aid, article in articles.items():
        text = article["text"]
        for product, owner in owners.items():
            if re.search(rf"(?<!\w){re.escape(product)}(?!\w)", text) and (
                owner,
                product,
            ) not in owned_lines.get(aid, set()):
                warnings.append(
                    f"{articles_path}: article {aid!r} names {product!r}; no OWNS line {owner} -> {product}"
                )
    return errors, warnings


def main(argv: list[str]) -> int:
    if len(argv) == 1:
        folder = SETS.get(argv[0], Path(argv[0]))
        articles_path, gold_path = folder / "articles.jsonl", folder / "gold.jsonl"
    elif len(argv) == 2:
        articles_path, gold_path = Path(argv[0]), Path(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for path in (articles_path, gold_path):
        if not path.exists():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
    errors, warnings = check(articles_path, gold_path)
    for message in warnings:
        print(f"warning: {message}")
    for message in errors:
        print(f"error: {message}")
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
