"""Location strings -> structured locations, remote type and remote regions.

Inputs are the raw strings a board lists ("San Francisco, CA", "Remote - US", "Hybrid -
Amsterdam", "Berlin; Munich"). Principles:

* Never invent a country for an unknown city. A small table of big, unambiguous cities
  (``data/locations.json``) is used only when a string carries no region/country and the source
  gave no country hint.
* "City, XX" with a two-letter code is read as a US state first (that is how US boards write
  locations), unless the city table or a hint says the code is the city's country
  ("Berlin, DE"). Canadian/Australian codes that are also country codes (NL, SA, PE, SK) read
  as the country unless a hint or the city says otherwise.
* For US, Canadian and Australian places ``Location.region`` is the state/province code
  ("CA", "ON", "VIC"); elsewhere it is the region as written ("Île-de-France").
* ``remote_type`` is "onsite" only when a source hint or the text says so; a bare city is
  "unknown". Remote restrictions become ``remote_regions``: ISO country codes or region names
  ("EU", "Europe", "EMEA", "APAC", "LATAM", "Americas", "North America", "Worldwide", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from jobs.types import Location

from .geo import (
    _CITIES,
    _CODE_ALIASES,
    _COUNTRY_BY_NAME,
    _GROUPS,
    _ISO_CODES,
    _REGION_CODE_COUNTRIES,
    _REGION_NAME_COUNTRIES,
    _REGIONS,
    _TIMEZONES,
    COUNTRY_CURRENCY,
    COUNTRY_NAMES,
    _country_name_only,
    _norm,
    country_code,
)
from .workplace import (
    _HYBRID_RE,
    _ONSITE_RE,
    _REMOTE_RE,
    _WORLDWIDE_RE,
    detect_remote_in_text,
    normalise_remote_hint,
)

__all__ = [
    "COUNTRY_CURRENCY",
    "COUNTRY_NAMES",
    "country_code",
    "detect_remote_in_text",
    "normalise_remote_hint",
    "parse_locations",
]

_OFFSET_RE = re.compile(
    r"\b(?:UTC|GMT)\s*(?:[+\-±\u2212]\s*\d{1,2}(?::?\d{2})?)?(?:\s*(?:to|-|\u2013)\s*(?:UTC|GMT)?\s*[+\-±\u2212]\s*\d{1,2}(?::?\d{2})?)?",
    re.I,
)
_POSTCODE_RE = re.compile(
    r"\b\d{4,6}(?:-\d{3,4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"
)
_FILLER_RE = re.compile(
    r"\b(?:only|based|within|in|from|the|residents?|citizens?|candidates?|must|be|located|location|"
    r"locations|all|any|country|countries|region|regions|time\s*zones?|timezones?|hours?|overlap|"
    r"work|working|position|role|job|opportunity|friendly|ok|preferred|required|eligible|"
    r"of|or|and|across|plus|minus|\d+)\b|\+/-",
    re.I,
)
_JUNK_RE = re.compile(
    r"^(?:multiple|various|several|many|numerous|different|flexible|tbd|tba|n/?a|none|not\s+specified|"
    r"unspecified|other|see\s+(?:description|below|job\s+description)|location|locations)"
    r"(?:\s+(?:locations?|cities|offices|sites))?$",
    re.I,
)
# "or"/"and" only in lower case: "Portland, OR" is Oregon, not a separator.
_TOP_SEPARATORS_RE = re.compile(r"\s*(?:;|\||\n|•|·|\s/\s)\s*|\s+(?:or|oder|ou)\s+")
_LIST_SEPARATORS_RE = re.compile(r"\s*(?:,|/|&|\+)\s*|\s+(?:and|und|et|or|oder|ou)\s+")
_DASHES_RE = re.compile(r"\s*[-\u2013\u2014:]+\s*")
_BRACKETS_RE = re.compile(r"[()\[\]{}]")
_WS_RE = re.compile(r"\s+")
_GREATER_RE = re.compile(r"^(?:greater|metro(?:politan)?)\s+", re.I)
_AREA_RE = re.compile(r"\s+(?:metropolitan|metro)?\s*(?:area|region)$", re.I)
_STRIP = " \t-\u2013\u2014:,;/|()[]."


def _clean_piece(value: str) -> str:
    s = _WS_RE.sub(" ", value).strip(_STRIP)
    return s


def _split_top(value: str) -> list[str]:
    """Split on ';', '|', ' or ', ' / ', newlines, but never inside parentheses."""
    pieces: list[str] = []
    depth = 0
    start = 0
    masked = []
    for ch in value:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        masked.append(ch if depth == 0 else "\x00")
    masked_str = "".join(masked)
    for match in _TOP_SEPARATORS_RE.finditer(masked_str):
        if "\x00" in match.group(0):
            continue
        pieces.append(value[start : match.start()])
        start = match.end()
    pieces.append(value[start:])
    return [p for p in (_clean_piece(x) for x in pieces) if p]


def _region_lookup(country: str, part: str) -> str | None:
    table = _REGIONS.get(country)
    if not table:
        return None
    return table.get(_norm(part))


def _resolve_region_code(
    code: str, city: str | None, explicit_country: str | None
) -> tuple[str, str] | None:
    """(country, region) for a short code after a city, or None when it is a country code."""
    candidates = _REGION_CODE_COUNTRIES.get(code.upper(), [])
    if not candidates:
        return None
    if explicit_country:
        return (explicit_country, code.upper()) if explicit_country in candidates else None
    iso = code.upper() if code.upper() in _ISO_CODES else None
    city_entry = _CITIES.get(_norm(city)) if city else None
    if city_entry:
        if iso and city_entry[2] == iso and city_entry[1] != code.upper():
            return None
        if city_entry[2] in candidates:
            return city_entry[2], code.upper()
    if "US" in candidates:
        return "US", code.upper()
    if iso:
        return None
    return candidates[0], code.upper()


def _split_trailing_state(part: str) -> list[str]:
    """'Camberwell VIC' -> ['Camberwell', 'VIC']; 'San Francisco CA' -> ['San Francisco', 'CA']."""
    words = part.split(" ")
    if len(words) >= 2:
        last = words[-1].strip(".,")
        if last.isupper() and last in _REGION_CODE_COUNTRIES:
            return [" ".join(words[:-1]).strip(" ,"), last]
    return [part]


def _place(text: str, country_hint: str | None) -> Location | None:
    """Parse one non-remote place string ("City, Region, Country")."""
    text = _clean_piece(_POSTCODE_RE.sub(" ", text))
    if not text or _JUNK_RE.match(text):
        return None
    parts = [p for p in (_clean_piece(x) for x in text.split(",")) if p]
    if not parts:
        return None
    if len(parts) == 1:
        parts = _split_trailing_state(parts[0])
    if len(parts) == 1:
        return _single_place(parts[0], country_hint)

    country: str | None = None
    region: str | None = None
    last = parts[-1]
    city_entry = _CITIES.get(_norm(parts[0]))
    # 1. explicit country as the last part (full name/alias, or an unambiguous code)
    name_country = _country_name_only(last)
    state_name_countries = _REGION_NAME_COUNTRIES.get(_norm(last), [])
    if (
        name_country
        and state_name_countries
        and not (city_entry and city_entry[2] == name_country)
        and country_hint != name_country
    ):
        # "Atlanta, Georgia": a state name that is also a country name reads as the state.
        name_country = None
    if name_country:
        country = name_country
        parts = parts[:-1]
    elif last.replace(".", "").upper() in _CODE_ALIASES:
        country = _CODE_ALIASES[last.replace(".", "").upper()]
        parts = parts[:-1]
    else:
        code = last.replace(".", "")
        if len(code) <= 3 and code.isalpha() and code.isupper():
            resolved = _resolve_region_code(code, parts[0], None)
            if resolved is None and code in _ISO_CODES:
                country = code
                parts = parts[:-1]
            elif resolved is not None:
                country, region = resolved
                parts = parts[:-1]
        if country is None and region is None and len(parts) >= 2:
            # full state/province name without country ("Austin, Texas")
            owners = _REGION_NAME_COUNTRIES.get(_norm(last), [])
            if owners:
                owner = country_hint if country_hint in owners else owners[0]
                region = _REGIONS[owner][_norm(last)]
                country = owner
                parts = parts[:-1]
    if not parts:
        return Location(city=None, region=region, country=country)
    city = parts[0]
    if region is None and len(parts) >= 2:
        candidate = parts[-1]
        if country and country in _REGIONS:
            code = _region_lookup(country, candidate)
            region = code or candidate
        elif country is None:
            code_match = (
                _resolve_region_code(candidate.replace(".", ""), city, None)
                if candidate.isupper()
                else None
            )
            if code_match:
                country, region = code_match
            else:
                owners = _REGION_NAME_COUNTRIES.get(_norm(candidate), [])
                if owners:
                    owner = country_hint if country_hint in owners else owners[0]
                    country, region = owner, _REGIONS[owner][_norm(candidate)]
                else:
                    region = candidate
        else:
            region = candidate
    if country is None:
        if country_hint and (region is None or _region_lookup(country_hint, region)):
            country = country_hint
        elif city_entry and (region is None or region == city_entry[1]):
            country = city_entry[2]
            region = region or city_entry[1]
    city = _AREA_RE.sub("", _GREATER_RE.sub("", city)) or city
    return Location(city=city, region=region, country=country)


def _single_place(part: str, country_hint: str | None) -> Location | None:
    key = _norm(part)
    if not key:
        return None
    name_country = _country_name_only(part)
    state_owners = _REGION_NAME_COUNTRIES.get(key, [])
    if name_country and not (state_owners and country_hint != name_country):
        return Location(country=name_country)
    stripped = part.replace(".", "")
    if stripped.upper() in _CODE_ALIASES:
        return Location(country=_CODE_ALIASES[stripped.upper()])
    if len(stripped) == 2 and stripped.isupper() and stripped in _ISO_CODES:
        if (
            country_hint
            and stripped in _REGION_CODE_COUNTRIES
            and country_hint in _REGION_CODE_COUNTRIES[stripped]
        ):
            return Location(region=stripped, country=country_hint)
        return Location(country=stripped)
    if stripped.isupper() and stripped in _REGION_CODE_COUNTRIES:
        owners = _REGION_CODE_COUNTRIES[stripped]
        owner = country_hint if country_hint in owners else owners[0]
        return Location(region=stripped, country=owner)
    city_entry = _CITIES.get(key)
    if state_owners and not (city_entry and not country_hint):
        owner = country_hint if country_hint in state_owners else state_owners[0]
        return Location(region=_REGIONS[owner][key], country=owner)
    if city_entry is None:
        city_entry = _CITIES.get(_norm(_AREA_RE.sub("", _GREATER_RE.sub("", part))))
    if country_hint:
        region = city_entry[1] if city_entry and city_entry[2] == country_hint else None
        return Location(
            city=city_entry[0] if city_entry and region else _tidy_city(part),
            region=region,
            country=country_hint,
        )
    if city_entry:
        return Location(city=city_entry[0], region=city_entry[1], country=city_entry[2])
    return Location(city=_tidy_city(part))


def _tidy_city(part: str) -> str:
    return _AREA_RE.sub("", _GREATER_RE.sub("", part)) or part


def _region_token(token: str) -> tuple[list[str], Location | None] | None:
    """Resolve one token of a remote restriction ("US", "EU", "Canada", "US time zones")."""
    raw = _clean_piece(token)
    if not raw:
        return [], None
    key = _norm(raw)
    if key in _GROUPS:
        return [_GROUPS[key]], None
    if key in _TIMEZONES:
        return [_TIMEZONES[key]], None
    reduced = _clean_piece(_WS_RE.sub(" ", _FILLER_RE.sub(" ", raw)))
    if not reduced:
        return [], None
    rkey = _norm(reduced)
    for candidate, ckey in ((raw, key), (reduced, rkey)):
        if ckey in _GROUPS:
            return [_GROUPS[ckey]], None
        if ckey in _TIMEZONES:
            return [_TIMEZONES[ckey]], None
        stripped = candidate.replace(".", "").strip()
        if stripped.upper() in _CODE_ALIASES:
            return [_CODE_ALIASES[stripped.upper()]], None
        if len(stripped) == 2 and stripped.isupper() and stripped in _ISO_CODES:
            return [stripped], None
        country = _COUNTRY_BY_NAME.get(ckey)
        if country and ckey not in _REGION_NAME_COUNTRIES:
            return [country], None
        if stripped.isupper() and stripped in _REGION_CODE_COUNTRIES:
            owner = _REGION_CODE_COUNTRIES[stripped][0]
            return [owner], Location(region=stripped, country=owner)
        owners = _REGION_NAME_COUNTRIES.get(ckey)
        if owners:
            return [owners[0]], Location(region=_REGIONS[owners[0]][ckey], country=owners[0])
        if country:
            return [country], None
    return None


def _remote_remainder(remainder: str, country_hint: str | None) -> tuple[list[str], list[Location]]:
    regions: list[str] = []
    locations: list[Location] = []
    for piece in _split_top(_BRACKETS_RE.sub(" ", remainder)):
        piece = _clean_piece(_DASHES_RE.sub(", ", piece))
        if not piece:
            continue
        tokens = [t for t in _LIST_SEPARATORS_RE.split(piece) if t and t.strip(_STRIP)]
        resolved = [_region_token(t) for t in tokens]
        if tokens and all(r is not None for r in resolved):
            for found_regions, loc in resolved:  # type: ignore[misc]
                regions.extend(found_regions)
                if loc is not None:
                    locations.append(loc)
            continue
        place = _place(piece, country_hint)
        if place is not None:
            locations.append(place)
    return regions, locations


def _dedupe(items: Iterable) -> list:
    seen = set()
    out = []
    for item in items:
        key = item.as_dict().values() if isinstance(item, Location) else item
        key = tuple(key) if isinstance(item, Location) else key
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# Location strings repeat across a board ("Remote - US", "Berlin, Germany"): the parse of the
# strings themselves is pure and cached; only the description fallback depends on the posting.
@lru_cache(maxsize=4096)
def _parse_strings(
    texts: tuple[str, ...], hint_country: str | None
) -> tuple[
    tuple[tuple[str | None, str | None, str | None], ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[bool, bool, bool],
]:
    """(places, regions, soft regions, (saw remote, saw hybrid, saw onsite)) for the strings."""
    locations: list[Location] = []
    regions: list[str] = []
    soft_regions: list[str] = []  # from non-remote strings; kept only if the posting is remote
    saw_remote = saw_hybrid = saw_onsite = False

    for raw in texts:
        text = _WS_RE.sub(" ", raw).strip()
        is_hybrid = bool(_HYBRID_RE.search(text))
        is_remote = bool(_REMOTE_RE.search(text) or _WORLDWIDE_RE.search(text))
        is_onsite = bool(_ONSITE_RE.search(text))
        saw_hybrid |= is_hybrid
        saw_onsite |= is_onsite
        if is_remote and not is_hybrid:
            saw_remote = True
            remainder = _REMOTE_RE.sub(" ", text)
            remainder = _OFFSET_RE.sub(" ", remainder)
            found_regions, found_locations = _remote_remainder(remainder, hint_country)
            regions.extend(found_regions)
            locations.extend(found_locations)
            continue
        remainder = _HYBRID_RE.sub(" ", text)
        remainder = _ONSITE_RE.sub(" ", remainder)
        remainder = _REMOTE_RE.sub(" ", remainder)
        for piece in _split_top(_BRACKETS_RE.sub(" ", remainder)):
            piece = _clean_piece(piece)
            if not piece:
                continue
            group = _GROUPS.get(_norm(piece))
            if group:
                soft_regions.append(group)
                continue
            zone = _TIMEZONES.get(_norm(piece))
            if zone:
                # "US time zones" as a location only makes sense for a remote role.
                saw_remote = True
                regions.append(zone)
                continue
            commas = [p.strip() for p in piece.split(",") if p.strip()]
            if len(commas) >= 2 and all(_country_name_only(p) for p in commas):
                for p in commas:
                    locations.append(Location(country=_country_name_only(p)))
                continue
            place = _place(piece, hint_country)
            if place is not None:
                locations.append(place)
    places = tuple((loc.city, loc.region, loc.country) for loc in locations)
    return places, tuple(regions), tuple(soft_regions), (saw_remote, saw_hybrid, saw_onsite)


def parse_locations(
    strings: Iterable[str] | str | None,
    remote_hint: str | None = None,
    country_hint: str | None = None,
    description_text: str | None = None,
) -> tuple[list[Location], str, list[str]]:
    """Parse raw location strings into ``(locations, remote_type, remote_regions)``.

    ``remote_hint`` is the source's structured workplace value and wins over the strings;
    ``description_text`` is consulted only when neither says anything. ``remote_regions`` is
    empty unless the posting is remote.
    """
    if isinstance(strings, str):
        strings = [strings]
    hint_country = country_code(country_hint) if country_hint else None
    texts = tuple(str(raw) for raw in strings or () if raw and str(raw).strip())
    places, found, soft_regions, flags = _parse_strings(texts, hint_country)
    saw_remote, saw_hybrid, saw_onsite = flags
    # Fresh objects on every call: ``Location`` is mutable and the cached parse is shared.
    locations = [Location(city, region, country) for city, region, country in places]
    regions = list(found)

    hint_type = normalise_remote_hint(remote_hint)
    if hint_type:
        remote_type = hint_type
    elif saw_hybrid:
        remote_type = "hybrid"
    elif saw_remote:
        remote_type = "remote"
    elif saw_onsite:
        remote_type = "onsite"
    else:
        remote_type = detect_remote_in_text(description_text) or "unknown"

    if remote_type == "remote":
        regions.extend(soft_regions)
        if not regions:
            regions.extend(
                loc.country for loc in locations if loc.country and not loc.city and not loc.region
            )
    else:
        regions = []
    return _dedupe(locations), remote_type, _dedupe(regions)
