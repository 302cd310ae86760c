"""Alliance diagrams: the alliance edges drawn as a picture, a page, Mermaid text or a graph file.

`draw` writes one diagram and picks the format from the file's suffix:

    .svg .png   a static picture (matplotlib, no system binary): organisations coloured by bloc,
                edges styled by relation with a legend, amounts on investment edges, labels
                kept apart so that none overlaps another
    .html       an interactive page that works offline from the file (no CDN, all script
                inline): hover an edge for its evidence sentences, click an organisation to
                focus on it and its partners
    .mmd        a Mermaid flowchart, to paste into Markdown
    .graphml    for yEd, Gephi, Cytoscape (networkx writer)
    .gexf       for Gephi (networkx writer; bloc colours included)

The selection is the same for every format: the graph as of a date (``as_of``), some relations
only (``relations``), one bloc (``bloc``), an organisation and its partners within one or two
hops (``focus``). Blocs are computed on the whole graph of that date, so that an organisation
keeps its bloc colour whatever is selected. Colours and fonts are data, in
``graph/data/diagram.toml``; relation styles in ``graph/data/edges.toml``.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from .analytics import (
    AnalyticsError,
    BlocResult,
    active_edges,
    alliance_graph,
    find_blocs,
    parse_relations,
    relation_table,
)

__all__ = [
    "FORMATS",
    "DiagramError",
    "alliance_figure",
    "draw",
    "draw_all",
    "select_edges",
    "to_graph",
    "to_html",
    "to_mermaid",
]

FORMATS: tuple[str, ...] = (".svg", ".png", ".html", ".mmd", ".graphml", ".gexf")
# A legible static picture holds a few hundred organisations; the page a few thousand.
MAX_STATIC_NODES = 400
MAX_HTML_NODES = 3000

Evidence = Mapping[tuple[str, str, str], Sequence[str | Mapping[str, Any]]]
Blocs = BlocResult | Mapping[str, str] | None

_MPL_LINESTYLE: dict[str, Any] = {
    "solid": "-",
    "dashed": (0, (5, 3)),
    "dotted": (0, (1, 2)),
    "dashdot": (0, (6, 2, 1.5, 2)),
    "longdash": (0, (10, 3)),
}
_SVG_DASH = {
    "solid": "",
    "dashed": "7 4",
    "dotted": "2 3",
    "dashdot": "9 3 2 3",
    "longdash": "14 4",
}
_VERBS = {
    "INVESTS_IN": "invests in",
    "PROVIDES_CLOUD": "provides cloud to",
    "SUPPLIES_CHIPS": "supplies chips to",
    "PARTNERS_WITH": "partners with",
    "ACQUIRES": "acquires",
    "DISTRIBUTES": "distributes the models of",
    "OWNS": "owns",
}


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


# -- layout -----------------------------------------------------------------------------------


@dataclass
class _Scene:
    """Everything a picture or page needs, positions in inches (y up)."""

    title: str
    subtitle: str
    names: list[str]
    blocs: list[str | None]
    fills: list[str]
    strokes: list[str]
    roles: list[list[str]]
    centres: list[bool]
    xy: np.ndarray
    wh: np.ndarray
    strength: list[float]
    degree: list[int]
    frame: pd.DataFrame
    rads: list[float]
    legend_blocs: list[tuple[str, str, int]]
    focus: str | None = None


def _measure(labels: Sequence[str], size: float, bold: Sequence[bool]) -> np.ndarray:
    """Width and height of each label in inches, as the Agg renderer sets them."""
    fig = Figure(dpi=100)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    family = _style()["font"]
    out = np.zeros((len(labels), 2))
    for i, (label, heavy) in enumerate(zip(labels, bold, strict=True)):
        text = fig.text(
            0,
            0,
            label,
            fontsize=size,
            family=family,
            weight="bold" if heavy else "normal",
            parse_math=False,
        )
        extent = text.get_window_extent(renderer)
        out[i] = (extent.width / fig.dpi, extent.height / fig.dpi)
        text.remove()
    return out


def _separate(
    xy: np.ndarray, wh: np.ndarray, gap: tuple[float, float], rounds: int = 2000
) -> np.ndarray:
    """Move boxes (centres ``xy``, sizes ``wh``) apart until no two overlap, deterministically.

    Each round pushes every overlapping pair apart along the axis where they overlap less,
    each box half the way; ties (identical centres) are broken by index.
    """
    xy = xy.copy()
    n = len(xy)
    if n < 2:
        return xy
    index = np.arange(n)
    order_sign = np.sign(index[:, None] - index[None, :]).astype(float)
    need_x = (wh[:, 0][:, None] + wh[None, :, 0]) / 2 + gap[0]
    need_y = (wh[:, 1][:, None] + wh[None, :, 1]) / 2 + gap[1]
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[None, :, 0]
        dy = xy[:, 1][:, None] - xy[None, :, 1]
        ox = need_x - np.abs(dx)
        oy = need_y - np.abs(dy)
        overlap = (ox > 1e-9) & (oy > 1e-9)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        along_x = ox * need_y <= oy * need_x  # relative overlap: move where it is smaller
        sx = np.where(dx == 0, order_sign, np.sign(dx))
        sy = np.where(dy == 0, order_sign, np.sign(dy))
        move_x = np.where(overlap & along_x, sx * (ox / 2 + 1e-4), 0.0).sum(axis=1)
        move_y = np.where(overlap & ~along_x, sy * (oy / 2 + 1e-4), 0.0).sum(axis=1)
        counts = np.maximum(overlap.sum(axis=1), 1)
        xy[:, 0] += move_x / np.sqrt(counts)
        xy[:, 1] += move_y / np.sqrt(counts)
    return xy


def _positions(
    nodes: list[str], pair_weights: dict[tuple[int, int], float], seed: int
) -> np.ndarray:
    """A seeded force-directed layout in [-1, 1]; ties inside a bloc pull harder."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    H = nx.Graph()
    H.add_nodes_from(range(n))
    H.add_weighted_edges_from((i, j, w) for (i, j), w in sorted(pair_weights.items()))
    if n < 500:
        pos = nx.spring_layout(H, seed=seed, weight="weight", iterations=300)
        xy = np.array([pos[i] for i in range(n)], dtype=float)
    else:
        from .analytics import _igraph, _igraph_seed

        igraph = _igraph()
        if igraph is None:
            raise DiagramError(f"laying out {n} organisations needs igraph; narrow the selection")
        g = igraph.Graph(n=n, edges=sorted(pair_weights), directed=False)
        with _igraph_seed(igraph, seed):
            layout = g.layout_fruchterman_reingold(
                weights=[pair_weights[p] for p in sorted(pair_weights)], niter=500
            )
        xy = np.array(layout.coords, dtype=float)
    xy -= xy.mean(axis=0)
    span = np.abs(xy).max()
    return xy / span if span > 0 else xy


def _layout(n: int, weights: dict[tuple[int, int], float], wh: np.ndarray, seed: int) -> np.ndarray:
    """Label centres in inches: each connected part laid out and pulled apart, then packed.

    A part is laid out by `_positions`, scaled so that a label box has about four times its
    area around it, and its boxes pushed apart (`_separate`) with room for edges between
    them; the parts, largest first, are then packed in rows about as wide as they are tall.
    """
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(weights)
    parts = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    gap = np.array([0.32, 0.3])
    placed: list[tuple[list[int], np.ndarray]] = []
    for part in parts:
        local = {node: k for k, node in enumerate(part)}
        sub = {(local[i], local[j]): w for (i, j), w in weights.items() if i in local}
        box = wh[part]
        cell = math.sqrt(float(np.mean((box[:, 0] + gap[0]) * (box[:, 1] + gap[1])))) * 2.0
        xy = _positions(part, sub, seed) * cell * math.sqrt(len(part)) / 2.0
        xy = _separate(xy, box, gap=(gap[0], gap[1]))
        xy -= (xy - box / 2).min(axis=0)
        placed.append((part, xy))
    extents = [(xy + wh[part] / 2).max(axis=0) for part, xy in placed]
    row_width = max(
        max(e[0] for e in extents), math.sqrt(sum(float(e[0] * e[1]) for e in extents)) * 1.2
    )
    out = np.zeros((n, 2))
    x = y = row_height = 0.0
    for (part, xy), (width, height) in zip(placed, extents, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        out[part] = xy + np.array([x, y - height])
        x += width + 0.6
        row_height = max(row_height, height)
    out -= (out - wh / 2).min(axis=0)
    return out


def _check_size(n: int, limit: int) -> None:
    if n > limit:
        raise DiagramError(
            f"{n} organisations are too many to draw legibly (at most {limit}); "
            "narrow the selection with focus, bloc or relations, or write .graphml or .gexf"
        )


def _scene(
    edges: pd.DataFrame,
    blocs: Blocs,
    *,
    focus: str | None,
    hops: int,
    bloc: str | None,
    relations: str | Iterable[str] | None,
    as_of: object,
    nodes: pd.DataFrame | None,
    title: str | None,
    seed: int,
    limit: int,
) -> _Scene:
    view, frame = _select(
        edges, blocs, focus=focus, hops=hops, bloc=bloc, relations=relations, as_of=as_of, seed=seed
    )
    names = sorted(set(frame["source"]) | set(frame["target"]))
    _check_size(len(names), limit)
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    member_of = [view.membership.get(name) for name in names]

    weights: dict[tuple[int, int], float] = defaultdict(float)
    strength = np.zeros(n)
    partners: list[set[int]] = [set() for _ in range(n)]
    for s, t, w in zip(frame["source"], frame["target"], frame["weight"], strict=True):
        i, j = sorted((index[s], index[t]))
        same = member_of[i] is not None and member_of[i] == member_of[j]
        weights[(i, j)] += (1.0 + math.log1p(w)) * (1.0 if same else 0.25)
        strength[i] += w
        strength[j] += w
        partners[i].add(j)
        partners[j].add(i)

    roles = _roles(nodes, names)
    role_colours = _style()["roles"]
    centres = [name in view.centres for name in names]
    fills = [view.colour(b) for b in member_of]
    strokes = []
    for fill, rs in zip(fills, roles, strict=True):
        stroke = next((role_colours[r] for r in role_colours if r in rs), None)
        strokes.append(stroke or _darker(fill))

    wh = _measure(names, _style()["label_size"], centres) + np.array([0.16, 0.10])
    xy = _layout(n, weights, wh, seed)

    rads = _rads(frame)
    present = [b for b in view.order if b in set(member_of)]
    sizes = {b: member_of.count(b) for b in present}
    legend_blocs = [(b, view.colour(b), sizes[b]) for b in present]
    parts = []
    if as_of is not None:
        parts.append(f"as of {as_of}")
    if bloc is not None:
        parts.append(view.find(bloc))
    if focus is not None:
        parts.append(f"around {_resolve_org(focus, names)}" + (" (2 hops)" if hops == 2 else ""))
    if relations is not None:
        shorts = [
            relation_table()["relations"][r]["short"] for r in parse_relations(relations) or ()
        ]
        parts.append("relations: " + ", ".join(shorts))
    counts = f"{n} organisations, {len(frame)} relationships"
    return _Scene(
        title=title or "AI alliances",
        subtitle=" · ".join([counts, *parts]),
        names=names,
        blocs=member_of,
        fills=fills,
        strokes=strokes,
        roles=roles,
        centres=centres,
        xy=xy,
        wh=wh,
        strength=[round(float(s), 3) for s in strength],
        degree=[len(p) for p in partners],
        frame=frame,
        rads=rads,
        legend_blocs=legend_blocs,
        focus=_resolve_org(focus, names) if focus is not None else None,
    )


def _rads(frame: pd.DataFrame) -> list[float]:
    """Curvature of each edge: parallel edges between two organisations fan out."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (s, t) in enumerate(zip(frame["source"], frame["target"], strict=True)):
        groups[(min(s, t), max(s, t))].append(k)
    rads = [0.0] * len(frame)
    for (low, _), members in groups.items():
        count = len(members)
        for rank, k in enumerate(members):
            rad = (rank - (count - 1) / 2) * 0.22
            # the curve bends to the same side for either direction of travel
            rads[k] = rad if frame["source"].iat[k] == low else -rad
    return rads


def _roles(nodes: pd.DataFrame | None, names: list[str]) -> list[list[str]]:
    if nodes is None or nodes.empty:
        return [[] for _ in names]
    labels: dict[str, list[str]] = {}
    for name, value in zip(nodes["name"], nodes["labels"], strict=True):
        if isinstance(value, str):
            value = [v for v in re.split(r"[;,:\s]+", value) if v]
        labels[str(name)] = sorted(str(v) for v in (value if value is not None else []))
    return [[r for r in labels.get(name, []) if r != "Organization"] for name in names]


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


# -- static picture ---------------------------------------------------------------------------


def alliance_figure(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> Figure:
    """The static alliance diagram as a matplotlib Figure (no pyplot, no global state).

    Parameters are those of `draw`. The figure is sized to its content, one data unit an inch,
    so that labels keep their measured size and stay apart.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic", 4e9)],
    ...                      columns=["source", "relation", "target", "amount_usd"])
    >>> fig = alliance_figure(edges)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['$4B', 'Amazon', 'Anthropic']
    """
    scene = _scene(
        edges,
        blocs,
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        nodes=nodes,
        title=title,
        seed=seed,
        limit=MAX_STATIC_NODES,
    )
    return _figure(scene)


def _figure(scene: _Scene) -> Figure:
    style = _style()
    table = relation_table()["relations"]
    alphas = style["status_alpha"]
    lo = scene.xy.min(axis=0) - scene.wh.max(axis=0) / 2 - 0.15
    hi = scene.xy.max(axis=0) + scene.wh.max(axis=0) / 2 + 0.15
    span = hi - lo
    present = [r for r in table if r in set(scene.frame["relation"])]
    shown_blocs = scene.legend_blocs[:16]
    legend_rows = math.ceil(len(present) / 4) + math.ceil(len(shown_blocs) / 4) + 1
    top, bottom, side = 0.75, 0.35 + 0.24 * legend_rows, 0.3
    width = max(span[0] + 2 * side, 8.0)
    height = span[1] + top + bottom
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    left = (width - span[0]) / 2
    ax = fig.add_axes((left / width, bottom / height, span[0] / width, span[1] / height))
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_axis_off()
    fig.text(
        0.5,
        1 - 0.3 / height,
        scene.title,
        ha="center",
        va="center",
        fontsize=style["title_size"],
        family=style["font"],
        weight="bold",
        parse_math=False,
    )
    fig.text(
        0.5,
        1 - 0.58 / height,
        scene.subtitle,
        ha="center",
        va="center",
        fontsize=8,
        family=style["font"],
        color="#555555",
        parse_math=False,
    )

    boxes = []
    for i, name in enumerate(scene.names):
        (x, y), (w, h) = scene.xy[i], scene.wh[i]
        box = FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=0.06",
            facecolor=scene.fills[i],
            edgecolor=scene.strokes[i],
            linewidth=2.0 if scene.roles[i] else 0.9,
            zorder=3,
        )
        ax.add_patch(box)
        boxes.append(box)
        text = ax.text(
            x,
            y,
            name,
            ha="center",
            va="center",
            fontsize=style["label_size"],
            family=style["font"],
            weight="bold" if scene.centres[i] else "normal",
            zorder=4,
            parse_math=False,
        )
        text.set_gid(f"org-{i}")

    index = {name: i for i, name in enumerate(scene.names)}
    placed: list[tuple[float, float, float, float]] = []
    frame = scene.frame
    for k, row in enumerate(frame.itertuples(index=False)):
        spec = table[row.relation]
        i, j = index[row.source], index[row.target]
        rad = scene.rads[k]
        arrow = FancyArrowPatch(
            tuple(scene.xy[i]),
            tuple(scene.xy[j]),
            patchA=boxes[i],
            patchB=boxes[j],
            connectionstyle=f"arc3,rad={rad}",
            arrowstyle="-|>" if spec["directed"] else "-",
            mutation_scale=11,
            color=spec["color"],
            linewidth=spec["width"],
            linestyle=_MPL_LINESTYLE[spec["linestyle"]],
            alpha=alphas.get(row.status, 0.85),
            shrinkA=2,
            shrinkB=2,
            zorder=2,
        )
        arrow.set_gid(f"edge-{k}")
        ax.add_patch(arrow)
        label = _amount_label(row.relation, row.amount_usd)
        if label:
            x, y = _label_spot(scene, i, j, rad, label, placed)
            ax.text(
                x,
                y,
                label,
                ha="center",
                va="center",
                fontsize=style["amount_size"],
                family=style["font"],
                parse_math=False,
                color=spec["color"],
                weight="bold",
                zorder=2.5,
                bbox={
                    "boxstyle": "round,pad=0.12",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.85,
                },
            )

    handles = [
        Line2D(
            [0],
            [0],
            color=table[r]["color"],
            linewidth=table[r]["width"],
            linestyle=_MPL_LINESTYLE[table[r]["linestyle"]],
            label=table[r]["short"],
        )
        for r in present
    ]
    handles += [
        Patch(
            facecolor=colour,
            edgecolor=_darker(colour),
            label=f"{name} ({size})".replace("$", r"\$"),
        )
        for name, colour, size in shown_blocs
    ]
    if len(scene.legend_blocs) > len(shown_blocs):
        rest = len(scene.legend_blocs) - len(shown_blocs)
        handles.append(
            Patch(facecolor=style["no_bloc"], edgecolor="#999999", label=f"{rest} more blocs")
        )
    roles_present = sorted({r for rs in scene.roles for r in rs if r in style["roles"]})
    handles += [
        Patch(facecolor="white", edgecolor=style["roles"][r], linewidth=2.0, label=f"border: {r}")
        for r in roles_present
    ]
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=4,
        frameon=False,
        fontsize=8,
        bbox_to_anchor=(0.5, 0.05 / height),
        handlelength=2.8,
        columnspacing=1.6,
    )
    return fig


def _label_spot(
    scene: _Scene, i: int, j: int, rad: float, label: str, placed: list[tuple[float, ...]]
) -> tuple[float, float]:
    """Where on its edge an amount label overlaps no organisation and no other amount."""
    a, b = scene.xy[i], scene.xy[j]
    d = b - a
    control = (a + b) / 2 + rad * np.array([d[1], -d[0]])
    w = 0.075 * len(label) + 0.08
    h = 0.17
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
        p = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
        box = (p[0] - w / 2, p[1] - h / 2, p[0] + w / 2, p[1] + h / 2)
        if not _hits(box, scene, placed):
            placed.append(box)
            return float(p[0]), float(p[1])
    p = (a + 2 * control + b) / 4
    placed.append((p[0] - w / 2, p[1] - h / 2, p[0] + w / 2, p[1] + h / 2))
    return float(p[0]), float(p[1])


def _hits(box: tuple[float, ...], scene: _Scene, placed: list[tuple[float, ...]]) -> bool:
    x0, y0, x1, y1 = box
    lo = scene.xy - scene.wh / 2
    hi = scene.xy + scene.wh / 2
    if np.any((lo[:, 0] < x1) & (hi[:, 0] > x0) & (lo[:, 1] < y1) & (hi[:, 1] > y0)):
        return True
    return any(px0 < x1 and px1 > x0 and py0 < y1 and py1 > y0 for px0, py0, px1, py1 in placed)


# -- interactive page -------------------------------------------------------------------------


def _evidence_items(
    evidence: Evidence | None, source: str, relation: str, target: str
) -> list[dict]:
    if not evidence:
        return []
    items = list(evidence.get((source, relation, target), ()))
    spec = relation_table()["relations"].get(relation)
    if spec and not spec["directed"]:
        items += list(evidence.get((target, relation, source), ()))
    out = []
    for item in items:
        if isinstance(item, Mapping):
            text = str(item.get("sentence") or item.get("text") or "")
            title = item.get("title") or ""
            article = item.get("article_id") or item.get("article") or ""
            label = f"{title} ({article})" if title and article else str(title or article)
            out.append({"text": text, "source": label, "url": str(item.get("url") or "")})
        else:
            out.append({"text": str(item), "source": "", "url": ""})
    return out


def to_html(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    evidence: Evidence | None = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> str:
    """The interactive diagram as one self-contained HTML page (no network access needed).

    Parameters are those of `draw`. Evidence sentences are embedded as JSON data and shown
    with ``textContent``, never as markup.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic")],
    ...                      columns=["source", "relation", "target"])
    >>> page = to_html(edges, evidence={("Amazon", "INVESTS_IN", "Anthropic"): ["Amazon invested."]})
    >>> "Amazon invested." in page, "<script src" in page
    (True, False)
    """
    scene = _scene(
        edges,
        blocs,
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        nodes=nodes,
        title=title,
        seed=seed,
        limit=MAX_HTML_NODES,
    )
    return _page(scene, evidence)


def _page(scene: _Scene, evidence: Evidence | None) -> str:
    table = relation_table()["relations"]
    alphas = _style()["status_alpha"]
    px = 72.0
    top = float(scene.xy[:, 1].max() + scene.wh[:, 1].max())
    data_nodes = [
        {
            "id": i,
            "name": name,
            "bloc": scene.blocs[i],
            "fill": scene.fills[i],
            "stroke": scene.strokes[i],
            "centre": scene.centres[i],
            "roles": scene.roles[i],
            "strength": scene.strength[i],
            "degree": scene.degree[i],
            "x": round(float(scene.xy[i, 0]) * px, 2),
            "y": round((top - float(scene.xy[i, 1])) * px, 2),
            "w": round(float(scene.wh[i, 0]) * px, 2),
            "h": round(float(scene.wh[i, 1]) * px, 2),
        }
        for i, name in enumerate(scene.names)
    ]
    index = {name: i for i, name in enumerate(scene.names)}
    data_edges = []
    for k, row in enumerate(scene.frame.itertuples(index=False)):
        data_edges.append(
            {
                "s": index[row.source],
                "t": index[row.target],
                "relation": row.relation,
                # SVG's y axis points down: the curve bends the other way round
                "rad": -scene.rads[k],
                "amount": _amount_label(row.relation, row.amount_usd),
                "status": row.status,
                "alpha": alphas.get(row.status, 0.85),
                "via": None if pd.isna(row.via) else str(row.via),
                "mentions": int(row.mentions),
                "first_seen": None if pd.isna(row.first_seen) else str(row.first_seen),
                "last_seen": None if pd.isna(row.last_seen) else str(row.last_seen),
                "evidence": _evidence_items(evidence, row.source, row.relation, row.target),
            }
        )
    width = float(scene.xy[:, 0].max() + scene.wh[:, 0].max()) * px
    data = {
        "title": scene.title,
        "subtitle": scene.subtitle,
        "label_size": _style()["label_size"],
        "amount_size": _style()["amount_size"],
        "width": round(width, 2),
        "height": round(top * px, 2),
        "focus": index[scene.focus] if scene.focus is not None else None,
        "nodes": data_nodes,
        "edges": data_edges,
        "relations": {
            name: {
                "short": spec["short"],
                "verb": _VERBS.get(name, spec["short"]),
                "color": spec["color"],
                "width": spec["width"],
                "dash": _SVG_DASH[spec["linestyle"]],
                "directed": spec["directed"],
            }
            for name, spec in table.items()
        },
        "blocs": [{"name": b, "fill": c, "size": s} for b, c, s in scene.legend_blocs],
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    template = resources.files("graph").joinpath("data", "diagram.html").read_text(encoding="utf-8")
    return template.replace("__TITLE__", html.escape(scene.title)).replace("__DATA__", payload)


# -- Mermaid ----------------------------------------------------------------------------------


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


# -- graph files ------------------------------------------------------------------------------


def to_graph(
    edges: pd.DataFrame,
    blocs: Blocs = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    seed: int = 42,
) -> nx.MultiDiGraph:
    """The selection as a MultiDiGraph ready for the GraphML and GEXF writers.

    Nodes carry ``label``, ``bloc`` ("" when none), ``centre`` (bool) and ``strength``; edges
    (keyed by relation) carry ``relation``, ``weight``, ``amount`` (US dollars, where stated),
    ``status``, ``mentions``, ``confidence``, and ``first_seen``, ``last_seen``, ``via``
    where known. For GEXF, ``viz`` gives each node its bloc colour.

    Examples
    --------
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic", 4e9)],
    ...                      columns=["source", "relation", "target", "amount_usd"])
    >>> D = to_graph(edges)
    >>> D.nodes["Anthropic"]["bloc"], D["Amazon"]["Anthropic"]["INVESTS_IN"]["amount"]
    ('Amazon bloc', 4000000000.0)
    """
    view, frame = _select(
        edges, blocs, focus=focus, hops=hops, bloc=bloc, relations=relations, as_of=as_of, seed=seed
    )
    D = nx.MultiDiGraph()
    strength: dict[str, float] = defaultdict(float)
    for s, t, w in zip(frame["source"], frame["target"], frame["weight"], strict=True):
        strength[s] += w
        strength[t] += w
    for name in sorted(strength):
        colour = mpl.colors.to_rgb(view.colour(view.membership.get(name)))
        D.add_node(
            name,
            label=name,
            bloc=view.membership.get(name, ""),
            centre=name in view.centres,
            strength=round(float(strength[name]), 6),
            viz={
                "color": {
                    "r": int(colour[0] * 255),
                    "g": int(colour[1] * 255),
                    "b": int(colour[2] * 255),
                    "a": 1.0,
                }
            },
        )
    for row in frame.itertuples(index=False):
        attrs: dict[str, Any] = {
            "relation": row.relation,
            "weight": round(float(row.weight), 6),
            "status": str(row.status),
            "mentions": int(row.mentions),
            "confidence": float(row.confidence),
        }
        if not pd.isna(row.amount_usd):
            attrs["amount"] = float(row.amount_usd)
        for name in ("first_seen", "last_seen", "via"):
            value = getattr(row, name)
            if value is not None and not pd.isna(value):
                attrs[name] = str(value)
        D.add_edge(row.source, row.target, key=row.relation, **attrs)
    return D


def _write_graphml(D: nx.MultiDiGraph, path: Path) -> None:
    G = D.copy()
    for _, data in G.nodes(data=True):
        data.pop("viz", None)
    nx.write_graphml(G, path, named_key_ids=True)


# -- draw -------------------------------------------------------------------------------------


def draw(
    edges: pd.DataFrame,
    blocs: Blocs,
    path: str | Path,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    evidence: Evidence | None = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> Path:
    """Draw the alliance diagram into ``path``, in the format its suffix names.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges (``store.alliance_edges()``).
    blocs : BlocResult or mapping or None
        The blocs (`graph.analytics.find_blocs`) or a mapping organisation -> bloc name;
        None finds them on the graph as of ``as_of``.
    path : str or pathlib.Path
        ``.svg``, ``.png``, ``.html``, ``.mmd``, ``.graphml`` or ``.gexf``; missing folders are
        made.
    focus : str, optional
        Keep this organisation and those within ``hops`` (1 or 2) of it.
    bloc : str, optional
        Keep this bloc (``"Amazon bloc"`` or ``"Amazon"``).
    relations : str or iterable of str, optional
        Keep these relations (``"invest,cloud"``, ``["SUPPLIES_CHIPS"]``).
    as_of : str or datetime.date, optional
        The graph as of this date.
    evidence : mapping, optional
        ``{(source, relation, target): [sentence, ...]}``; a sentence may be a dict with
        ``sentence`` and ``article_id``, ``title``, ``url``. Shown on hover in ``.html``.
    nodes : pandas.DataFrame, optional
        ``name`` and ``labels`` (list of store labels): investor, cloud provider and chip
        supplier roles colour the organisations' borders in pictures and are listed in pages.
    title : str, optional
        The diagram's title (default "AI alliances", with the date).
    seed : int, default 42
        Seed of the layout (and of the blocs when they are found here): the same input gives
        the same file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    DiagramError
        For an unknown suffix, organisation or bloc, or a selection with nothing to draw.

    Examples
    --------
    >>> import tempfile
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic")],
    ...                      columns=["source", "relation", "target"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(draw(edges, None, Path(folder) / "blocs.mmd").read_text().splitlines()[0])
    flowchart LR
    """
    return draw_all(
        edges,
        blocs,
        [path],
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        evidence=evidence,
        nodes=nodes,
        title=title,
        seed=seed,
    )[0]


def draw_all(
    edges: pd.DataFrame,
    blocs: Blocs,
    paths: Iterable[str | Path],
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    evidence: Evidence | None = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> list[Path]:
    """`draw` into several files at once: the blocs are found and the picture laid out once
    for all of them. Parameters are those of `draw`; returns the files written."""
    paths = [Path(path) for path in paths]
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            raise DiagramError(
                f"cannot draw '{path.name}': choose {', '.join(FORMATS[:-1])} or {FORMATS[-1]}"
            )
    if blocs is None:
        blocs = find_blocs(alliance_graph(edges, as_of=as_of), seed=seed)
    select = {"focus": focus, "hops": hops, "bloc": bloc, "relations": relations, "as_of": as_of}
    suffixes = {path.suffix.lower() for path in paths}
    scene = None
    if suffixes & {".svg", ".png", ".html"}:
        limit = MAX_HTML_NODES if ".html" in suffixes else MAX_STATIC_NODES
        scene = _scene(edges, blocs, nodes=nodes, title=title, seed=seed, limit=limit, **select)
    for path in paths:
        suffix = path.suffix.lower()
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix in (".svg", ".png"):
            _check_size(len(scene.names), MAX_STATIC_NODES)
            fig = _figure(scene)
            metadata = {"Date": None} if suffix == ".svg" else {"Software": "ai-alliances"}
            with mpl.rc_context({"svg.hashsalt": "ai-alliances", "svg.fonttype": "path"}):
                fig.savefig(
                    path, dpi=150 if suffix == ".png" else 100, metadata=metadata, facecolor="white"
                )
        elif suffix == ".html":
            path.write_text(_page(scene, evidence), encoding="utf-8")
        elif suffix == ".mmd":
            path.write_text(to_mermaid(edges, blocs, seed=seed, **select), encoding="utf-8")
        else:
            D = to_graph(edges, blocs, seed=seed, **select)
            if suffix == ".graphml":
                _write_graphml(D, path)
            else:
                nx.write_gexf(D, path)
    return paths
