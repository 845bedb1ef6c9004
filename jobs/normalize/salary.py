"""Salary parsing: free text and structured fields -> ``SalaryRange``.

Rules that keep the numbers trustworthy:

* Unknown stays unknown. No currency marker means ``currency=None`` unless the caller gives a
  ``default_currency``; no period word means the period is inferred only when the magnitude
  is unambiguous (USD-equivalent 15-200 -> hour, 1,000-20,000 -> month, >= 20,000 -> year).
* Absurd values (outside generous per-period bounds, compared in rough USD-equivalent
  units) give ``None`` instead of garbage.
* ``extract_salary_from_description`` is stricter than ``parse_salary_text``: an amount in
  running prose must carry a currency and sit next to a pay word or a period.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ANNUAL_FACTORS",
    "SalaryRange",
    "annualise",
    "extract_salary_from_description",
    "normalise_currency",
    "normalise_period",
    "normalise_structured_salary",
    "parse_salary_text",
]

_DATA = json.loads((Path(__file__).parent / "data" / "currencies.json").read_text("utf-8"))
_PER_USD: dict[str, float] = {k: float(v) for k, v in _DATA["per_usd"].items()}
_SYMBOLS: dict[str, str | None] = _DATA["symbols"]
_DOLLARS = frozenset(_DATA["dollar_currencies"])
_KRONA = frozenset(_DATA["krona_currencies"])
_ISO_CURRENCIES = frozenset(_PER_USD) | {"XOF", "XAF", "XCD", "XPF", "BHD", "KWD", "OMR", "JOD"}

ANNUAL_FACTORS = {"hour": 2080.0, "day": 260.0, "week": 52.0, "month": 12.0, "year": 1.0}

# Plausible (min, max) per period in USD-equivalent units; outside -> unknown.
_BOUNDS = {
    "hour": (2.0, 2_000.0),
    "day": (15.0, 15_000.0),
    "week": (60.0, 60_000.0),
    "month": (200.0, 300_000.0),
    "year": (2_000.0, 5_000_000.0),
    None: (2.0, 5_000_000.0),
}


@dataclass(frozen=True, slots=True)
class SalaryRange:
    """A salary as stated: ``min``/``max`` in ``currency`` per ``period``; any may be ``None``."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None  # hour | day | week | month | year
    estimated: bool = False

    @property
    def annual_min(self) -> float | None:
        return annualise(self.min, self.period)

    @property
    def annual_max(self) -> float | None:
        return annualise(self.max, self.period)


# --- period words ---------------------------------------------------------------------------
_PERIOD_WORDS = {
    "hour": r"per\s+hour|an?\s+hour|/\s*(?:hr|hour|h|std|stunde|heure)\b|hourly|\bp\.?h\b|pro\s+stunde|stundenlohn|de\s+l'heure|par\s+heure|\bper\s+hr\b",
    "day": r"per\s+day|a\s+day|/\s*(?:day|d|tag|jour)\b|\bdaily\b|day[\s-]+rate|per\s+diem|\bp\.?d\b|pro\s+tag|par\s+jour|tagessatz",
    "week": r"per\s+week|a\s+week|/\s*(?:week|wk|w|woche)\b|\bweekly\b|\bp\.?w\b|pro\s+woche|par\s+semaine",
    "month": r"per\s+month|a\s+month|/\s*(?:month|mo|mth|m|monat|mois)\b|\bmonthly\b|\bp\.?m\b|\bpcm\b|pro\s+monat|monatlich|par\s+mois|mensuel\w*|al\s+mes|por\s+mes",
    "year": r"per\s+(?:year|annum|anno|an)\b|an?\s+year|/\s*(?:year|yr|y|annum|a|jahr|an|anno|ano|año)\b|\bannual(?:ly)?\b|\bannum\b|\byearly\b|\bp\.\s*a\.?|\bpa\b|pro\s+jahr|j(?:ä|ae)hrlich|par\s+an\b|annuel\w*|\blpa\b|\bctc\b|al\s+año|por\s+año|\bbrutto(?:jahresgehalt)?\b(?=\s*/?\s*jahr)",
}
_PERIOD_RE = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _PERIOD_WORDS.items()), re.I)

_PERIOD_ALIASES = {
    "hour": "hour", "hourly": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "per hour": "hour", "ph": "hour", "hours": "hour",
    "day": "day", "daily": "day", "per day": "day", "days": "day", "d": "day", "pd": "day", "day rate": "day",
    "week": "week", "weekly": "week", "wk": "week", "per week": "week", "weeks": "week", "pw": "week",
    "month": "month", "monthly": "month", "mo": "month", "mth": "month", "per month": "month", "months": "month", "pm": "month", "pcm": "month",
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "annum": "year", "per annum": "year", "pa": "year",
    "p a": "year", "yr": "year", "y": "year", "years": "year", "per year": "year", "lpa": "year", "salary": "year", "jahr": "year",
}  # fmt: skip


def normalise_period(value: str | None) -> str | None:
    """Map a source's period word ("YEAR", "per hour", "PA", "p.a.", "monthly") to a period."""
    if not value:
        return None
    key = re.sub(r"[^a-z]+", " ", str(value).lower()).strip()
    if key in _PERIOD_ALIASES:
        return _PERIOD_ALIASES[key]
    compact = key.replace(" ", "")
    if compact in _PERIOD_ALIASES:
        return _PERIOD_ALIASES[compact]
    match = _PERIOD_RE.search(str(value))
    if match:
        return match.lastgroup
    return None


def annualise(amount: float | None, period: str | None) -> float | None:
    """Yearly equivalent: hour x2080, day x260, week x52, month x12. Unknown period -> None."""
    if amount is None or period not in ANNUAL_FACTORS:
        return None
    return float(amount) * ANNUAL_FACTORS[period]


# --- currencies -----------------------------------------------------------------------------
def normalise_currency(value: str | None, default_currency: str | None = None) -> str | None:
    """ISO 4217 code for a code or symbol ("usd", "€", "A$"); '$' -> USD unless the default
    currency is another dollar; 'kr' needs a krona default."""
    if not value:
        return None
    raw = value.strip()
    upper = raw.upper()
    default = default_currency.upper() if default_currency else None
    if upper in _ISO_CURRENCIES:
        return upper
    if raw in ("$", "dollars", "dollar") or raw.lower() in ("dollars", "dollar"):
        return default if default in _DOLLARS else "USD"
    if raw.lower().rstrip(".") in ("kr", ":-"):
        return default if default in _KRONA else None
    if raw in _SYMBOLS:
        return _SYMBOLS[raw]
    lowered = raw.lower()
    if lowered in _SYMBOLS:
        return _SYMBOLS[lowered]
    return None


_ISO_ALT = "|".join(sorted(_ISO_CURRENCIES, key=len, reverse=True))
_SYMBOL_ALT = "|".join(
    re.escape(s)
    for s in sorted((k for k in _SYMBOLS if not k.isalpha() or len(k) <= 3), key=len, reverse=True)
)
_CURRENCY = rf"(?:{_SYMBOL_ALT}|\$|\b(?:{_ISO_ALT})\b|\bkr\.?(?![a-z])|(?i:\b(?:euros?|pounds?(?:\s+sterling)?|dollars?|rupees?|yen)\b))"
# The leading digit is shared by both alternatives and written once, so the pattern starts with
# a character class and ``re`` can skip to the next digit instead of trying every position.
# ("\d{1,3}..." tries 3, 2, 1 digits and "\d+" is greedy: "\d\d{0,2}" and "\d\d*" try the
# same lengths in the same order, so the matches are identical.)
_NUMBER = r"\d(?:\d{0,2}(?:(?:,|\.|'|\u2019|\s|\u00a0|\u202f)\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d*(?:[.,]\d{1,2})?)"
_MULTIPLIER = r"[kK](?![a-zA-Z])|(?i:thousand|million|mio\.?|mn|lpa|lakhs?|lacs?|crores?|cr)\b|M(?![a-zA-Z])|m(?![a-zA-Z])|L(?![a-zA-Z])"
# Scanning starts at a digit (cheap to find); a currency prefix is then looked up in the few
# characters before it, which is far faster than trying the currency alternation everywhere.
_AMOUNT_RE = re.compile(
    rf"(?P<num>{_NUMBER})(?:\s?(?P<mult>{_MULTIPLIER}))?(?:\s*(?P<post>{_CURRENCY}))?"
)
_PREFIX_CURRENCY_RE = re.compile(rf"(?P<pre>{_CURRENCY})\s*$")
_CONNECTOR_RE = re.compile(
    r"^\s*(?:-|\u2013|\u2014|~|to|bis|and|till|until|à|a|y|up\s+to|through)\s*(?:-\s*)?$", re.I
)
_UP_TO_RE = re.compile(
    r"(?:up\s+to|upto|max(?:imum)?\.?|no\s+more\s+than|bis\s+zu|bis|jusqu'?à|hasta|under|below|<)\s*$",
    re.I,
)
_FROM_RE = re.compile(
    r"(?:from|starting\s+(?:at|from)|start(?:s|ing)?\s+at|min(?:imum)?\.?|at\s+least|ab|à\s+partir\s+de|desde|upwards\s+of|over|more\s+than|>)\s*$",
    re.I,
)
_PLUS_AFTER_RE = re.compile(r"^\s*\+(?!\s*(?:bonus|equity|benefits|commission|ote|stock))", re.I)
_NOT_MONEY_AFTER_RE = re.compile(
    r"^\s*(?:%|percent|\+?\s*(?:days?|years?|yrs?|months?|weeks?|hours?|hrs?|employees|people|staff|users|customers|countries|offices|locations)\b|\(k\))",
    re.I,
)
_NON_SALARY_CONTEXT_RE = re.compile(
    r"^\s*(?:in\s+)?(?:funding|revenue|arr\b|valuation|raised|series\s+[a-f]\b|investment|in\s+sales|budget|market|of\s+(?:funding|revenue|capital)|assets|users|customers|bonus\b|signing|sign-on|relocation|stipend|allowance|equity|learning|training|home\s*office|per\s+employee)",
    re.I,
)
_NON_SALARY_BEFORE_RE = re.compile(
    r"\b(?:budget|stipend|allowance|reimburse\w*|bonus|funding|raised|revenue|valuation|perks?|credit|voucher|contribution|match(?:ing)?)\b[^.$€£]{0,30}$",
    re.I,
)
_PAY_WORDS_RE = re.compile(
    r"\b(?:salary|salaries|compensation|comp|pay|paid|base|wage|wages|rate|ote|on[\s-]target|earn(?:ing)?s?|range|package|remuneration|gehalt|jahresgehalt|bruttogehalt|vergütung|verguetung|salaire|rémunération|remuneration|sueldo|salario|stipend|ctc|income|per\s+annum|hourly|annual)\b",
    re.I,
)
_NO_NUMBER_RE = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"


def _first_digit(text: str) -> int:
    r"""Index of the first ``\d`` character in ``text``, or -1.

    For ASCII text ``\d`` is exactly 0-9, and ten ``str.find`` calls are several times faster
    than the regex engine's per-character Unicode category test.
    """
    if text.isascii():
        found = [at for digit in _ASCII_DIGITS if (at := text.find(digit)) != -1]
        return min(found) if found else -1
    match = _NO_NUMBER_RE.search(text)
    return match.start() if match else -1


_ESTIMATED_RE = re.compile(r"\b(?:estimated|est\.|approx(?:imately|\.)?|circa|ca\.)", re.I)


@dataclass(slots=True)
class _Amount:
    value: float
    has_mult: bool
    mult: float
    currency_raw: str | None
    start: int
    end: int


_MULT_VALUES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "mn": 1e6,
    "lpa": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "l": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
}
_DECIMAL_TAIL_RE = re.compile(r"[.,](\d{1,2})$")
_DIGITS_RE = re.compile(r"\D")


def _number(text: str) -> float:
    tail = _DECIMAL_TAIL_RE.search(text)
    if tail:
        integer = _DIGITS_RE.sub("", text[: tail.start()]) or "0"
        return float(f"{integer}.{tail.group(1)}")
    return float(_DIGITS_RE.sub("", text))


def _amounts(text: str, pos: int = 0) -> list[_Amount]:
    """Amounts in ``text``; ``pos`` may skip a prefix known to hold no digit (every amount
    starts with one, so no match is lost)."""
    out = []
    for m in _AMOUNT_RE.finditer(text, pos):
        mult_raw = m.group("mult")
        mult = _MULT_VALUES.get(mult_raw.lower(), 1.0) if mult_raw else 1.0
        start = m.start()
        prefix = _PREFIX_CURRENCY_RE.search(text, max(0, start - 10), start)
        if prefix:
            start = prefix.start()
        out.append(
            _Amount(
                value=_number(m.group("num")) * mult,
                has_mult=bool(mult_raw),
                mult=mult,
                currency_raw=(prefix.group("pre") if prefix else None) or m.group("post"),
                start=start,
                end=m.end(),
            )
        )
    return out


def _usd(value: float, currency: str | None) -> float:
    return value / _PER_USD.get(currency or "USD", 1.0)


def _infer_period(value: float, currency: str | None) -> str | None:
    if currency and currency not in _PER_USD:
        return None
    usd = _usd(value, currency)
    if 15 <= usd <= 200:
        return "hour"
    if 1_000 <= usd < 20_000:
        return "month"
    if usd >= 20_000:
        return "year"
    return None


def _plausible(
    low: float | None, high: float | None, currency: str | None, period: str | None
) -> bool:
    lo_bound, hi_bound = _BOUNDS.get(period, _BOUNDS[None])
    for value in (low, high):
        if value is None:
            continue
        usd = _usd(value, currency) if currency in _PER_USD or currency is None else None
        if usd is None:
            continue
        if not lo_bound <= usd <= hi_bound:
            return False
    return not (low is None and high is None)


def _period_near(text: str, start: int, end: int, window: int | None) -> str | None:
    after = text[end : end + window] if window else text[end:]
    match = _PERIOD_RE.search(after)
    if match:
        return match.lastgroup
    before = text[max(0, start - (window or len(text))) : start]
    found = None
    for match in _PERIOD_RE.finditer(before):
        found = match.lastgroup
    return found


def _build(
    text: str,
    first: _Amount,
    second: _Amount | None,
    default_currency: str | None,
    *,
    window: int | None,
) -> SalaryRange | None:
    amounts = [first] if second is None else [first, second]
    raw_currency = next((a.currency_raw for a in amounts if a.currency_raw), None)
    currency = normalise_currency(raw_currency, default_currency) if raw_currency else None
    if currency is None and default_currency and not raw_currency:
        currency = normalise_currency(default_currency)
    # "12 LPA" = 12 lakh rupees per annum: the unit fixes both currency and period.
    lpa = any(text[a.start : a.end].lower().rstrip().endswith("lpa") for a in amounts)
    if lpa and currency is None:
        currency = "INR"

    low_value = first.value
    high_value = second.value if second else None
    if second is not None and first.has_mult != second.has_mult:
        # "80-100k": the multiplier written once applies to both ends.
        if second.has_mult and first.value < 1000:
            low_value = first.value * second.mult
        elif first.has_mult and second.value < 1000:
            high_value = second.value * first.mult

    end = (second or first).end
    period = "year" if lpa else _period_near(text, first.start, end, window)

    if second is None:
        before = text[max(0, first.start - 25) : first.start]
        after = text[first.end : first.end + 20]
        if _UP_TO_RE.search(before):
            low, high = None, low_value
        elif _FROM_RE.search(before) or _PLUS_AFTER_RE.match(after):
            low, high = low_value, None
        else:
            low = high = low_value
    else:
        low, high = sorted((low_value, high_value))

    if period is None:
        reference = high if high is not None else low
        if reference is not None:
            period = _infer_period(reference, currency)
    if not _plausible(low, high, currency, period):
        return None
    estimated = bool(_ESTIMATED_RE.search(text[max(0, first.start - 40) : end]))
    return SalaryRange(min=low, max=high, currency=currency, period=period, estimated=estimated)


def _candidates(text: str, pos: int = 0) -> list[tuple[_Amount, _Amount | None]]:
    amounts = _amounts(text, pos)
    out: list[tuple[_Amount, _Amount | None]] = []
    i = 0
    while i < len(amounts):
        first = amounts[i]
        if i + 1 < len(amounts) and _CONNECTOR_RE.match(text[first.end : amounts[i + 1].start]):
            out.append((first, amounts[i + 1]))
            i += 2
            continue
        out.append((first, None))
        i += 1
    return out


def _looks_like_money(text: str, first: _Amount, second: _Amount | None) -> bool:
    amounts = [first] if second is None else [first, second]
    has_currency = any(a.currency_raw for a in amounts)
    after = text[(second or first).end : (second or first).end + 25]
    if not has_currency and _NOT_MONEY_AFTER_RE.match(after):
        return False
    if has_currency or any(a.has_mult for a in amounts):
        return True
    if _PERIOD_RE.match(after.lstrip()) or _PERIOD_RE.match(after):
        return True
    return second is not None and max(first.value, second.value) >= 1000


def parse_salary_text(text: str | None, default_currency: str | None = None) -> SalaryRange | None:
    """Parse a salary field ("$120k-$150k", "£45,000 pa", "₹12 LPA", "CHF 120'000").

    The first salary-looking amount or range wins; "Competitive"/"DOE" and anything without
    a number give ``None``. ``default_currency`` fills a missing currency and decides what a
    bare "$" or "kr" means. Never raises.
    """
    if not text or not _NO_NUMBER_RE.search(text):
        return None
    text = text[:2000]
    try:
        for first, second in _candidates(text):
            if not _looks_like_money(text, first, second):
                continue
            result = _build(text, first, second, default_currency, window=None)
            if result is not None:
                return result
    except (ValueError, OverflowError):
        return None
    return None


def extract_salary_from_description(
    text: str | None, default_currency: str | None = None
) -> SalaryRange | None:
    """Find an explicitly stated salary in running description text.

    Stricter than ``parse_salary_text``: the amount must carry a currency marker and either
    follow a pay word ("salary", "compensation", "base pay", "OTE", "Gehalt"...) within ~100
    characters or be followed by a period ("per hour"); funding/revenue/bonus amounts are
    skipped. Random numbers never become a salary.
    """
    first_digit = _first_digit(text) if text else -1
    if first_digit == -1:
        return None
    try:
        for first, second in _candidates(text, first_digit):
            amounts = [first] if second is None else [first, second]
            if not any(a.currency_raw for a in amounts):
                continue
            end = (second or first).end
            if _NON_SALARY_CONTEXT_RE.match(text[end : end + 40]):
                continue
            before = text[max(0, first.start - 100) : first.start]
            if _NON_SALARY_BEFORE_RE.search(before):
                continue
            after = text[end : end + 25]
            if not (_PAY_WORDS_RE.search(before) or _PERIOD_RE.match(after.lstrip())):
                continue
            result = _build(text, first, second, default_currency, window=40)
            if result is not None:
                return result
    except (ValueError, OverflowError):
        return None
    return None


def normalise_structured_salary(
    minimum: float | str | None,
    maximum: float | str | None,
    currency: str | None,
    period: str | None,
    *,
    estimated: bool = False,
    default_currency: str | None = None,
) -> SalaryRange | None:
    """Clean salary fields a source gives as data (Ashby/Workable/schema.org style).

    Zero or missing amounts are unknown; min/max are ordered; the period word is normalised
    or, if absent, inferred from magnitude only when clear; implausible figures give ``None``.
    """

    def as_float(value: float | str | None) -> float | None:
        if value is None or value == "":
            return None
        try:
            number = float(value) if not isinstance(value, str) else _number(value.strip())
        except (TypeError, ValueError):
            return None
        return number if number > 0 else None

    low, high = as_float(minimum), as_float(maximum)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    code = normalise_currency(currency, default_currency) if currency else None
    if code is None and default_currency:
        code = normalise_currency(default_currency)
    norm_period = normalise_period(period)
    if norm_period is None:
        norm_period = _infer_period(high if high is not None else low, code)  # type: ignore[arg-type]
    if not _plausible(low, high, code, norm_period):
        return None
    return SalaryRange(min=low, max=high, currency=code, period=norm_period, estimated=estimated)
