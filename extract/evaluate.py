"""Evaluation: precision, recall and F1 per relation against a gold file, and status and amount accuracy.

The scoring unit is the distinct (article, subject, relation, object) key; ``PARTNERS_WITH`` keys
are unordered. Names on both sides are mapped through the gazetteer's aliases first, so that gold
written as "Alphabet" matches a prediction of "Google". For every key found on both sides, status
accuracy compares the sets of statuses and amount accuracy the largest amounts (1% tolerance, two
nulls agree). See ``examples/ANNOTATION.md`` for the gold format and the annotation rules.

Gold lines with status ``denied`` are not claims to find: a key that only denied lines hold is no
gold positive, and predicting it live (any status but ``ended``) is a false positive and a
*dead deal reported as live*, as is predicting live a key whose gold lines are all ``ended``.
The reliability table buckets predicted keys by confidence and shows the share the gold confirms,
which says whether a confidence of 0.9 means nine in ten on that set.
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

__all__ = [
    "CORE_RELATIONS",
    "GOLD_STATUSES",
    "SETS",
    "Evaluation",
    "Score",
    "annotated_set",
    "evaluate",
    "read_gold",
]

CORE_RELATIONS = ("INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "PARTNERS_WITH", "ACQUIRES")
# Gold may also say a claim is denied: recorded so that stating it live can be counted.
GOLD_STATUSES = (*STATUSES, "denied")
_DEAD = frozenset({"denied", "ended"})
# The annotated sets of examples/ANNOTATION.md, relative to the project root.
SETS = {"dev": "examples", "holdout": "examples/holdout", "test": "examples/test"}
# Lower edges of the reliability table's confidence buckets.
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
# Where `--calibrate` writes the frame precisions the relation extractor reads.
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.toml"
Key = tuple[str, str, str, str]


def annotated_set(name: str) -> Path:
    """The folder of a named annotated set (``dev``, ``holdout``, ``test``).

    Raises GoldError when the name is unknown or the set is not in this checkout.
    """
    if name not in SETS:
        raise GoldError(name, f"no annotated set named {name!r} (one of: {', '.join(SETS)})")
    folder = Path(__file__).resolve().parent.parent / SETS[name]
    if not (folder / "articles.jsonl").exists():
        raise GoldError(str(folder), f"the {name} set is not in this checkout")
    return folder


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
    dead_as_live: list[tuple[Key, list[str], list[str]]] = field(default_factory=list)
    dead_deals: int = 0
    reliability: list[tuple[float, int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "dead_deals": self.dead_deals,
            "dead_as_live": len(self.dead_as_live),
            "reliability": [
                {"confidence_from": low, "keys": n, "right": right}
                for low, n, right in self.reliability
            ],
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
        if (record.get("status") or "confirmed") not in GOLD_STATUSES:
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
    stated = _group(gold, gazetteer)
    if articles is not None:
        wanted = set(articles)
        pred = {k: v for k, v in pred.items() if k[0] in wanted}
        stated = {k: v for k, v in stated.items() if k[0] in wanted}
    stated = {k: v for k, v in stated.items() if k[2] in relations}
    dead = {k: _statuses(v) for k, v in stated.items() if _statuses(v) <= _DEAD}
    dead_as_live = [
        (key, sorted(_statuses(pred[key])), sorted(statuses))
        for key, statuses in dead.items()
        if key in pred and _statuses(pred[key]) - {"ended"}
    ]
    # denied-only keys are not claims: predicting one as ended is right, as live a false positive
    gold_keys = {k: v for k, v in stated.items() if dead.get(k) != {"denied"}}
    pred = {
        k: v
        for k, v in pred.items()
        if not (dead.get(k) == {"denied"} and _statuses(v) == {"ended"})
    }
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
        p_status = sorted(_statuses(pred[key]))
        g_status = sorted(_statuses(gold_keys[key]) - {"denied"})
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
        dead_as_live=sorted(dead_as_live),
        dead_deals=len(dead),
        reliability=_reliability(
            {k: v for k, v in pred.items() if k[2] in by_relation}, set(gold_keys)
        ),
    )


def _statuses(records: list[dict]) -> set[str]:
    return {r.get("status") or "confirmed" for r in records}


def _reliability(pred: dict[Key, list[dict]], gold: set[Key]) -> list[tuple[float, int, int]]:
    """(bucket's lower confidence, predicted keys in it, keys the gold holds) per bucket."""
    counts = {low: [0, 0] for low in BUCKETS}
    for key, records in pred.items():
        values = [float(r["confidence"]) for r in records if r.get("confidence") is not None]
        if not values:
            continue
        low = max(b for b in BUCKETS if b <= max(values))
        counts[low][0] += 1
        counts[low][1] += key in gold
    return [(low, n, right) for low, (n, right) in counts.items() if n]


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
    keys = {k for k, v in _group(gold, gazetteer).items() if _statuses(v) != {"denied"}}
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
