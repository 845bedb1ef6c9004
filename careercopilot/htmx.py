"""One helper for views that serve both a full page and its HTMX fragment."""

from django.http import HttpRequest


def wants_fragment(request: HttpRequest) -> bool:
    """True for an htmx request that swaps part of a page.

    Boosted navigation and history restores need the full page, so they answer False.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request
