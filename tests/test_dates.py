"""Dates of deals become ISO dates, partial where the article is partial."""

import pytest

from extract.dates import normalise_date


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("September 2023", None, "2023-09"),
        ("March 5, 2024", None, "2024-03-05"),
        ("5 March 2024", None, "2024-03-05"),
        ("in 2019", None, "2019"),
        ("in March", "2024-11-07", "2024-03"),
        ("in December", "2024-11-07", "2023-12"),
        ("last year", "2024-11-07", "2023"),
        ("earlier this month", "2024-11-07", "2024-11"),
    ],
)
def test_dates_are_normalised_against_the_published_date(text, published, iso):
    assert normalise_date(text, published) == iso


@pytest.mark.parametrize("text", ["on Tuesday", "recently", "may"])
def test_expressions_without_month_or_year_give_no_date(text):
    assert normalise_date(text, "2024-11-07") is None


def test_a_month_without_a_year_needs_the_published_date():
    assert normalise_date("in March") is None
