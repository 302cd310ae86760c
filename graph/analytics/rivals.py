"""Who leads a bloc and which blocs hold rivals: `_intra_strengths` measures what each member
gives and holds inside its bloc, `_rank_key` orders members most central first, and
`_split_rivals` splits a bloc in which two strategic backers of one lab rival each other
(see `find_blocs`, Notes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from .backends import _Canonical
from .constants import LAB_RELATIONS, RIVAL_SHARE
from .edges import relation_table


class _Strengths(NamedTuple):
    """Per node index: weighted out-degree and weighted degree inside its bloc, and weighted
    out-degree in the whole graph."""

    out: list[float]
    degree: list[float]
    gives: list[float]


def _intra_strengths(canon: _Canonical, membership: Sequence[int]) -> _Strengths:
    """How much each node gives and holds inside its bloc, and gives in all.

    A directed relation counts for its source; a partnership (undirected) for both partners.
    """
    n = len(canon.nodes)
    out = [0.0] * n
    degree = [0.0] * n
    gives = [0.0] * n
    directed = _directed_relations()
    for (i, j), links in zip(canon.pairs, canon.links, strict=True):
        inside = membership[i] == membership[j]
        for link in links:
            w = link.weight
            if not directed.get(link.relation, False):
                givers: tuple[int, ...] = (i, j)
            else:
                givers = (i,) if link.source == canon.nodes[i] else (j,)
            for g in givers:
                gives[g] += w
                if inside:
                    out[g] += w
            if inside:
                degree[i] += w
                degree[j] += w
    return _Strengths(out, degree, gives)


@cache
def _directed_relations() -> dict[str, bool]:
    return {name: bool(spec["directed"]) for name, spec in relation_table()["relations"].items()}


def _rank_key(nodes: Sequence[Any], strengths: _Strengths) -> Any:
    """Sort key of members, most central first (see `find_blocs`, Notes)."""
    out, degree, gives = strengths
    return lambda i: (-round(out[i], 9), -round(degree[i], 9), -round(gives[i], 9), str(nodes[i]))


def _split_rivals(canon: _Canonical, membership: list[int], strengths: _Strengths) -> list[int]:
    """Split each bloc in which two strategic backers of one lab rival each other.

    Inside a bloc, the backers of a lab are the members that fund, host, supply or distribute
    it. Two or more backers are rivals when each one's tie to the lab weighs at least
    `RIVAL_SHARE` of the lab's strongest backer's, spans two or more kinds of relationship
    (money and compute, say: a strategic backer rather than one investor in a round), and
    gives at least `RIVAL_SHARE` as much inside the bloc as the bloc's centre. Such a bloc is
    split: the rivals and the centre each anchor a bloc, and every other member joins, round
    by round, the anchor its ties to the already placed members weigh most towards (ties to
    the higher ranked anchor). The lab goes with its strongest backer; the others then count
    it as contested.
    """
    out_strength = strengths.out
    rank = _rank_key(canon.nodes, strengths)
    backers: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for (i, j), w, links in zip(canon.pairs, canon.weights, canon.links, strict=True):
        # one relationship is one kind of tie: never a rival's
        if len(links) < 2 or membership[i] != membership[j]:
            continue
        kinds = len({link.relation for link in links})
        for link in links:
            if link.relation in LAB_RELATIONS:
                lab, backer = (j, i) if link.target == canon.nodes[j] else (i, j)
                backers[lab][backer] = (w, kinds)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(membership):
        groups[c].append(i)
    top = {c: max(out_strength[i] for i in members) for c, members in groups.items()}
    anchors: dict[int, set[int]] = defaultdict(set)
    for lab, ties in sorted(backers.items()):
        if len(ties) < 2:
            continue
        c = membership[lab]
        best = max(w for w, _ in ties.values())
        rivals = [
            b
            for b, (w, kinds) in ties.items()
            if w >= RIVAL_SHARE * best and kinds >= 2 and out_strength[b] >= RIVAL_SHARE * top[c]
        ]
        if len(rivals) >= 2:
            anchors[c].update(rivals)
    if not anchors:
        return membership
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), w in zip(canon.pairs, canon.weights, strict=True):
        if membership[i] == membership[j] and membership[i] in anchors:
            neighbours[i].append((j, w))
            neighbours[j].append((i, w))
    membership = list(membership)
    next_id = max(membership, default=-1) + 1
    for c, seeds in sorted(anchors.items()):
        members = sorted(groups[c], key=rank)
        seeds = sorted(seeds | {members[0]}, key=rank)
        placed = {a: k for k, a in enumerate(seeds)}
        waiting = [m for m in members if m not in placed]
        while waiting:
            moves = {}
            for m in waiting:
                pull = defaultdict(float)
                for other, w in neighbours[m]:
                    if other in placed:
                        pull[placed[other]] += w
                if pull:
                    moves[m] = min(pull, key=lambda k: (-round(pull[k], 9), k))
            if not moves:  # cut off from every anchor: stays with the centre
                moves = dict.fromkeys(waiting, 0)
            placed.update(moves)
            waiting = [m for m in waiting if m not in placed]
        ids = [c, *range(next_id, next_id + len(seeds) - 1)]
        next_id += len(seeds) - 1
        for m, k in placed.items():
            membership[m] = ids[k]
    return membership
