"""The graph model's fixed tables: node labels per entity type, product kinds, role labels,
the alliance relations, and the columns of an alliance edge. Labels and relationship types
come only from these tables, never from the data."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

DEFAULT_BATCH_SIZE = 1000

# Node kinds of the contract's entity types.
NODE_LABELS = {
    "ORG": "Organization",
    "CLOUD": "Product",
    "CHIP": "Product",
    "MODEL": "Product",
    "SERVICE": "Product",
}
PRODUCT_KINDS = {"CLOUD": "cloud", "CHIP": "chip", "MODEL": "model", "SERVICE": "service"}
# Role labels an organisation gets from the edges it starts.
ROLE_LABELS = {
    "INVESTS_IN": "Investor",
    "PROVIDES_CLOUD": "CloudProvider",
    "SUPPLIES_CHIPS": "ChipSupplier",
}
# Organisation-to-organisation relations: the alliance graph (OWNS is structure, not alliance).
ALLIANCE_RELATIONS = (
    "INVESTS_IN",
    "PROVIDES_CLOUD",
    "SUPPLIES_CHIPS",
    "PARTNERS_WITH",
    "ACQUIRES",
    "DISTRIBUTES",
)
SYMMETRIC = frozenset({"PARTNERS_WITH"})
# The columns of an alliance edge as the store returns it and the analytics read it.
EDGE_COLUMNS = [
    "source",
    "target",
    "relation",
    "amount_usd",
    "mentions",
    "first_seen",
    "last_seen",
    "status",
    "confidence",
    "via",
]
REQUIRED = (
    "subject",
    "subject_type",
    "relation",
    "object",
    "object_type",
    "status",
    "article_id",
    "sentence",
    "start",
    "end",
)
_LABELS = ("Organization", "Product")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
