"""Dashboard cards: each app contributes figures through a small provider function.

Providers are listed by dotted path so the dashboard needs no import of app internals;
an app that is not built yet simply has no provider here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Card:
    title: str
    value: str
    detail: str = ""
    url: str = ""


def dashboard_cards(*, user) -> list[Card]:
    cards: list[Card] = []
    for dotted in getattr(settings, "DASHBOARD_CARD_PROVIDERS", []):
        cards.extend(import_string(dotted)(user=user))
    return cards
