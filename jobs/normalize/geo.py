"""Country, region and city tables behind location parsing (loaded once from ``data/``)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .companies import to_ascii

__all__ = ["COUNTRY_CURRENCY", "COUNTRY_NAMES", "country_code"]

_DATA_DIR = Path(__file__).parent / "data"
_COUNTRIES = json.loads((_DATA_DIR / "countries.json").read_text("utf-8"))["countries"]
_LOC = json.loads((_DATA_DIR / "locations.json").read_text("utf-8"))

_NORM_DROP_RE = re.compile(r"[.\u2019']")
_NORM_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=8192)
def _norm(value: str) -> str:
    """Comparison form: ASCII, casefolded, dots dropped ("U.S.A." -> "usa"), '&' -> 'and'."""
    s = to_ascii(value).casefold().replace("&", " and ")
    s = _NORM_DROP_RE.sub("", s)
    s = _NORM_NON_ALNUM_RE.sub(" ", s).strip()
    return s.removeprefix("the ")


COUNTRY_NAMES: dict[str, str] = {row["code"]: row["name"] for row in _COUNTRIES}
COUNTRY_CURRENCY: dict[str, str] = {
    row["code"]: row["currency"] for row in _COUNTRIES if row["currency"]
}
_ISO_CODES = frozenset(COUNTRY_NAMES)
_COUNTRY_BY_NAME: dict[str, str] = {}
for _row in _COUNTRIES:
    for _name in (_row["name"], *_row["aliases"]):
        _COUNTRY_BY_NAME.setdefault(_norm(_name), _row["code"])
_CODE_ALIASES = {"UK": "GB", "USA": "US", "UAE": "AE", "GBR": "GB", "KSA": "SA", "RSA": "ZA"}

# region code lookup per country: norm(code or name or alias) -> code
_REGIONS: dict[str, dict[str, str]] = {}
_REGION_NAMES: dict[str, dict[str, str]] = {}
for _country, _table in _LOC["regions"].items():
    lookup = {}
    for _code, _name in _table.items():
        lookup[_norm(_code)] = _code
        lookup[_norm(_name)] = _code
    for _alias, _code in _LOC["region_aliases"].get(_country, {}).items():
        lookup[_norm(_alias)] = _code
    _REGIONS[_country] = lookup
    _REGION_NAMES[_country] = dict(_table)
_REGION_CODE_COUNTRIES: dict[str, list[str]] = {}
for _country, _table in _LOC["regions"].items():
    for _code in _table:
        _REGION_CODE_COUNTRIES.setdefault(_code, []).append(_country)
_REGION_NAME_COUNTRIES: dict[str, list[str]] = {}
for _country, _lookup in _REGIONS.items():
    for _key, _code in _lookup.items():
        if len(_key) > 3:
            _REGION_NAME_COUNTRIES.setdefault(_key, []).append(_country)

_GROUPS: dict[str, str] = {}
_GROUP_COUNTRIES: dict[str, list[str]] = {}
for _group, _spec in _LOC["region_groups"].items():
    _GROUP_COUNTRIES[_group] = _spec["countries"]
    for _alias in (_group, *_spec["aliases"]):
        _GROUPS[_norm(_alias)] = _group
_TIMEZONES: dict[str, str] = {}
for _code, _aliases in _LOC["timezone_regions"].items():
    for _alias in _aliases:
        _TIMEZONES[_norm(_alias)] = _code
_CITIES: dict[str, tuple[str, str | None, str]] = {
    _norm(name): tuple(value) for name, value in _LOC["cities"].items()
}


def country_code(value: str | None, *, allow_codes: bool = True) -> str | None:
    """ISO alpha-2 code for a country name, alias or code ("Deutschland" -> "DE"), else None."""
    if not value:
        return None
    stripped = value.strip().strip(".")
    if allow_codes:
        upper = stripped.replace(".", "").upper()
        if upper in _CODE_ALIASES:
            return _CODE_ALIASES[upper]
        if len(upper) == 2 and upper in _ISO_CODES and stripped.replace(".", "").isupper():
            return upper
    return _COUNTRY_BY_NAME.get(_norm(stripped))


def _country_name_only(value: str) -> str | None:
    """Country from a full name/alias (not a bare 2-letter code)."""
    key = _norm(value)
    if len(key) <= 2 and key not in ("uk",):
        return None
    return _COUNTRY_BY_NAME.get(key)
