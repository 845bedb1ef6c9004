from __future__ import annotations

from django.core.exceptions import ValidationError


def error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(m for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


def render_page_or_fragment(request, page: str, fragment: str, context: dict, status: int = 200):
    """The full page, or just its fragment for an htmx swap; caches keep the two apart."""
    from django.shortcuts import render
    from django.utils.cache import patch_vary_headers

    from careercopilot.htmx import wants_fragment

    response = render(
        request, fragment if wants_fragment(request) else page, context, status=status
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


def toast_header(message: str) -> str:
    import json

    return json.dumps({"toast": message})
