"""Salary parsing: a table of real-world phrases plus hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.normalize.salary import (
    SalaryRange,
    annualise,
    extract_salary_from_description,
    normalise_period,
    normalise_structured_salary,
    parse_salary_text,
)

# (text, default_currency, expected (min, max, currency, period) or None)
PHRASES = [
    ("$120k–$150k", None, (120_000, 150_000, "USD", "year")),
    ("$120,000 - $150,000 USD", None, (120_000, 150_000, "USD", "year")),
    ("€60.000 – €75.000 per year", None, (60_000, 75_000, "EUR", "year")),
    ("£45,000 pa", None, (45_000, 45_000, "GBP", "year")),
    ("80-100k EUR", None, (80_000, 100_000, "EUR", "year")),
    ("$50/hr", None, (50, 50, "USD", "hour")),
    ("$50 - $60 per hour", None, (50, 60, "USD", "hour")),
    ("up to $90,000", None, (None, 90_000, "USD", "year")),
    ("from £30k", None, (30_000, None, "GBP", "year")),
    ("CHF 120'000", None, (120_000, 120_000, "CHF", "year")),
    ("₹12 LPA", None, (1_200_000, 1_200_000, "INR", "year")),
    ("12-15 LPA", None, (1_200_000, 1_500_000, "INR", "year")),
    ("USD 100K-130K", None, (100_000, 130_000, "USD", "year")),
    ("100 000 – 120 000 SEK/year", None, (100_000, 120_000, "SEK", "year")),
    ("$8,000/month", None, (8_000, 8_000, "USD", "month")),
    ("45.000€ brutto/Jahr", None, (45_000, 45_000, "EUR", "year")),
    ("€ 4.500 brutto monatlich", None, (4_500, 4_500, "EUR", "month")),
    ("€400 per day", None, (400, 400, "EUR", "day")),
    ("$85.50/hour", None, (85.5, 85.5, "USD", "hour")),
    ("£30k+", None, (30_000, None, "GBP", "year")),
    ("$150k-$120k", None, (120_000, 150_000, "USD", "year")),
    ("CA$90,000–110,000", None, (90_000, 110_000, "CAD", "year")),
    ("A$120k", None, (120_000, 120_000, "AUD", "year")),
    ("$120k", "CAD", (120_000, 120_000, "CAD", "year")),
    ("$120k", "EUR", (120_000, 120_000, "USD", "year")),
    ("€55k - €70k + equity", None, (55_000, 70_000, "EUR", "year")),
    ("50,000 - 60,000", None, (50_000, 60_000, None, "year")),
    ("50,000 - 60,000", "GBP", (50_000, 60_000, "GBP", "year")),
    ("kr 45 000 per month", "SEK", (45_000, 45_000, "SEK", "month")),
    ("kr 45 000 per month", None, (45_000, 45_000, None, "month")),
    ("1,5k€ / month", None, (1_500, 1_500, "EUR", "month")),
    ("$1.5M", None, (1_500_000, 1_500_000, "USD", "year")),
    ("US$95,000 to US$105,000 annually", None, (95_000, 105_000, "USD", "year")),
    ("$35 an hour", None, (35, 35, "USD", "hour")),
    ("$900 per week", None, (900, 900, "USD", "week")),
    ("Competitive", None, None),
    ("DOE", None, None),
    ("Competitive + 401(k)", None, None),
    ("25 days holiday", None, None),
    ("$1", None, None),
    ("$1,000,000,000", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "default", "expected"), PHRASES)
def test_salary_phrases(text, default, expected):
    result = parse_salary_text(text, default_currency=default)
    if expected is None:
        assert result is None
        return
    assert result is not None, text
    assert (result.min, result.max, result.currency, result.period) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The base salary range for this role is $120,000 - $150,000. We raised $20M in funding.",
            (120_000, 150_000, "USD", "year"),
        ),
        ("Compensation: €70k–€90k + bonus", (70_000, 90_000, "EUR", "year")),
        ("The hourly rate is $45 - $55.", (45, 55, "USD", "hour")),
        ("Learning budget of $2,500 per year. Salary: $100k", (100_000, 100_000, "USD", "year")),
        ("We raised $20M in Series B funding. Salary: competitive.", None),
        ("We have 500 employees in 20 offices and pay is great.", None),
        ("You get a $5,000 signing bonus.", None),
        ("Our team of 120 engineers ships 300 releases a year.", None),
    ],
)
def test_salary_in_description(text, expected):
    result = extract_salary_from_description(text)
    if expected is None:
        assert result is None
    else:
        assert result is not None
        assert (result.min, result.max, result.currency, result.period) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("YEAR", "year"),
        ("per hour", "hour"),
        ("PA", "year"),
        ("annum", "year"),
        ("hourly", "hour"),
        ("monthly", "month"),
        ("p.a.", "year"),
        ("MONTH", "month"),
        ("weekly", "week"),
        ("DAY", "day"),
        ("per annum", "year"),
        ("bogus", None),
        (None, None),
    ],
)
def test_normalise_period(raw, expected):
    assert normalise_period(raw) == expected


def test_annualise_factors():
    assert annualise(50, "hour") == 104_000
    assert annualise(400, "day") == 104_000
    assert annualise(2_000, "week") == 104_000
    assert annualise(8_000, "month") == 96_000
    assert annualise(100_000, "year") == 100_000
    assert annualise(100_000, None) is None
    assert annualise(None, "year") is None


def test_structured_salary():
    s = normalise_structured_salary(150000, 100000, "usd", "YEAR")
    assert s == SalaryRange(100_000, 150_000, "USD", "year", False)
    assert normalise_structured_salary(0, 0, "USD", None) is None
    assert normalise_structured_salary("120000", None, "EUR", None).period == "year"
    assert normalise_structured_salary(1, 2, "USD", "YEAR") is None
    assert normalise_structured_salary(60, 80, None, "HOUR", estimated=True).estimated is True


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    result = parse_salary_text(text)
    if result is not None:
        assert result.min is None or result.max is None or result.min <= result.max
    extract_salary_from_description(text)


def _fmt(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=20, max_value=900),
    st.integers(min_value=0, max_value=300),
    st.sampled_from(["$%dk-$%dk", "$%dk – $%dk", "$%dK to $%dK", "USD %dk-%dk", "%d-%dk EUR"]),
)
def test_k_ranges_round_trip(low, delta, template):
    high = low + delta
    result = parse_salary_text(template % (low, high))
    assert result is not None
    assert (result.min, result.max) == (low * 1000, high * 1000)
    assert result.period == "year"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=20_000, max_value=900_000),
    st.integers(min_value=0, max_value=200_000),
    st.sampled_from([",", ".", " ", "'", ""]),
    st.sampled_from(
        [
            "%s - %s EUR per year",
            "€%s – €%s p.a.",
            "%s to %s GBP annually",
            "CHF %s-%s/year",
        ]
    ),
)
def test_separator_ranges_round_trip(low, delta, sep, template):
    high = low + delta
    result = parse_salary_text(template % (_fmt(low, sep), _fmt(high, sep)))
    assert result is not None
    assert (result.min, result.max) == (low, high)
    assert result.period == "year"
    assert result.min <= result.max


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False),
    st.sampled_from(["hour", "day", "week", "month"]),
)
def test_annualised_at_least_raw(amount, period):
    assert annualise(amount, period) >= amount


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_min_le_max_for_any_pair(a, b):
    result = parse_salary_text(f"${a:,} - ${b:,}")
    if result is not None and result.min is not None and result.max is not None:
        assert result.min <= result.max
