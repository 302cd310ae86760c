"""The interactive page (.html): the scene and the evidence sentences as JSON data inside
the self-contained template ``graph/data/diagram.html`` (no CDN, all script inline)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from importlib import resources

import pandas as pd

from ..analytics import relation_table
from .layout import _Scene, _scene
from .model import MAX_HTML_NODES, Blocs, Evidence, _amount_label, _style

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
