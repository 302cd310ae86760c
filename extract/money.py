"""Money: find amounts in text and normalise them to US dollars.

Rates and surface forms live in ``data/currencies.toml``; amounts are converted at those fixed
rates so that extraction stays deterministic and offline.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Money", "find_money", "parse_money"]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount found in text: its character span, value in US dollars and the currency read."""

    start: int
    end: int
    usd: float
    currency: str
    text: str


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@cache
def _tables() -> dict:
    return tomllib.loads(resources.files("extract").joinpath("data/currencies.toml").read_text())


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    t = _tables()
    number = _NUMBER
    words = _alternation(t["words"])
    scale = _alternation(t["scale"])
    prefix = _alternation(t["prefix"])
    suffix = _alternation(t["suffix"])
    amount = rf"(?P<num>{number})|(?P<word>(?<![\w-])(?:{words}))"
    return re.compile(
        rf"(?:(?<![A-Za-z])(?P<pre>{prefix})\s?)?(?:{amount})(?:[ -]?(?P<scale>{scale})\b)?"
        rf"(?:\s+(?:of\s+)?(?P<suf>{suffix})\b)?",
        re.IGNORECASE,
    )


@cache
def _cues() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The currency forms any amount must contain: symbols as substrings, codes and words as
    whole words of the lower-cased text. Most sentences hold none, and these plain searches rule
    them out at half the cost of the full pattern."""
    t = _tables()
    forms = {w.lower() for w in (*t["prefix"], *t["suffix"])}
    symbols = tuple(sorted(f for f in forms if not f.isalpha()))
    words = _alternation(f for f in forms if f.isalpha())
    return symbols, re.compile(rf"(?<![a-z])(?:{words})(?![a-z])")


def _may_hold_money(text: str) -> bool:
    symbols, words = _cues()
    lowered = text.lower()
    return any(s in lowered for s in symbols) or words.search(lowered) is not None


def find_money(text: str) -> list[Money]:
    """Return every amount of money stated in ``text``.

    An amount needs a currency, before (``$``, ``€``, ``US$``, ``EUR``) or after (``dollars``,
    ``euros``); bare numbers are not money.

    Examples
    --------
    >>> [m.usd for m in find_money("It invested $1.25 billion, then €15 million and two billion dollars.")]
    [1250000000.0, 16200000.0, 2000000000.0]
    """
    return _read_amounts(text) if _may_hold_money(text) else []


def _read_amounts(text: str) -> list[Money]:
    """Every amount the full pattern reads in ``text``."""
    t = _tables()
    found = []
    for match in _pattern().finditer(text):
        pre, suf = match.group("pre"), match.group("suf")
        if not pre and not suf:
            continue
        if match.group("word") and not match.group("scale") and not suf:
            continue  # "a" alone after "$" is not an amount
        if match.group("word") and pre:
            continue  # "$ a" is never how amounts are written
        currency = (
            t["prefix"].get(pre) or t["prefix"].get(pre.upper())
            if pre
            else t["suffix"][suf.lower()]
        )
        if currency is None:
            continue
        if match.group("num"):
            value = float(match.group("num").replace(",", ""))
        else:
            value = float(t["words"][match.group("word").lower()])
        # "m" and "b" count as scales only written straight after a number ("$4bn", "$300m").
        usd = _usd(value, match.group("scale"), currency)
        found.append(Money(match.start(), match.end(), usd, currency, match.group(0)))
    return _pair_up(text, found)


# "€1.7bn ($2bn)", "€1.7bn, or about $2bn": the text's own conversion between two amounts
_CONVERSION = re.compile(
    r"\s*(?:\(|\[|,|/)\s*(?:or\s+)?(?:about|around|roughly|approximately|approx\.|some|nearly"
    r"|almost|close to|just over|over|more than|c\.|~)?\s*"
)
# "$1bn to $2bn", "$1bn-$2bn", "between $1bn and $2bn": a range
_RANGE = re.compile(r"\s*(?:to|-|–|—|and)\s*")


@cache
def _range_tail() -> re.Pattern[str]:
    """The upper bound of a range written with one currency sign: "$1-2bn", "$1bn to 2bn"."""
    scale = _alternation(_tables()["scale"])
    return re.compile(
        rf"\s*(?:to|-|–|—)\s*(?P<num>{_NUMBER})(?:[ -]?(?P<scale>{scale})\b)?(?![\w.,]*\d)",
        re.IGNORECASE,
    )


def _usd(value: float, scale: str | None, currency: str) -> float:
    """``value`` times its scale word ("bn", "crore"), in US dollars at the fixed rate."""
    t = _tables()
    if scale:
        value *= t["scale"][scale.lower()]
    return round(value * t["rates"][currency], 2)


def _pair_up(text: str, found: list[Money]) -> list[Money]:
    """Join the two amounts of a currency conversion into the dollar figure the text gives, and
    the two ends of a range into its upper bound (examples/ANNOTATION.md, "Amounts")."""
    out: list[Money] = []
    for money in found:
        last = out[-1] if out else None
        gap = text[last.end : money.start] if last else ""
        if (
            last
            and (last.currency == "USD") != (money.currency == "USD")
            and _CONVERSION.fullmatch(gap)
        ):
            dollars = last if last.currency == "USD" else money
            end = money.end + (text[money.end : money.end + 1] in ")]")
            out[-1] = Money(last.start, end, dollars.usd, "USD", text[last.start : end])
            continue
        if (
            last
            and last.currency == money.currency
            and _RANGE.fullmatch(gap)
            and (gap.strip() != "and" or text[: last.start].rstrip().lower().endswith("between"))
        ):
            out[-1] = Money(
                last.start,
                money.end,
                max(last.usd, money.usd),
                money.currency,
                text[last.start : money.end],
            )
            continue
        out.append(money)
    return [_with_range_tail(text, m) for m in out]


def _with_range_tail(text: str, money: Money) -> Money:
    tail = _range_tail().match(text, money.end)
    if not tail:
        return money
    if not tail.group("scale") and re.fullmatch(r"(?:19|20)\d\d", tail.group("num")):
        return money  # "$10m - 2024": a year, not the range's end
    upper = _usd(float(tail.group("num").replace(",", "")), tail.group("scale"), money.currency)
    if upper <= money.usd:
        return money  # "$40-50" after "$40bn" is no range of that amount
    return Money(money.start, tail.end(), upper, money.currency, text[money.start : tail.end()])


def parse_money(text: str) -> float | None:
    """Return the first amount in ``text`` in US dollars, or None.

    Examples
    --------
    >>> parse_money("US$2 billion")
    2000000000.0
    >>> parse_money("$4bn")
    4000000000.0
    >>> parse_money("a multibillion-dollar deal") is None
    True
    """
    found = find_money(text)
    return found[0].usd if found else None
