"""Relations: trigger frames over the dependency parse turn linked mentions into typed claims.

The component ``alliance_relations`` runs last and sets ``doc._.claims``, a list of `Claim`. For
every word of a sentence that a frame of the lexicon names (``data/lexicon.toml``), it collects the
words attached to it (slots), maps them to mentions, maps products to their owners, checks the
relation's type constraints, and attaches status, amount and date. Every claim keeps its frame, so
that confidence can say how often that frame is right.

Where each relation is found:

| relation | module |
|---|---|
| ``INVESTS_IN`` | `invest` (rounds, raisers, stakes, majority stakes) |
| ``PROVIDES_CLOUD``, ``SUPPLIES_CHIPS`` | `supply` (supply and compute deals), `resources` (chips, clouds) |
| ``PARTNERS_WITH`` | `partner` (partnership nouns), `roles` (parties of symmetric frames) |
| ``ACQUIRES``, ``OWNS`` | `ownership` |
| ``DISTRIBUTES`` | `distribute` |

The shared core: `component` (the spaCy factory), `context` (the per-document state and the scan
of a sentence), `frames` (a trigger's frames and their conditions), `slots` (a trigger's arguments
in the parse), `reading` (reading along the text where the parse failed), `mentions` and `lists`
(words to organisations), `amounts` (money and dates), `denials` (denied rumours), `claims` (the
`Claim` record and rule precision) and `common` (label sets and pure helpers).
"""

from .claims import DEFAULT_RULE_PRECISION, OWNS_CONFIDENCE, Claim, rule_precision
from .component import RelationExtractor, make_relations

__all__ = [
    "DEFAULT_RULE_PRECISION",
    "OWNS_CONFIDENCE",
    "Claim",
    "RelationExtractor",
    "make_relations",
    "rule_precision",
]
