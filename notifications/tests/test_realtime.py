"""The websocket path end to end: origin check, session auth, group join, push after commit.

Each scenario runs in one event loop (the communicator lives there); database work and
transactions run in a worker thread through ``sync_to_async``.
"""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction

from careercopilot.asgi import application
from careercopilot.realtime import push_to_user_on_commit, push_toast_on_commit

ORIGIN = (b"origin", b"http://testserver")


def _session_headers(client, user):
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [ORIGIN, (b"cookie", cookie.encode())]


def run(scenario):
    return async_to_sync(scenario)()


async def _connect(headers):
    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    return communicator, connected


@pytest.mark.django_db(transaction=True)
def test_signed_in_user_receives_a_fragment_pushed_after_commit(client, user):
    headers = _session_headers(client, user)
    fragment = '<div id="bell" hx-swap-oob="true">3</div>'

    async def scenario():
        communicator, connected = await _connect(headers)
        assert connected
        before_commit = []

        def in_transaction():
            with transaction.atomic():
                push_to_user_on_commit(user.pk, html=fragment)
                before_commit.append(True)

        await sync_to_async(in_transaction)()
        assert before_commit
        assert await communicator.receive_from(timeout=5) == fragment
        await communicator.disconnect()

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_before_the_transaction_commits(client, user):
    headers = _session_headers(client, user)

    async def scenario():
        communicator, connected = await _connect(headers)
        assert connected
        nothing_yet = []

        def in_transaction():
            with transaction.atomic():
                push_to_user_on_commit(user.pk, html="<div>later</div>")
                nothing_yet.append(async_to_sync(communicator.receive_nothing)(timeout=0.3))

        await sync_to_async(in_transaction, thread_sensitive=False)()
        assert nothing_yet == [True]
        assert await communicator.receive_from(timeout=5) == "<div>later</div>"
        await communicator.disconnect()

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_a_push_inside_a_rolled_back_transaction_is_never_delivered(client, user):
    headers = _session_headers(client, user)

    async def scenario():
        communicator, connected = await _connect(headers)
        assert connected

        def rolled_back():
            with pytest.raises(RuntimeError), transaction.atomic():
                push_to_user_on_commit(user.pk, html="<div>never</div>")
                raise RuntimeError("roll back")

        await sync_to_async(rolled_back)()
        assert await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_pushes_reach_only_their_user(client, user, other_user):
    headers = _session_headers(client, other_user)

    async def scenario():
        communicator, connected = await _connect(headers)
        assert connected
        await sync_to_async(push_to_user_on_commit)(user.pk, html="<div>owner only</div>")
        assert await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_toast_template_renders_an_escaped_out_of_band_swap(client, user):
    headers = _session_headers(client, user)

    async def scenario():
        communicator, connected = await _connect(headers)
        assert connected
        await sync_to_async(push_toast_on_commit)(user.pk, "Three new jobs match <you>")
        message = await communicator.receive_from(timeout=5)
        assert 'hx-swap-oob="beforeend"' in message
        assert "Three new jobs match &lt;you&gt;" in message
        await communicator.disconnect()

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_anonymous_socket_is_refused():
    async def scenario():
        _communicator, connected = await _connect([ORIGIN])
        assert not connected

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_socket_from_another_origin_is_refused(client, user):
    headers = [h for h in _session_headers(client, user) if h[0] != b"origin"]
    headers.append((b"origin", b"https://evil.example"))

    async def scenario():
        _communicator, connected = await _connect(headers)
        assert not connected

    run(scenario)


def test_push_requires_exactly_one_of_template_or_html():
    with pytest.raises(ValueError):
        push_to_user_on_commit(1)


@pytest.mark.redis
def test_channel_layer_is_redis_when_redis_url_is_set():
    from channels.layers import get_channel_layer
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)
