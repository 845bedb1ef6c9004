"""Date parsing for posted/expiry dates: ISO 8601, RFC 822, epochs and "3 days ago".

Everything returned is an aware UTC datetime. Naive inputs are taken as UTC. A posted date
more than two days in the future is a source bug (or a timezone artefact gone wrong) and is
dropped unless ``allow_future`` is set, as it is for expiry dates.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from dateutil import parser as dateutil_parser

__all__ = ["parse_date"]

UTC = dt.UTC
_MIN_DATE = dt.datetime(1990, 1, 1, tzinfo=UTC)
_MAX_FUTURE_POSTED = dt.timedelta(days=2)
_NUMERIC_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_RFC822_RE = re.compile(r"^[A-Za-z]{3},\s*\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}")
_PREFIX_RE = re.compile(
    r"^\s*(?:posted|published|updated|listed|active|reposted|date\s+posted)\s*:?\s*", re.I
)
_TODAY_RE = re.compile(
    r"^(?:today|just\s+(?:now|posted)|heute|now|new|aujourd'hui|moments?\s+ago|few\s+(?:seconds|minutes)\s+ago)$",
    re.I,
)
_YESTERDAY_RE = re.compile(r"^(?:yesterday|gestern|hier)$", re.I)
_AGO_RE = re.compile(
    r"^(?:(?P<n>\d+)\+?|(?P<word>an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few))\s*"
    r"(?P<unit>s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)"
    r"\s+ago$",
    re.I,
)
_VOR_RE = re.compile(
    r"^vor\s+(?P<n>\d+|einem|einer)\s+(?P<unit>minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?)$",
    re.I,
)
_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
    "einem": 1,
    "einer": 1,
}
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 604800,
    "mo": 2_592_000,
    "y": 31_536_000,
}


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.startswith(("mo", "monat")):
        return "mo"
    if u.startswith(("min", "minute")) or u == "m":
        return "m"
    if u.startswith(("s", "sec")):
        return "s"
    if u.startswith(("h", "stunde")):
        return "h"
    if u.startswith(("d", "tag")):
        return "d"
    if u.startswith(("w", "woche")):
        return "w"
    return "y"


def _as_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _from_epoch(number: float) -> dt.datetime | None:
    if number > 1e11:  # milliseconds
        number /= 1000.0
    try:
        return dt.datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _relative(text: str, now: dt.datetime) -> dt.datetime | None:
    key = text.strip().lower().rstrip(".")
    if _TODAY_RE.match(key):
        return now
    if _YESTERDAY_RE.match(key):
        return now - dt.timedelta(days=1)
    match = _AGO_RE.match(key) or _VOR_RE.match(key)
    if match:
        n = match.group("n")
        count = (
            int(n)
            if n and n.isdigit()
            else _WORDS.get((n or match.groupdict().get("word") or "").lower(), 1)
        )
        return now - dt.timedelta(seconds=count * _UNIT_SECONDS[_unit_key(match.group("unit"))])
    return None


def _parse_string(text: str, now: dt.datetime) -> dt.datetime | None:
    s = text.strip()
    if not s:
        return None
    if _NUMERIC_RE.match(s):
        return _from_epoch(float(s))
    stripped = _PREFIX_RE.sub("", s)
    relative = _relative(stripped, now)
    if relative is not None:
        return relative
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        pass
    if _RFC822_RE.match(s):
        try:
            return email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            pass
    try:
        return dateutil_parser.parse(stripped)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(
    value: dt.datetime | dt.date | str | int | float | None,
    *,
    now: dt.datetime | None = None,
    allow_future: bool = False,
) -> dt.datetime | None:
    """Parse a source date into an aware UTC datetime, or ``None`` when it is not a date.

    Accepts datetimes/dates, ISO 8601, RFC 822 ("Wed, 02 Oct 2002 13:00:00 GMT"), epoch seconds
    or milliseconds (int, float or numeric string), and relative phrases ("Posted Today",
    "Posted Yesterday", "3 days ago", "Posted 30+ Days Ago" -> at least 30 days, so now-30d)
    measured from ``now`` (default: the current time). Dates before 1990 are rejected.
    """
    if value is None or isinstance(value, bool):
        return None
    current = _as_utc(now) if now else dt.datetime.now(UTC)
    result: dt.datetime | None
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float):
        result = _from_epoch(float(value))
    elif isinstance(value, str):
        result = _parse_string(value, current)
    else:
        return None
    if result is None:
        return None
    result = _as_utc(result)
    if result < _MIN_DATE:
        return None
    if not allow_future and result > current + _MAX_FUTURE_POSTED:
        return None
    return result
