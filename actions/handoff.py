"""Requests for a counsellor; until the handoff store exists, nobody is on duty."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.help_contacts import crisis_contacts


class ActionRequestCounsellor(Action):
    """Offer a human: the helplines of the country, never a dead end."""

    def name(self) -> str:
        """Return the action name used by the request_counsellor rule."""
        return "action_request_counsellor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Point to the child helpline and emergency number of the country."""
        dispatcher.utter_message(
            response="utter_no_counsellor_available",
            **crisis_contacts(
                tracker.get_slot("country"), tracker.get_slot("language")
            ),
        )
        return []
