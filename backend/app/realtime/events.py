"""The contract's server events: who receives each, encoded once per audience."""

from __future__ import annotations

from collections.abc import Mapping

from app.db import Row
from app.realtime.hub import Audience, Delivery, Hub
from app.serialization import dumps
from app.views import View, chat_view


def _frame(method: str, params: Mapping[str, object]) -> str:
    return dumps({"jsonrpc": "2.0", "method": method, "params": params})


def _state_delivery(chat: Row, method: str, params: Mapping[str, object]) -> Delivery:
    """An event about the chat's state, stamped with the version it describes: the hub drops
    it where a newer one of the same chat was delivered already (acts that race may publish
    out of the order they committed in)."""
    return Delivery(_frame(method, params), chat_id=chat["id"], version=chat["state_version"])


def chat_parties(customer_id: int, admin_id: int | None) -> Audience:
    """The customer and the chat's admin, or every admin while the chat is waiting."""
    if admin_id is None:
        return Audience(user_ids=frozenset({customer_id}), admins=True)
    return Audience(user_ids=frozenset({customer_id, admin_id}))


class Events:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def message_new(self, *, customer_id: int, admin_id: int | None, message: View) -> None:
        """A note goes only to the admins who may read its chat, never to the customer."""
        audience = chat_parties(customer_id, admin_id)
        if message["kind"] == "note":
            audience = (
                Audience(admins=True)
                if admin_id is None
                else Audience(user_ids=frozenset({admin_id}))
            )
        text = _frame("message.new", {"message": message})
        await self.hub.publish(
            audience, Delivery(text, chat_id=message["chat_id"], message_id=message["id"])
        )

    async def chat_waiting(self, chat: Row) -> None:
        view = chat_view(chat, for_customer=False, can_read=True)
        await self.hub.publish(
            Audience(admins=True), _state_delivery(chat, "chat.waiting", {"chat": view})
        )

    async def chat_assigned(self, chat: Row, *, previous_admin_id: int | None) -> None:
        """The new admin and the customer see the whole chat; other admins see no message text."""
        await self.chat_state("chat.assigned", chat, previous_admin_id=previous_admin_id)

    async def chat_state(self, method: str, chat: Row, **extra: object) -> None:
        """A change of the chat's state, to every admin and its customer. Its customer sees
        their own view (no notes); its admin, or every admin while it waits, the whole chat;
        other admins see no message text."""
        admin_id = chat["admin_id"]
        customer_id = chat["customer_id"]

        def frame(view: View) -> Delivery:
            return _state_delivery(chat, method, {"chat": view, **extra})

        await self.hub.publish(
            Audience(user_ids=frozenset({customer_id})),
            frame(chat_view(chat, for_customer=True, can_read=True)),
        )
        if admin_id is None:
            await self.hub.publish(
                Audience(admins=True), frame(chat_view(chat, for_customer=False, can_read=True))
            )
            return
        await self.hub.publish(
            Audience(user_ids=frozenset({admin_id})),
            frame(chat_view(chat, for_customer=False, can_read=True)),
        )
        await self.hub.publish(
            Audience(admins=True, exclude=frozenset({admin_id})),
            frame(chat_view(chat, for_customer=False, can_read=False)),
        )

    async def chat_rated(self, *, chat_id: int, rating: View) -> None:
        """Every admin hears of a rating (the panel shows it in the chat and the lists)."""
        text = _frame("chat.rated", {"chat_id": chat_id, "rating": rating})
        await self.hub.publish(Audience(admins=True), Delivery(text))

    async def to_other_side(
        self, method: str, params: dict[str, object], *, chat: Row, from_customer: bool
    ) -> None:
        if from_customer:
            audience = chat_parties(chat["customer_id"], chat["admin_id"])
            audience = Audience(
                user_ids=audience.user_ids - {chat["customer_id"]},
                admins=audience.admins,
            )
        else:
            audience = Audience(user_ids=frozenset({chat["customer_id"]}))
        await self.hub.publish(audience, Delivery(_frame(method, params)))

    async def presence(self, admins_online: int) -> None:
        """Each process tells its own customers: every process watches the global count."""
        text = _frame("presence", {"admins_online": admins_online})
        await self.hub.publish_local(Audience(customers=True), Delivery(text))
