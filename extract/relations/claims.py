"""Claims: one relation stated in one sentence, the measured precision of the rules that make
them, and the de-duplication of a document's claims."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from ..gazetteer import Entity

__all__ = [
    "DEFAULT_RULE_PRECISION",
    "OWNS_CONFIDENCE",
    "Claim",
    "dedupe",
    "rule_precision",
    "tie",
]

OWNS_CONFIDENCE = 0.95
DEFAULT_RULE_PRECISION = 0.75


@dataclass
class Claim:
    """One relation stated in one sentence, with its provenance."""

    relation: str
    subject: Entity
    object: Entity
    via: Entity | None
    sentence: Span
    trigger: int  # token index of the word that states it
    frame: str
    confidence: float
    status: str = "confirmed"
    amount_usd: float | None = None
    date: str | None = None


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("title"):
    Doc.set_extension("title", default=None)


@cache
def rule_precision() -> dict[str, float]:
    """Measured precision of each frame on the development set (``data/calibration.toml``)."""
    path = resources.files("extract").joinpath("data/calibration.toml")
    if not path.is_file():
        return {}
    return {k: float(v) for k, v in tomllib.loads(path.read_text()).get("frame", {}).items()}


def tie(claim: Claim) -> tuple[str, str, str]:
    """The tie a claim states: (relation, subject id, object id), a partnership's parties in
    either order."""
    subject, obj = claim.subject.id, claim.object.id
    if claim.relation == "PARTNERS_WITH" and obj < subject:
        subject, obj = obj, subject
    return (claim.relation, subject, obj)


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (relation, parties, sentence, status): the most confident one."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        via = claim.via.id if claim.via is not None else None
        key = (tie(claim), claim.sentence.start, claim.status, via)
        kept = best.get(key)
        if kept is None:
            best[key] = claim
            continue
        if (claim.amount_usd or 0) > (kept.amount_usd or 0):
            kept.amount_usd = claim.amount_usd
        kept.date = kept.date or claim.date
        if claim.confidence > kept.confidence:
            kept.confidence, kept.frame = claim.confidence, claim.frame
    named_via = {k[:3] for k in best if k[3] is not None}
    kept = [c for k, c in best.items() if k[3] is not None or k[:3] not in named_via]
    return sorted(kept, key=lambda c: (c.sentence.start, c.trigger))
