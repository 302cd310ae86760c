"""The Mermaid flowchart (.mmd): one subgraph per bloc, edges labelled and coloured by
relation, to paste into Markdown."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from ..analytics import relation_table
from .model import Blocs, _amount_label, _darker, _select


def _mermaid_ids(names: Sequence[str]) -> dict[str, str]:
    """Ids safe for Mermaid: ``n_`` + lower-case letters, digits and underscores, unique."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = "n_" + (re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "org")
        candidate, k = base, 2
        while candidate in used:
            candidate, k = f"{base}_{k}", k + 1
        used.add(candidate)
        ids[name] = candidate
    return ids


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_mermaid(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    seed: int = 42,
) -> str:
    """The diagram as a Mermaid flowchart: one subgraph per bloc, edges labelled by relation.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic", 4e9)],
    ...                      columns=["source", "relation", "target", "amount_usd"])
    >>> print(to_mermaid(edges))  # doctest: +ELLIPSIS
    flowchart LR
      subgraph bloc_1["Amazon bloc"]
        n_amazon["Amazon"]
        n_anthropic["Anthropic"]
      end
      n_amazon -->|"invest $4B"| n_anthropic
    ...
    """
    view, frame = _select(
        edges, blocs, focus=focus, hops=hops, bloc=bloc, relations=relations, as_of=as_of, seed=seed
    )
    table = relation_table()["relations"]
    names = sorted(set(frame["source"]) | set(frame["target"]))
    ids = _mermaid_ids(names)
    lines = ["flowchart LR"]
    grouped: dict[str | None, list[str]] = defaultdict(list)
    for name in names:
        grouped[view.membership.get(name)].append(name)
    order = [b for b in view.order if b in grouped]
    for k, name in enumerate(order, start=1):
        lines.append(f'  subgraph bloc_{k}["{_mermaid_text(name)}"]')
        lines += [f'    {ids[org]}["{_mermaid_text(org)}"]' for org in grouped[name]]
        lines.append("  end")
    lines += [f'  {ids[org]}["{_mermaid_text(org)}"]' for org in grouped.get(None, [])]
    link_styles = []
    for k, row in enumerate(frame.itertuples(index=False)):
        spec = table[row.relation]
        label = spec["short"]
        amount = _amount_label(row.relation, row.amount_usd)
        if amount:
            label += f" {amount}"
        arrow = spec["mermaid"]
        lines.append(f'  {ids[row.source]} {arrow}|"{_mermaid_text(label)}"| {ids[row.target]}')
        link_styles.append(f"  linkStyle {k} stroke:{spec['color']}")
    for k, name in enumerate(order, start=1):
        colour = view.colour(name)
        lines.append(f"  style bloc_{k} fill:{colour}33,stroke:{_darker(colour)}")
        members = ",".join(ids[org] for org in grouped[name])
        lines.append(f"  classDef bloc{k} fill:{colour},stroke:{_darker(colour)},color:#000")
        lines.append(f"  class {members} bloc{k}")
    return "\n".join(lines + link_styles) + "\n"
