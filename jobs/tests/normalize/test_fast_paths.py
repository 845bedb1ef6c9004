"""The fast paths in ``jobs.normalize`` give exactly what the plain regex versions give.

Each fast path is compared with a straightforward reference (usually the regex it replaces) on
hand-picked edge cases and on seeded random text mixing the characters that matter: casing
oddities (İ, ı, ſ, the Kelvin sign), non-ASCII punctuation glued to words, entities, stray
whitespace kinds and skill/salary/visa phrases. The Unicode facts the fast paths rely on are
checked for every code point.
"""

from __future__ import annotations

import html
import random
import re
import sys

import pytest

from jobs.normalize import (
    _tidy_normalized_text,
    content_hash,
    employment,
    normalize_text,
    parse_locations,
    skills,
    text,
    visa,
    workplace,
)
from jobs.normalize import salary as salary_mod

PIECES = [
    "Python",
    "python",
    "PYTHON",
    "Go",
    "go-to",
    "golang",
    "C++",
    "c#",
    ".NET",
    ".net core",
    "Node.js",
    "node.JS",
    "React Native",
    "react",
    "Express",
    "American Express",
    "Spark",
    "Spark joy",
    "dbt",
    "DBT",
    "SAS",
    "R",
    "R&D",
    "ci/cd",
    "machine learning",
    "machine-learning",
    "machine\n\nlearning",
    "k8s",
    "Kubernetes",
    "Swift",
    "iOS",
    "İstanbul",
    "ıos",
    "javaſcript",
    "\u212aotlin",
    "é",
    "–",
    "•",
    "’",
    "\u00a0",
    "\u2028",
    "\u200b",
    "\u00ad",
    "\r\n",
    "\r",
    "\t",
    "\n",
    "\n\n\n",
    "  ",
    " ",
    ",",
    ".",
    "(",
    ")",
    "/",
    "@",
    "+",
    "#",
    "日本",
    "😀",
    "&amp;",
    "&nbsp;",
    "&#13;",
    "&#10;",
    "$120,000 - $150,000 per year",
    "€60.000 – €75.000",
    "80-100k EUR",
    "£45,000 pa",
    "12 LPA",
    "CHF 120'000",
    "salary:",
    "٣٠٠٠",
    "We sponsor visas.",
    "Unfortunately we are unable to sponsor visas.",
    "You must be authorized to work in the US.",
    "Relocation package available.",
    "able to work",
    "h-1b",
    " • ",
    " · ",
]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 30)))
        for _ in range(count)
    ]


TEXTS = _random_texts(1, 1500)


# --- Unicode facts the lower-cased-copy fast paths rely on -----------------------------------
ALL_CHARS = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)


def test_case_insensitive_ascii_match_is_folded_lower_case_equality():
    folds = dict(skills._CASE_FOLD_EXTRA)
    matching = set(re.findall(r"[a-z0-9_]", ALL_CHARS, re.I))
    for ch in matching:
        lowered = ch.lower()
        if len(lowered) != 1:
            continue  # "İ": such texts take the slow path
        folded = folds.get(lowered, lowered)
        assert re.fullmatch(re.escape(folded), ch, re.I), ch
    for ch in ALL_CHARS:
        lowered = ch.lower()
        if (
            len(lowered) == 1
            and folds.get(lowered, lowered) in "abcdefghijklmnopqrstuvwxyz0123456789_"
        ):
            assert ch in matching, ch


def test_lower_casing_keeps_word_characters_whitespace_and_alias_punctuation():
    word = re.compile(r"\w")
    for ch in ALL_CHARS:
        lowered = ch.lower()
        if len(lowered) != 1:
            continue
        assert bool(word.match(ch)) == bool(word.match(lowered)), ch
        assert ch.isspace() == lowered.isspace(), ch
        assert ch.isdecimal() == lowered.isdecimal(), ch
        if lowered in " -+#.@/&%;,:\n":
            assert ch == lowered, ch


def test_regex_whitespace_is_str_isspace():
    assert re.findall(r"\s", ALL_CHARS) == [ch for ch in ALL_CHARS if ch.isspace()]


# --- text ----------------------------------------------------------------------------------
def _reference_normalize_text(value: str) -> str:
    s = value.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    s = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", s)
    s = re.sub(r"[^\S\n]+", " ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", s).strip()


def _reference_tags_to_markers(s: str) -> str:
    s = text._LI_RE.sub(text._LINE + text._BULLET, s)
    s = text._BLOCK_OPEN_CLOSE_RE.sub(text._PARA, s)
    s = text._LINE_BREAK_RE.sub(text._LINE, s)
    s = text._CELL_RE.sub(" ", s)
    return text._ANY_TAG_RE.sub("", s)


HTML_PIECES = [
    "<p>",
    "</p>",
    "<li>",
    "<LI class=x>",
    "<link>",
    "<br/>",
    "<br\n/>",
    "</td >",
    "</td x>",
    "<tr>",
    "<h2>",
    '<a href="https://x.example" title="a<b">',
    '<a title="x>y">',
    "</a>",
    "<",
    ">",
    "text",
    " ",
    "\n",
]


@pytest.mark.parametrize("seed", range(3))
def test_collapse_ws_and_tag_markers_match_the_regex_passes(seed):
    rng = random.Random(seed)
    for value in [*TEXTS[:300], "", " ", "\n", " a ", "a\u2028b"]:
        assert text._collapse_ws(value) == re.sub(r"\s+", " ", value)
        mixed = "".join(rng.choice([*HTML_PIECES, value]) for _ in range(rng.randint(0, 12)))
        assert text._tags_to_markers(mixed) == _reference_tags_to_markers(mixed)


def test_normalize_text_matches_reference():
    for value in TEXTS:
        assert normalize_text(value) == _reference_normalize_text(value)
        unescaped = html.unescape(value)
        assert normalize_text(unescaped) == _reference_normalize_text(unescaped)


def test_tidy_normalized_text_is_whitespace_collapse_of_normalize_text_output():
    for value in TEXTS:
        normalized = normalize_text(value)
        assert _tidy_normalized_text(normalized) == " ".join(normalized.split())


def test_content_hash_ignores_whitespace_and_key_order():
    assert content_hash({"a": " x\n y ", "b": [1.0, 2.5]}) == content_hash(
        {"b": [1, 2.5], "a": "x y"}
    )


# --- skills ----------------------------------------------------------------------------------
def _skill_spans(value: str) -> list[tuple[int, int]]:
    return [m.span() for m in skills._skill_matches(value, skills._words(value))]


def test_skill_matches_equal_full_regex_scan():
    cases = [
        *TEXTS,
        "",
        "İ Python",
        "–Python’s Go—Rust•C++/C#",
        "épython pythonß",
        "x.NET .NET (.NET) ASP.NET",
        "Ruby on Rails, React-Native, machine\tlearning",
        "�Python",
    ]
    for value in cases:
        assert _skill_spans(value) == [m.span() for m in skills._SKILL_RE.finditer(value)], value


def test_words_fall_back_when_lower_casing_changes_length():
    assert skills._words("İstanbul") is None
    assert skills._words("Python") is not None


def test_literal_core():
    assert skills._literal_core("node.js") == ("node", 0)
    assert skills._literal_core("c\\+\\+") == ("c++", 0)
    assert skills._literal_core("a.bcd") == ("bcd", 2)
    assert skills._literal_core("memory safety") == ("memory safety", 0)
    assert skills._literal_core("(?:x)") is None
    assert skills._literal_core("\\Sx") is None
    assert skills._literal_core("Upper") is None


def test_has_context_matches_full_scan():
    for value in TEXTS[:500]:
        words = skills._words(value)
        for name, skill in skills.SKILLS.items():
            if skill.context_re is None or name not in ("Go", "Apache Spark", "Rust", "C", "Unity"):
                continue
            for start, end in ((0, 0), (0, min(2, len(value)))):
                expected = any(
                    m.group(0) != value[start:end] for m in skill.context_re.finditer(value)
                )
                assert skills._has_context(skill, value, words, start, end) == expected


# --- salary ----------------------------------------------------------------------------------
ORIGINAL_NUMBER = (
    r"\d{1,3}(?:(?:,|\.|'|\u2019|\s|\u00a0|\u202f)\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?"
)


def test_number_pattern_matches_the_original_alternation():
    original = re.compile(
        salary_mod._AMOUNT_RE.pattern.replace(salary_mod._NUMBER, ORIGINAL_NUMBER)
    )
    for value in [*TEXTS, "1,000,000.50 12'000 1 000 99.9 0.5k ١٢٣"]:
        assert [m.span() for m in salary_mod._AMOUNT_RE.finditer(value)] == [
            m.span() for m in original.finditer(value)
        ]


def test_first_digit():
    for value in [*TEXTS, "", "abc", "x٣", "٣ 1"]:
        match = re.search(r"\d", value)
        assert salary_mod._first_digit(value) == (match.start() if match else -1)


# --- visa ----------------------------------------------------------------------------------
ORIGINAL_SENTENCE_END = re.compile(r"[.!?;\n]\s|\n|\s[•·]\s")


def test_sentence_end_and_keyword_matches_equal_regex_scans():
    for value in TEXTS:
        assert [m.span() for m in visa._SENTENCE_END_RE.finditer(value)] == [
            m.span() for m in ORIGINAL_SENTENCE_END.finditer(value)
        ]
        lowered = value.lower()
        for keyword_re, starts in (
            (visa._VISA_KEYWORDS_RE, visa._VISA_MATCH_STARTS),
            (visa._RELOC_KEYWORDS_RE, visa._RELOC_MATCH_STARTS),
        ):
            assert [m.span() for m in visa._keyword_matches(lowered, keyword_re, starts)] == [
                m.span() for m in keyword_re.finditer(lowered)
            ]


# --- caches ----------------------------------------------------------------------------------
def test_parse_locations_cache_hands_out_fresh_objects():
    first, _, _ = parse_locations(["Berlin, Germany"])
    first[0].city = "changed"
    second, _, _ = parse_locations(["Berlin, Germany"])
    assert second[0].city == "Berlin"


# --- workplace -----------------------------------------------------------------------------
def test_remote_in_text_matches_case_insensitive_patterns():
    phrases = [
        "This role is fully remote",
        "THIS IS A HYBRID ROLE",
        "2 days a week in the office",
        "Fully On-Site",
        "work from anywhere",
        "ſite",
        "İ",
    ]
    rng = random.Random(7)
    for value in TEXTS[:800]:
        value = value + " " + rng.choice(phrases) + " " + rng.choice(phrases)
        lowered = value.lower()
        expected = None
        if any(w in lowered for w in ("remote", "hybrid", "site", "office", "anywhere")):
            for kind, pattern in (
                ("onsite", workplace._TEXT_ONSITE_RE),
                ("hybrid", workplace._TEXT_HYBRID_RE),
                ("remote", workplace._TEXT_REMOTE_RE),
            ):
                if pattern.search(value):
                    expected = kind
                    break
        assert workplace.detect_remote_in_text(value) == expected


def test_employment_statement_matches_case_insensitive_search():
    rng = random.Random(8)
    phrases = ["Employment Type: Contract", "THIS IS A PART-TIME ROLE", "job type : Full-time", "ſ"]
    for value in TEXTS[:800]:
        value = rng.choice(phrases) + " " + value + " " + rng.choice(phrases)
        expected = employment._TEXT_STATEMENT_RE.search(value)
        found = employment._statement(value)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found.span(), found.groupdict()) == (expected.span(), expected.groupdict())
