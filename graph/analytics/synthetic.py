"""Synthetic alliances: `synthetic_alliances` draws a seeded alliance edge table with bloc
structure (patrons, members, stray ties, dated and mixed relations), for benchmarks and tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..loader import EDGE_COLUMNS
from .edges import relation_table


def synthetic_alliances(
    n_orgs: int,
    *,
    degree: float = 5.0,
    bloc_size: int = 40,
    inside: float = 0.8,
    seed: int = 42,
) -> pd.DataFrame:
    """A seeded synthetic alliance edge table with bloc structure, for benchmarks and tests.

    Organisations ``Org000000``... fall into blocs of about ``bloc_size``; the first member of
    each bloc is its patron. Each edge starts at a random organisation and, with probability
    ``inside``, stays in its bloc (half the time reaching the patron, which then is the
    source), else goes anywhere.

    Parameters
    ----------
    n_orgs : int
        Number of organisations (a few may end up without an edge).
    degree : float, default 5.0
        Average number of edges per organisation (``n_orgs * degree / 2`` rows).
    bloc_size : int, default 40
    inside : float, default 0.8
    seed : int, default 42

    Returns
    -------
    pandas.DataFrame
        The alliance edge columns (`EDGE_COLUMNS`).

    Examples
    --------
    >>> edges = synthetic_alliances(100, seed=1)
    >>> len(edges), sorted(edges.columns) == sorted(EDGE_COLUMNS)
    (250, True)
    """
    rng = np.random.default_rng(seed)
    n_blocs = max(1, n_orgs // bloc_size)
    bloc_of = rng.integers(0, n_blocs, n_orgs)
    bloc_of[:n_blocs] = np.arange(n_blocs)  # org i < n_blocs is the patron of bloc i
    order = np.argsort(bloc_of, kind="stable")
    starts = np.searchsorted(bloc_of[order], np.arange(n_blocs))
    sizes = np.bincount(bloc_of, minlength=n_blocs)
    m = round(n_orgs * degree / 2)
    src = rng.integers(0, n_orgs, m)
    home = bloc_of[src]
    mate = order[starts[home] + (rng.random(m) * sizes[home]).astype(int)]
    to_patron = rng.random(m) < 0.5
    stay = rng.random(m) < inside
    anywhere = rng.integers(0, n_orgs, m)
    tgt = np.where(stay, np.where(to_patron, home, mate), anywhere)
    flip = stay & to_patron  # the patron gives: it is the source
    src, tgt = np.where(flip, tgt, src), np.where(flip, src, tgt)
    tgt = np.where(src == tgt, (tgt + 1) % n_orgs, tgt)
    width = len(str(max(n_orgs - 1, 1)))
    names = np.array([f"Org{i:0{width}d}" for i in range(n_orgs)], dtype=object)
    relations = np.array(list(relation_table()["relations"]), dtype=object)
    relations = relations[relations != "OWNS"]
    p = {"INVESTS_IN": 0.35, "PROVIDES_CLOUD": 0.2, "SUPPLIES_CHIPS": 0.15, "PARTNERS_WITH": 0.2}
    probs = np.array([p.get(r, 0.0) for r in relations])
    probs[probs == 0] = (1 - probs.sum()) / (probs == 0).sum()
    relation = rng.choice(relations, m, p=probs)
    amount = np.where(
        (relation == "INVESTS_IN") & (rng.random(m) < 0.5),
        np.round(np.exp(rng.normal(np.log(2e8), 1.5, m)), -6),
        np.nan,
    )
    year = rng.integers(2015, 2026, m)
    month = rng.integers(1, 13, m)
    first_seen = np.where(
        rng.random(m) < 0.7,
        [f"{y}-{mo:02d}" for y, mo in zip(year, month, strict=True)],
        year.astype(str),
    )
    status = rng.choice(
        np.array(["confirmed", "reported", "in_talks", "ended"], dtype=object),
        m,
        p=[0.85, 0.06, 0.05, 0.04],
    )
    return pd.DataFrame(
        {
            "source": names[src],
            "target": names[tgt],
            "relation": relation,
            "amount_usd": amount,
            "mentions": rng.geometric(0.5, m),
            "first_seen": first_seen,
            "last_seen": first_seen,
            "status": status,
            "confidence": np.round(rng.uniform(0.6, 1.0, m), 3),
            "via": None,
        },
        columns=list(EDGE_COLUMNS),
    )
