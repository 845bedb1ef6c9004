"""Shared helpers for the source-adapter tests (pure Python: no Django, no DB, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.sources import ADAPTERS, ParseResult

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse_fixture(kind: str, name: str, config: dict | None = None) -> ParseResult:
    return ADAPTERS[kind].parse(fixture_bytes(name), config or {})


def by_id(result: ParseResult) -> dict:
    return {p.external_id: p for p in result.postings}


@pytest.fixture
def load():
    return fixture_bytes
