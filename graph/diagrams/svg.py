"""The static picture (.svg, .png): the scene drawn with matplotlib, without pyplot or a
system binary: organisations coloured by bloc, edges styled by relation, amounts placed where
they overlap nothing, and a legend."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from ..analytics import relation_table
from .layout import _Scene, _scene
from .model import MAX_STATIC_NODES, Blocs, _amount_label, _darker, _style

_MPL_LINESTYLE: dict[str, Any] = {
    "solid": "-",
    "dashed": (0, (5, 3)),
    "dotted": (0, (1, 2)),
    "dashdot": (0, (6, 2, 1.5, 2)),
    "longdash": (0, (10, 3)),
}


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
