"""Server → browser pushes over the user's websocket, sent only after the data commits.

Domain code calls ``push_to_user_on_commit``; the consumer in ``notifications.consumers``
forwards whatever arrives in the ``user-<id>`` group. Fragments are HTMX out-of-band swaps
(elements carrying ``id`` and ``hx-swap-oob``), so the page updates itself.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

EVENT_TYPE = "user.event"


def user_group(user_id: int) -> str:
    return f"user-{int(user_id)}"


def send_to_user(user_id: int, html: str) -> None:
    """Send a ready HTML fragment to every open socket of the user, now."""
    layer = get_channel_layer()
    if layer is None:  # pragma: no cover - CHANNEL_LAYERS is always configured
        return
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": EVENT_TYPE, "html": html})
    except Exception:
        # A push is a convenience: the data is committed and the page shows it on reload.
        logger.exception("websocket push to user %s failed", user_id)


def push_to_user_on_commit(
    user_id: int,
    *,
    template: str | None = None,
    context: dict | None = None,
    html: str | None = None,
    using: str | None = None,
) -> None:
    """Render an out-of-band fragment and push it once the current transaction commits.

    Outside a transaction the push happens at once; inside a transaction that rolls back it
    never happens.
    """
    if (template is None) == (html is None):
        raise ValueError("Pass exactly one of template= or html=.")

    def _push() -> None:
        fragment = html if html is not None else render_to_string(template, context or {})
        send_to_user(user_id, fragment)

    transaction.on_commit(_push, using=using)


def push_toast_on_commit(user_id: int, message: str, *, level: str = "info") -> None:
    push_to_user_on_commit(
        user_id,
        template="partials/toast_oob.html",
        context={"message": message, "level": level},
    )
