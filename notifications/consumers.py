from channels.generic.websocket import AsyncWebsocketConsumer

from careercopilot.realtime import user_group


class UserEventsConsumer(AsyncWebsocketConsumer):
    """Joins the signed-in user's group and forwards pushed fragments. Nothing else."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        group = getattr(self, "group_name", None)
        if group:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # The browser only listens; anything it sends is ignored.
        return

    async def user_event(self, event):
        await self.send(text_data=event["html"])
