from django.urls import path

from notifications.consumers import UserEventsConsumer

websocket_urlpatterns = [
    path("ws/", UserEventsConsumer.as_asgi()),
]
