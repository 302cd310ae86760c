"""The shared core of the diagram writers: formats and size limits, `DiagramError`, the
colours and fonts of ``graph/data/diagram.toml``, bloc membership and colours, the selection
of edges every format shows (`select_edges`), and money labels."""

from __future__ import annotations

import difflib
import math
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import matplotlib as mpl
import pandas as pd

from ..analytics import (
    AnalyticsError,
    BlocResult,
    active_edges,
    alliance_graph,
    find_blocs,
    parse_relations,
)

FORMATS: tuple[str, ...] = (".svg", ".png", ".html", ".mmd", ".graphml", ".gexf")
# A legible static picture holds a few hundred organisations; the page a few thousand.
MAX_STATIC_NODES = 400
MAX_HTML_NODES = 3000

Evidence = Mapping[tuple[str, str, str], Sequence[str | Mapping[str, Any]]]
Blocs = BlocResult | Mapping[str, str] | None


class DiagramError(AnalyticsError):
    """A diagram cannot be drawn as asked: an unknown format or organisation, nothing left to
    draw, too many organisations for the format.

    Examples
    --------
    >>> str(DiagramError("cannot draw 'out.jpg': choose .svg, .png, .html, .mmd, .graphml or .gexf"))
    "cannot draw 'out.jpg': choose .svg, .png, .html, .mmd, .graphml or .gexf"
    """


@cache
def _style() -> dict[str, Any]:
    text = resources.files("graph").joinpath("data", "diagram.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# -- selection --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BlocView:
    """Bloc membership, bloc order (largest first) and centres, whatever form blocs came in."""

    membership: dict[str, str]
    order: tuple[str, ...]
    centres: frozenset[str]
    result: BlocResult | None = field(default=None, repr=False)

    def colour(self, bloc: str | None) -> str:
        style = _style()
        if bloc is None or bloc not in self.order:
            return style["no_bloc"]
        palette = style["bloc_palette"]
        return palette[self.order.index(bloc) % len(palette)]

    def find(self, name: str) -> str:
        """The bloc called ``name`` (``Amazon bloc``, ``amazon`` or a member)."""
        if self.result is not None:
            return self.result.bloc(name).name
        key = name.strip().lower()
        for bloc in self.order:
            if key in (bloc.lower(), bloc.lower().removesuffix(" bloc")):
                return bloc
        for org, bloc in self.membership.items():
            if org.lower() == key:
                return bloc
        close = difflib.get_close_matches(name, list(self.order), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise DiagramError(f"no bloc '{name}'{hint}")


def _bloc_view(edges: pd.DataFrame, blocs: Blocs, as_of: object, seed: int) -> _BlocView:
    if blocs is None:
        blocs = find_blocs(alliance_graph(edges, as_of=as_of), seed=seed)
    if isinstance(blocs, BlocResult):
        return _BlocView(
            membership=dict(blocs.membership),
            order=tuple(bloc.name for bloc in blocs.blocs),
            centres=frozenset(bloc.centre for bloc in blocs.blocs),
            result=blocs,
        )
    membership = {str(org): str(bloc) for org, bloc in blocs.items()}
    sizes: dict[str, int] = defaultdict(int)
    for bloc in membership.values():
        sizes[bloc] += 1
    order = tuple(sorted(sizes, key=lambda b: (-sizes[b], b)))
    centres = frozenset(b.removesuffix(" bloc") for b in order if b.endswith(" bloc"))
    return _BlocView(membership, order, centres & set(membership))


def _resolve_org(name: str, names: Iterable[str]) -> str:
    names = sorted(set(names))
    if name in names:
        return name
    lowered = {n.lower(): n for n in names}
    if name.strip().lower() in lowered:
        return lowered[name.strip().lower()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise DiagramError(f"no organisation '{name}' in the graph{hint}")


def select_edges(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    seed: int = 42,
) -> pd.DataFrame:
    """The edges a diagram shows: as of a date, of some relations, in a bloc, around an org.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges (``store.alliance_edges()``).
    blocs : BlocResult or mapping, optional
        The blocs (`graph.analytics.find_blocs`) or a mapping organisation -> bloc name; by
        default they are found on the graph as of ``as_of``. Needed for ``bloc``.
    focus : str, optional
        Keep this organisation (case does not matter) and those within ``hops`` of it.
    hops : {1, 2}
        How far from ``focus`` to go.
    bloc : str, optional
        Keep the relationships between members of this bloc (``"Amazon bloc"`` or
        ``"Amazon"``).
    relations : str or iterable of str, optional
        Keep these relations: names or short names, ``"invest,cloud"``.
    as_of : str or datetime.date, optional
        The graph as of this date (see `graph.analytics.active_edges`).
    seed : int
        Seed for the blocs when they are found here.

    Returns
    -------
    pandas.DataFrame
        The active edges (with ``weight``) that remain.

    Raises
    ------
    DiagramError
        For an unknown organisation or bloc, or a selection with nothing left to draw.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [("Amazon", "INVESTS_IN", "Anthropic"), ("Google", "INVESTS_IN", "Anthropic"),
    ...      ("Google", "ACQUIRES", "DeepMind")],
    ...     columns=["source", "relation", "target"],
    ... )
    >>> sorted(set(select_edges(edges, focus="amazon", hops=2)["source"]))
    ['Amazon', 'Google']
    >>> len(select_edges(edges, focus="Amazon", hops=1))
    1
    """
    if hops not in (1, 2):
        raise DiagramError("hops must be 1 or 2")
    active = active_edges(edges, as_of=as_of)
    frame = active
    wanted = parse_relations(relations)
    if wanted is not None:
        frame = frame[frame["relation"].isin(list(wanted))]
    if bloc is not None:
        view = _bloc_view(edges, blocs, as_of, seed)
        name = view.find(bloc)
        members = {org for org, b in view.membership.items() if b == name}
        frame = frame[frame["source"].isin(members) & frame["target"].isin(members)]
    if focus is not None:
        org = _resolve_org(focus, set(active["source"]) | set(active["target"]))
        neighbours: dict[str, set[str]] = defaultdict(set)
        for s, t in zip(frame["source"], frame["target"], strict=True):
            neighbours[s].add(t)
            neighbours[t].add(s)
        keep = {org}
        ring = {org}
        for _ in range(hops):
            ring = {n for o in ring for n in neighbours[o]} - keep
            keep |= ring
        frame = frame[frame["source"].isin(keep) & frame["target"].isin(keep)]
    if frame.empty:
        raise DiagramError("nothing to draw: no relationship is left in this selection")
    return frame.reset_index(drop=True)


def _select(
    edges: pd.DataFrame, blocs: Blocs, *, seed: int, **select
) -> tuple[_BlocView, pd.DataFrame]:
    """The blocs (found once if not given) and the edges a picture shows."""
    view = _bloc_view(edges, blocs, select.get("as_of"), seed)
    return view, select_edges(edges, view.result or view.membership, seed=seed, **select)


# -- colours and amounts ----------------------------------------------------------------------


def _darker(colour: str, factor: float = 0.55) -> str:
    r, g, b = mpl.colors.to_rgb(colour)
    return mpl.colors.to_hex((r * factor, g * factor, b * factor))


def _money(amount: float) -> str:
    """``$4B``, ``$2.75B``, ``$500M``, ``$1.3T``."""
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if amount >= scale:
            value = f"{amount / scale:.2f}".rstrip("0").rstrip(".")
            return f"${value}{unit}"
    return f"${amount:,.0f}"


def _amount_label(relation: str, amount: object) -> str | None:
    if relation not in ("INVESTS_IN", "ACQUIRES"):
        return None
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return None
    return _money(float(amount))
