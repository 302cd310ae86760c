"""Amounts of money are read in every common form and converted to US dollars."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.money import _read_amounts, find_money, parse_money


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("$1.25 billion", 1.25e9),
        ("$4bn", 4e9),
        ("US$2 billion", 2e9),
        ("two billion dollars", 2e9),
        ("€15 million", 15e6 * 1.08),
        ("15 million euros", 15e6 * 1.08),
        ("£100m", 100e6 * 1.27),
        ("$2,500,000", 2.5e6),
        ("a $10-billion deal", 10e9),
        ("$1.5B", 1.5e9),
    ],
)
def test_amounts_are_normalised_to_dollars(text, usd):
    assert parse_money(text) == pytest.approx(usd)


@pytest.mark.parametrize(
    "text", ["a multibillion-dollar deal", "in 2023", "49% of the shares", "the years 5 million"]
)
def test_text_without_a_currency_is_no_amount(text):
    assert find_money(text) == []


def test_every_amount_of_a_sentence_is_found_with_its_offsets():
    text = "It put in $1.25 billion, then $4 billion."
    found = find_money(text)
    assert [text[m.start : m.end] for m in found] == ["$1.25 billion", "$4 billion"]


_PIECES = st.sampled_from(
    ["$", "US$", "€", "£", "Rs", "Rs.", "usd", "EUR", "dollars", "Euros", "yen", "won", "4",
     "1.25", "2,500", "two", "a", "half a", "billion", "bn", "m", "million", "of", "investors",
     "Europe", "neural", "rupees", "-", ",", " ", "  ", "\n", "x", "5dollars"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_the_quick_currency_check_never_drops_an_amount(text):
    assert find_money(text) == _read_amounts(text)


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("€1.7bn ($2bn)", 2e9),
        ("€1.7bn, or about $2bn,", 2e9),
        ("$2bn (€1.7bn)", 2e9),
        ("Dh5.5bn ($1.5bn)", 1.5e9),
    ],
)
def test_a_conversion_the_text_gives_is_one_amount_in_its_dollars(text, usd):
    assert [m.usd for m in find_money(text)] == [usd]


@pytest.mark.parametrize(
    "text", ["between $1bn and $2bn", "$1bn to $2bn", "$1-2bn", "$1bn-$2bn", "$1bn – 2bn"]
)
def test_a_range_is_one_amount_at_its_upper_bound(text):
    assert [m.usd for m in find_money(text)] == [2e9]


def test_two_amounts_joined_by_and_stay_two():
    assert [m.usd for m in find_money("It put in $1bn and $2bn respectively.")] == [1e9, 2e9]


def test_a_year_after_an_amount_is_no_range():
    assert [m.usd for m in find_money("Seed: $10 - 2024")] == [10.0]


def test_crore_and_lakh_are_indian_scales():
    assert parse_money("₹855 crore") == pytest.approx(855e7 * 0.012)
    assert parse_money("Rs 50 lakh") == pytest.approx(50e5 * 0.012)
