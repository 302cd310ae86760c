"""Compute dependency: `compute_dependency` tabulates each lab's cloud and chip suppliers, their
shares of its supply and how concentrated that supply is (Herfindahl index), with the products
named.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .constants import COMPUTE_RELATIONS
from .edges import _missing, active_edges, relation_table


def compute_dependency(edges: pd.DataFrame, *, as_of: object = None) -> pd.DataFrame:
    """Each lab's cloud and chip suppliers and how concentrated its compute is.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges; the ``PROVIDES_CLOUD`` and ``SUPPLIES_CHIPS`` ones are used.
    as_of : str or datetime.date, optional
        Suppliers as of this date (see `active_edges`); ended supply deals are left out.

    Returns
    -------
    pandas.DataFrame
        One row per organisation with at least one cloud or chip supplier, by name:
        ``lab``; ``cloud`` and ``chips`` (supplier -> share, largest first); ``cloud_hhi`` and
        ``chips_hhi`` (Herfindahl index of those shares: 1.0 for a single supplier, 1/n for n
        equal ones, NaN without suppliers of that kind); ``hhi`` (over cloud and chip suppliers
        together, a supplier of both counted once); ``top_supplier``; ``via`` (the products
        named: AWS, Trainium, TPU...).

    Notes
    -----
    A supplier's share is its part of the lab's supply weight, where each supply edge weighs
    its edge weight without the relation's factor (constant within cloud or chips):
    ``status factor x (1 + log10(1 + amount_usd / 1e8)) x (1 + ln(mentions)) x confidence``,
    so amounts, repeated mentions and confirmed deals count more. The Herfindahl index is the
    sum of the squared shares; ``1 / hhi`` is the effective number of suppliers.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     [
    ...         ("Amazon", "PROVIDES_CLOUD", "Anthropic", 1, "AWS"),
    ...         ("Google", "PROVIDES_CLOUD", "Anthropic", 1, "Google Cloud"),
    ...         ("Amazon", "SUPPLIES_CHIPS", "Anthropic", 1, "Trainium"),
    ...         ("Microsoft", "PROVIDES_CLOUD", "OpenAI", 1, "Azure"),
    ...         ("Nvidia", "SUPPLIES_CHIPS", "OpenAI", 1, None),
    ...     ],
    ...     columns=["source", "relation", "target", "mentions", "via"],
    ... )
    >>> table = compute_dependency(edges)
    >>> table[["lab", "cloud_hhi", "chips_hhi", "hhi", "top_supplier"]].round(3)
             lab  cloud_hhi  chips_hhi    hhi top_supplier
    0  Anthropic        0.5        1.0  0.556       Amazon
    1     OpenAI        1.0        1.0  0.500    Microsoft
    >>> table.loc[0, "cloud"], table.loc[0, "via"]
    ({'Amazon': 0.5, 'Google': 0.5}, ['AWS', 'Google Cloud', 'Trainium'])
    """
    columns = ["lab", "cloud", "cloud_hhi", "chips", "chips_hhi", "hhi", "top_supplier", "via"]
    frame = active_edges(edges, as_of=as_of)
    frame = frame[frame["relation"].isin(list(COMPUTE_RELATIONS))]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    base = frame["relation"].map({k: v["weight"] for k, v in relation_table()["relations"].items()})
    frame = frame.assign(
        supply=frame["weight"] / base, kind=frame["relation"].map(COMPUTE_RELATIONS)
    )
    supply = frame.groupby(["target", "kind", "source"], sort=True)["supply"].sum()
    labs: dict[str, dict[str, Any]] = {}
    for (lab, kind, supplier), w in supply.items():
        row = labs.setdefault(lab, {"cloud": {}, "chips": {}})
        row[kind][supplier] = w
    products: dict[str, set[str]] = defaultdict(set)
    for lab, via in zip(frame["target"], frame["via"], strict=True):
        if not _missing(via):
            products[lab].add(str(via))
    rows = []
    for lab, kinds in labs.items():
        combined: dict[str, float] = defaultdict(float)
        row: dict[str, Any] = {"lab": lab}
        for kind in ("cloud", "chips"):
            for supplier, w in kinds[kind].items():
                combined[supplier] += w
            row[kind] = _shares(kinds[kind])
            row[f"{kind}_hhi"] = _hhi(row[kind])
        overall = _shares(combined)
        row["hhi"] = _hhi(overall)
        row["top_supplier"] = next(iter(overall), None)
        row["via"] = sorted(products[lab])
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _shares(weights: Mapping[str, float]) -> dict[str, float]:
    total = math.fsum(weights.values())
    if total <= 0:
        return {}
    ranked = sorted(weights.items(), key=lambda item: (-round(item[1], 9), item[0]))
    return {name: w / total for name, w in ranked}


def _hhi(shares: Mapping[str, float]) -> float:
    return math.fsum(s * s for s in shares.values()) if shares else math.nan
