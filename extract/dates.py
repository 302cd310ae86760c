"""Dates: normalise the date expressions of a claim to ISO, full or partial.

"September 2023" -> ``2023-09``; "March" in an article published 2024-11-07 -> ``2024-03`` (the
latest March not after publication); "2024" -> ``2024``; "last year" -> the year before
publication. Expressions that name no month or year ("on Tuesday", "recently") give None.
"""

from __future__ import annotations

import re

__all__ = ["normalise_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{2}})(?:-(?P<d>\d{{2}}))?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b(?:[Qq][1-4]|(?:first|second|third|fourth)\s+quarter)(?:\s+of)?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.I),
    re.compile(rf"\b{_MONTH}\b", re.I),
    re.compile(rf"\b{_YEAR}\b"),
]
_RELATIVE = {
    "last year": (-1, None),
    "previous year": (-1, None),
    "this year": (0, None),
    "earlier this year": (0, None),
    "this month": (0, 0),
    "earlier this month": (0, 0),
    "last month": (0, -1),
}


def normalise_date(text: str, published: str | None = None) -> str | None:
    """Return the ISO (or partial ISO) date ``text`` states, or None.

    Parameters
    ----------
    text : str
        A date expression, as found in a sentence.
    published : str, optional
        The article's publication date (``YYYY-MM-DD``), for month-only and relative dates.

    Examples
    --------
    >>> normalise_date("September 2023")
    '2023-09'
    >>> normalise_date("in March", published="2024-11-07")
    '2024-03'
    >>> normalise_date("in December", published="2024-11-07")
    '2023-12'
    >>> normalise_date("last year", published="2024-11-07")
    '2023'
    """
    lowered = text.lower()
    pub_year, pub_month = _split(published)
    for phrase, (year_shift, month_shift) in _RELATIVE.items():
        if phrase in lowered and pub_year:
            if month_shift is None:
                return str(pub_year + year_shift)
            if pub_month is None:
                return None
            year, month = pub_year, pub_month + month_shift
            if month == 0:
                year, month = year - 1, 12
            return f"{year:04d}-{month:02d}"
    for form in _FORMS:
        match = form.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("m"):  # ISO already
            return match.group(0)
        month = _MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
        if month == 5 and groups["month"][0].islower():
            continue  # "may" the verb, not the month
        day = int(groups["day"]) if groups.get("day") else None
        if groups.get("year"):
            year = int(groups["year"])
        elif month and pub_year:
            year = pub_year if pub_month is None or month <= pub_month else pub_year - 1
        else:
            return None
        if month is None:
            return f"{year:04d}"
        if day and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}"
    return None


def _split(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    parts = published.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    return year, month
