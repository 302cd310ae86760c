"""The scene a picture or a page is drawn from: the selected organisations with their
colours and roles, label sizes measured with Agg, a seeded force-directed layout whose label
boxes never overlap, and the curvature of parallel edges. Shared by the SVG/PNG and HTML
writers."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..analytics import parse_relations, relation_table
from .model import Blocs, DiagramError, _darker, _resolve_org, _select, _style


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
        from ..analytics import _igraph, _igraph_seed

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
