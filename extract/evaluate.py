"""Evaluation: precision, recall and F1 per relation against a gold file, and status and amount accuracy.

The scoring unit is the distinct (article, subject, relation, object) key; ``PARTNERS_WITH`` keys
are unordered. Names on both sides are mapped through the gazetteer's aliases first, so that gold
written as "Alphabet" matches a prediction of "Google". For every key found on both sides, status
accuracy compares the sets of statuses and amount accuracy the largest amounts (1% tolerance, two
nulls agree). See ``examples/ANNOTATION.md`` for the gold format and the annotation rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GoldError
from .gazetteer import Gazetteer, load_gazetteer
from .triples import RELATIONS, STATUSES, read_triples

if TYPE_CHECKING:
    from .extractor import Extractor

__all__ = ["CORE_RELATIONS", "Evaluation", "Score", "evaluate", "read_gold"]

CORE_RELATIONS = ("INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "PARTNERS_WITH", "ACQUIRES")
Key = tuple[str, str, str, str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Evaluation:
    """Scores per relation, micro averages, and the errors behind them."""

    by_relation: dict[str, Score]
    overall: Score
    core: Score
    status_accuracy: float
    amount_accuracy: float
    matched: int
    false_positives: list[Key] = field(default_factory=list)
    false_negatives: list[Key] = field(default_factory=list)
    status_errors: list[tuple[Key, list[str], list[str]]] = field(default_factory=list)
    amount_errors: list[tuple[Key, float | None, float | None]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "relations": {r: s.as_dict() for r, s in self.by_relation.items()},
            "overall": self.overall.as_dict(),
            "core": self.core.as_dict(),
            "status_accuracy": round(self.status_accuracy, 4),
            "amount_accuracy": round(self.amount_accuracy, 4),
            "matched": self.matched,
        }


def _key(record: dict, gazetteer: Gazetteer) -> Key:
    subject = gazetteer.canonical(str(record["subject"]))
    obj = gazetteer.canonical(str(record["object"]))
    relation = str(record["relation"]).upper()
    if relation == "PARTNERS_WITH":
        subject, obj = sorted((subject, obj))
    return (str(record["article_id"]), subject, relation, obj)


def read_gold(path: str | Path) -> list[dict]:
    """Read and check a gold JSONL file (``examples/ANNOTATION.md``)."""
    path = Path(path)
    if not path.exists():
        raise GoldError(str(path), "no such gold file")
    records = []
    for number, record in read_triples(path):
        missing = [k for k in ("article_id", "subject", "relation", "object") if not record.get(k)]
        if missing:
            raise GoldError(str(path), f"missing {', '.join(missing)}", number)
        if str(record["relation"]).upper() not in RELATIONS:
            raise GoldError(str(path), f"unknown relation {record['relation']!r}", number)
        if record.get("status", "confirmed") not in STATUSES:
            raise GoldError(str(path), f"unknown status {record['status']!r}", number)
        records.append(record)
    return records


def _group(records: Iterable[dict], gazetteer: Gazetteer) -> dict[Key, list[dict]]:
    grouped: dict[Key, list[dict]] = defaultdict(list)
    for record in records:
        grouped[_key(record, gazetteer)].append(record)
    return grouped


def _largest(records: list[dict]) -> float | None:
    amounts = [float(r["amount_usd"]) for r in records if r.get("amount_usd") not in (None, "")]
    return max(amounts) if amounts else None


def evaluate(
    predicted: Iterable[dict],
    gold: Iterable[dict],
    *,
    articles: Iterable[str] | None = None,
    relations: Iterable[str] = RELATIONS,
    gazetteer: Gazetteer | None = None,
) -> Evaluation:
    """Score predicted triples against gold triples.

    Parameters
    ----------
    predicted, gold : iterable of dict
        Records with at least ``article_id``, ``subject``, ``relation``, ``object``; ``status``
        and ``amount_usd`` for the accuracies.
    articles : iterable of str, optional
        The article ids evaluated; predictions and gold of other articles are ignored. Default:
        every article of the gold and the predictions.
    relations : iterable of str
        Relations to score.

    Examples
    --------
    >>> gold = [{"article_id": "a", "subject": "Amazon", "relation": "INVESTS_IN", "object": "Anthropic"}]
    >>> pred = gold + [{"article_id": "a", "subject": "Alphabet", "relation": "INVESTS_IN", "object": "Anthropic"}]
    >>> result = evaluate(pred, gold)
    >>> result.overall.precision, result.overall.recall
    (0.5, 1.0)
    """
    gazetteer = gazetteer or load_gazetteer()
    relations = tuple(r.upper() for r in relations)
    pred = _group(predicted, gazetteer)
    gold_keys = _group(gold, gazetteer)
    if articles is not None:
        wanted = set(articles)
        pred = {k: v for k, v in pred.items() if k[0] in wanted}
        gold_keys = {k: v for k, v in gold_keys.items() if k[0] in wanted}
    by_relation = {r: Score() for r in relations}
    fps, fns = [], []
    for key in pred:
        if key[2] in by_relation:
            if key in gold_keys:
                by_relation[key[2]].tp += 1
            else:
                by_relation[key[2]].fp += 1
                fps.append(key)
    for key in gold_keys:
        if key[2] in by_relation and key not in pred:
            by_relation[key[2]].fn += 1
            fns.append(key)
    matched = [k for k in pred if k in gold_keys and k[2] in by_relation]
    status_errors, amount_errors = [], []
    for key in matched:
        p_status = sorted({r.get("status") or "confirmed" for r in pred[key]})
        g_status = sorted({r.get("status") or "confirmed" for r in gold_keys[key]})
        if p_status != g_status:
            status_errors.append((key, p_status, g_status))
        p_amount, g_amount = _largest(pred[key]), _largest(gold_keys[key])
        same = (p_amount is None and g_amount is None) or (
            p_amount is not None
            and g_amount is not None
            and abs(p_amount - g_amount) <= 0.01 * g_amount
        )
        if not same:
            amount_errors.append((key, p_amount, g_amount))
    overall, core = Score(), Score()
    for relation, score in by_relation.items():
        for total in (overall, core) if relation in CORE_RELATIONS else (overall,):
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
    n = len(matched)
    return Evaluation(
        by_relation=by_relation,
        overall=overall,
        core=core,
        status_accuracy=1 - len(status_errors) / n if n else 1.0,
        amount_accuracy=1 - len(amount_errors) / n if n else 1.0,
        matched=n,
        false_positives=sorted(fps),
        false_negatives=sorted(fns),
        status_errors=sorted(status_errors),
        amount_errors=sorted(amount_errors, key=lambda e: e[0]),
    )


def calibrate(
    articles: Iterable,
    gold: Iterable[dict],
    *,
    extractor: Extractor | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict[str, tuple[int, int]]:
    """Count, for each frame of the lexicon, its claims and how many of them the gold confirms.

    The basis of ``data/calibration.toml``: a frame's smoothed precision, (right + 1) / (all + 2),
    is the base of the confidence of every triple it yields.

    Parameters
    ----------
    articles : iterable of Article
        The annotated articles.
    gold : iterable of dict
        Their gold triples.
    extractor : Extractor, optional
        The extractor to measure (default: the bundled model, gazetteer and lexicon).
    gazetteer : Gazetteer, optional
        The aliases that match names to the gold's (default: the bundled gazetteer).

    Returns
    -------
    dict
        frame id -> (claims, claims found in the gold).
    """
    from .extractor import Extractor

    gazetteer = gazetteer or load_gazetteer()
    keys = set(_group(gold, gazetteer))
    extractor = extractor or Extractor()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article, doc in extractor.docs(articles):
        for claim in doc._.claims:
            record = {
                "article_id": article.id,
                "subject": claim.subject.name,
                "relation": claim.relation,
                "object": claim.object.name,
            }
            counts[claim.frame][0] += 1
            counts[claim.frame][1] += _key(record, gazetteer) in keys
    return {frame: (n, right) for frame, (n, right) in sorted(counts.items())}


def write_calibration(counts: dict[str, tuple[int, int]], path: str | Path, source: str) -> None:
    """Write frame precisions as the TOML the relation extractor reads."""
    lines = [
        "# Precision of each relation frame, measured by `alliances evaluate --calibrate` on",
        f"# {source}: (right + 1) / (claims + 2). A triple's confidence is its frame's precision",
        "# times the linking confidence of its two mentions (1.0 gazetteer, 0.9 short name,",
        "# 0.85 description, 0.8 NER, 0.75 pronoun, 0.7 guessed name).",
        "",
        "[frame]",
    ]
    for frame, (n, right) in counts.items():
        lines.append(f'"{frame}" = {(right + 1) / (n + 2):.3f}  # {right} of {n}')
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
