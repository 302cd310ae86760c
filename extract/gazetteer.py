"""The gazetteer: organisations and products of the AI industry, their aliases, kinds and owners.

The data lives in ``data/gazetteer.jsonl``, one entity a line::

    {"name": "AWS", "type": "CLOUD", "roles": [], "aliases": ["Amazon Web Services"],
     "owner": "Amazon", "rollup": false, "hq": null, "descriptors": []}

``type`` is ORG, CLOUD, CHIP, MODEL, SERVICE or MEDIA (publications: never a party). ``roles``
come from bigtech, lab, chipmaker, cloud, investor, enterprise, hardware (makers of servers built
around others' chips: Dell, Supermicro) for organisations, and platform (a
service that offers other makers' models: Amazon Bedrock, Vertex AI) and drive the type
constraints of the relations. ``rollup`` marks venture arms and units whose claims belong to
their owner (GV -> Google). Each entity's ``id`` is the slug of its name: the EntityRuler pattern
id, the spaCy ``ent_id_`` and the graph node id are one and the same.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import InputError

__all__ = ["ENTITY_TYPES", "ROLES", "Entity", "Gazetteer", "load_gazetteer", "slugify"]

ENTITY_TYPES = ("ORG", "CLOUD", "CHIP", "MODEL", "SERVICE", "MEDIA")
PRODUCT_TYPES = ("CLOUD", "CHIP", "MODEL", "SERVICE")
ROLES = ("bigtech", "lab", "chipmaker", "cloud", "investor", "enterprise", "hardware", "platform")


def slugify(name: str) -> str:
    """Return the stable id of a canonical name.

    Examples
    --------
    >>> slugify("Amazon Web Services")
    'amazon-web-services'
    >>> slugify("Character.AI")
    'character-ai'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x" + str(abs(hash(name)) % 10**8)


@dataclass(frozen=True)
class Entity:
    """One organisation or product the pipeline can link mentions to."""

    id: str
    name: str
    type: str
    roles: frozenset[str] = frozenset()
    aliases: tuple[str, ...] = ()
    owner: str | None = None  # id of the owning organisation
    rollup: bool = False
    hq: str | None = None
    descriptors: tuple[str, ...] = ()
    known: bool = True  # False for organisations found by the statistical NER only

    @property
    def is_product(self) -> bool:
        return self.type in PRODUCT_TYPES

    @property
    def is_party(self) -> bool:
        """Whether claims can name it (directly or through its owner)."""
        return self.type != "MEDIA"


@dataclass
class Gazetteer:
    """Entities by id, with alias and descriptor look-ups."""

    entities: dict[str, Entity]
    by_alias: dict[str, str] = field(default_factory=dict)
    by_lower: dict[str, str] = field(default_factory=dict)
    by_descriptor: dict[str, str] = field(default_factory=dict)
    products_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        children: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for surface in (entity.name, *entity.aliases):
                self.by_alias.setdefault(surface, entity.id)
                self.by_lower.setdefault(_loose(surface), entity.id)
            for descriptor in entity.descriptors:
                self.by_descriptor.setdefault(descriptor.lower(), entity.id)
            if entity.owner:
                children.setdefault(entity.owner, []).append(entity.id)
        self.products_of = {owner: tuple(ids) for owner, ids in children.items()}

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)

    def lookup(self, name: str) -> Entity | None:
        """Return the entity a surface form names (exact alias first, then loosely), or None."""
        entity_id = self.by_alias.get(name) or self.by_lower.get(_loose(name))
        return self.entities.get(entity_id) if entity_id else None

    def canonical(self, name: str) -> str:
        """Return the canonical name for ``name``, or ``name`` cleaned of corporate suffixes."""
        entity = self.lookup(name) or self.lookup(clean_org_name(name))
        return entity.name if entity else clean_org_name(name)

    def party(self, entity: Entity) -> tuple[Entity, Entity | None]:
        """Return the organisation that acts for ``entity`` and the product or unit kept in `via`.

        Products act through their owner (AWS -> Amazon), roll-up units through their parent
        (GV -> Google); anything else acts for itself.
        """
        via = None
        seen = set()
        while (entity.is_product or entity.rollup) and entity.owner in self.entities:
            if entity.id in seen:
                break
            seen.add(entity.id)
            via = via or entity
            entity = self.entities[entity.owner]
        return entity, via

    def is_fund(self, entity: Entity) -> bool:
        """Whether an organisation only invests: an investor that owns no operating company
        (SoftBank owns Arm, so it is a group as well as an investor)."""
        return entity.roles == {"investor"} and not any(
            self.entities[child].type == "ORG" and self.entities[child].roles != {"investor"}
            for child in self.products_of.get(entity.id, ())
        )

    def has_role(self, entity: Entity, role: str, derived: bool = True) -> bool:
        """Whether an organisation plays ``role``.

        With ``derived``, owning a cloud makes a cloud provider and owning a chip a chipmaker
        (Nvidia owns DGX Cloud); without, only the roles the gazetteer lists count.
        """
        if role in entity.roles:
            return True
        if not derived:
            return False
        product_type = {"cloud": "CLOUD", "chipmaker": "CHIP"}.get(role)
        return product_type is not None and any(
            self.entities[child].type == product_type
            for child in self.products_of.get(entity.id, ())
        )


_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Ltd|Limited|LLC|L\.L\.C|PLC|plc|GmbH|SA|S\.A|SAS|AG|NV|N\.V|BV|Holdings)\.?)+$"
)


def clean_org_name(name: str) -> str:
    """Strip articles, possessives and corporate suffixes from an organisation's name.

    Examples
    --------
    >>> clean_org_name("the Weights & Biases Inc.")
    'Weights & Biases'
    """
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    return _SUFFIX.sub("", name).strip(" ,")


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _entities(rows: Iterable[tuple[int, dict]], source: str) -> dict[str, Entity]:
    raw = []
    for number, row in rows:
        name, kind = row.get("name"), row.get("type")
        if not isinstance(name, str) or not name.strip():
            raise InputError(source, "entity without a 'name'", number)
        if kind not in ENTITY_TYPES:
            raise InputError(
                source, f"type {kind!r} is not one of {', '.join(ENTITY_TYPES)}", number
            )
        unknown = set(row.get("roles") or ()) - set(ROLES)
        if unknown:
            raise InputError(source, f"unknown roles {sorted(unknown)}", number)
        raw.append((number, row))
    ids = {slugify(row["name"]) for _, row in raw}
    entities = {}
    for number, row in raw:
        owner = slugify(row["owner"]) if row.get("owner") else None
        if owner and owner not in ids:
            raise InputError(source, f"owner {row['owner']!r} is not an entity of the file", number)
        entity = Entity(
            id=slugify(row["name"]),
            name=row["name"],
            type=row["type"],
            roles=frozenset(row.get("roles") or ()),
            aliases=tuple(row.get("aliases") or ()),
            owner=owner,
            rollup=bool(row.get("rollup")),
            hq=row.get("hq"),
            descriptors=tuple(d.lower() for d in row.get("descriptors") or ()),
        )
        if entity.id in entities:
            raise InputError(source, f"duplicate entity {entity.name!r}", number)
        entities[entity.id] = entity
    return entities


def _rows(text: str, source: str) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"not valid JSON ({exc.msg})", number) from None


def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load the gazetteer, the bundled one by default (read once per process).

    Parameters
    ----------
    path : str, optional
        A gazetteer JSONL of one's own, in the bundled file's format.
    """
    return _load_gazetteer(None if path is None else str(path))


@cache
def _load_gazetteer(path: str | None) -> Gazetteer:
    if path is None:
        source = "extract/data/gazetteer.jsonl"
        text = resources.files("extract").joinpath("data/gazetteer.jsonl").read_text("utf-8")
    else:
        source, text = path, Path(path).read_text("utf-8")
    return Gazetteer(_entities(_rows(text, source), source))
