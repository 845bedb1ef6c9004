"""Location strings -> (locations, remote_type, remote_regions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.normalize.locations import country_code, normalise_remote_hint, parse_locations


def L(city=None, region=None, country=None):
    return {"city": city, "region": region, "country": country}


PHRASES = [
    ("San Francisco, CA", [L("San Francisco", "CA", "US")], "unknown", []),
    ("New York, NY, USA", [L("New York", "NY", "US")], "unknown", []),
    ("London, UK", [L("London", None, "GB")], "unknown", []),
    ("Berlin, Germany", [L("Berlin", None, "DE")], "unknown", []),
    ("Remote", [], "remote", []),
    ("Remote - US", [], "remote", ["US"]),
    ("Remote (EU only)", [], "remote", ["EU"]),
    ("Remote – EU only", [], "remote", ["EU"]),
    ("US time zones", [], "remote", ["US"]),
    ("Anywhere", [], "remote", ["Worldwide"]),
    ("Worldwide", [], "remote", ["Worldwide"]),
    ("Hybrid - Amsterdam", [L("Amsterdam", None, "NL")], "hybrid", []),
    ("Toronto, ON, Canada", [L("Toronto", "ON", "CA")], "unknown", []),
    ("Camberwell VIC 3124", [L("Camberwell", "VIC", "AU")], "unknown", []),
    ("Sydney NSW 2000", [L("Sydney", "NSW", "AU")], "unknown", []),
    ("Paris, Île-de-France, France", [L("Paris", "Île-de-France", "FR")], "unknown", []),
    ("Bengaluru, Karnataka, India", [L("Bengaluru", "Karnataka", "IN")], "unknown", []),
    ("Berlin; Munich", [L("Berlin", None, "DE"), L("Munich", None, "DE")], "unknown", []),
    (
        "New York, NY | San Francisco, CA",
        [L("New York", "NY", "US"), L("San Francisco", "CA", "US")],
        "unknown",
        [],
    ),
    ("London or Remote", [L("London", None, "GB")], "remote", []),
    ("Berlin, DE", [L("Berlin", None, "DE")], "unknown", []),
    ("Wilmington, DE", [L("Wilmington", "DE", "US")], "unknown", []),
    ("London, ON", [L("London", "ON", "CA")], "unknown", []),
    ("London", [L("London", None, "GB")], "unknown", []),
    ("Dublin", [L("Dublin", None, None)], "unknown", []),
    ("Atlanta, Georgia", [L("Atlanta", "GA", "US")], "unknown", []),
    ("Tbilisi, Georgia", [L("Tbilisi", None, "GE")], "unknown", []),
    ("Austin, Texas", [L("Austin", "TX", "US")], "unknown", []),
    ("Portland, OR", [L("Portland", "OR", "US")], "unknown", []),
    ("Remote, US or Canada", [], "remote", ["US", "CA"]),
    ("Remote (US or Canada)", [], "remote", ["US", "CA"]),
    ("Remote (Berlin, Germany)", [L("Berlin", None, "DE")], "remote", []),
    ("United States (Remote)", [], "remote", ["US"]),
    ("Remote in Canada", [], "remote", ["CA"]),
    ("Remote, EMEA", [], "remote", ["EMEA"]),
    ("Remote - Americas", [], "remote", ["Americas"]),
    ("Remote (US time zones)", [], "remote", ["US"]),
    ("Remote — North America", [], "remote", ["North America"]),
    ("Remote (UTC-5 to UTC+1)", [], "remote", []),
    ("Remote - NY", [L(None, "NY", "US")], "remote", ["US"]),
    (
        "Germany, France, Spain",
        [L(country="DE"), L(country="FR"), L(country="ES")],
        "unknown",
        [],
    ),
    ("Adelaide, SA", [L("Adelaide", "SA", "AU")], "unknown", []),
    ("Riyadh, SA", [L("Riyadh", None, "SA")], "unknown", []),
    ("Amsterdam, NL", [L("Amsterdam", None, "NL")], "unknown", []),
    ("Multiple Locations", [], "unknown", []),
    ("Greater London Area", [L("London", None, "GB")], "unknown", []),
    ("California", [L(None, "CA", "US")], "unknown", []),
    ("Deutschland", [L(country="DE")], "unknown", []),
    ("U.S.", [L(country="US")], "unknown", []),
    ("Washington, DC", [L("Washington", "DC", "US")], "unknown", []),
    ("On-site - Seattle, WA", [L("Seattle", "WA", "US")], "onsite", []),
    ("10115 Berlin", [L("Berlin", None, "DE")], "unknown", []),
    ("Vancouver, BC", [L("Vancouver", "BC", "CA")], "unknown", []),
    ("Munich, Bavaria, Germany", [L("Munich", "Bavaria", "DE")], "unknown", []),
]


@pytest.mark.parametrize(("text", "locations", "remote_type", "regions"), PHRASES)
def test_location_phrases(text, locations, remote_type, regions):
    found, found_type, found_regions = parse_locations([text])
    assert [loc.as_dict() for loc in found] == locations
    assert found_type == remote_type
    assert found_regions == regions


def test_unknown_city_never_gets_a_country():
    (loc,), _, _ = parse_locations(["Smallville"])
    assert loc.country is None
    assert loc.city == "Smallville"


def test_country_hint_beats_city_table():
    (loc,), _, _ = parse_locations(["London"], country_hint="CA")
    assert loc.as_dict() == L("London", None, "CA")
    (loc,), _, _ = parse_locations(["Smallville"], country_hint="Deutschland")
    assert loc.country == "DE"


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("ON_SITE", "onsite"),
        ("onsite", "onsite"),
        ("Hybrid", "hybrid"),
        ("TELECOMMUTE", "remote"),
        ("remote", "remote"),
        ("unspecified", None),
        (None, None),
    ],
)
def test_remote_hint(hint, expected):
    assert normalise_remote_hint(hint) == expected


def test_hint_wins_and_plain_city_stays_unknown():
    assert parse_locations(["New York"], remote_hint="ON_SITE")[1] == "onsite"
    assert parse_locations(["New York"])[1] == "unknown"
    assert parse_locations(["United States"], remote_hint="remote")[2] == ["US"]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("This is a hybrid role with 2 days a week in the office.", "hybrid"),
        ("This position is fully remote.", "remote"),
        ("This role is not a remote position.", "onsite"),
        ("This is an on-site role in our Munich lab.", "onsite"),
        ("We build developer tools.", "unknown"),
    ],
)
def test_remote_type_from_description(description, expected):
    assert parse_locations(["Berlin"], description_text=description)[1] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("England", "GB"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("Deutschland", "DE"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("the Netherlands", "NL"),
        ("Atlantis", None),
    ],
)
def test_country_aliases(value, expected):
    assert country_code(value) == expected


def test_country_table_is_complete():
    data = json.loads(
        (Path(__file__).parents[2] / "normalize" / "data" / "countries.json").read_text("utf-8")
    )
    codes = [row["code"] for row in data["countries"]]
    assert len(codes) == len(set(codes)) == 249
    assert all(len(c) == 2 and c.isupper() for c in codes)
