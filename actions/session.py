"""Session start and metadata sync: the gateway's settings become slots."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.help_contacts import crisis_contacts
from actions.slots import PREFERENCE_SLOTS, latest_metadata, preferences_from_metadata


class ActionSessionStart(Action):
    """Start a session: keep settings, apply metadata, disclose the bot."""

    def name(self) -> str:
        """Return the action name Rasa calls at every new session."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Carry settings over, copy metadata into slots and send the disclosure."""
        slots = {s: tracker.get_slot(s) for s in PREFERENCE_SLOTS}
        slots = {k: v for k, v in slots.items() if v is not None}
        slots.update(
            preferences_from_metadata(tracker.get_slot("session_started_metadata"))
        )
        # The answer is rendered before these events apply, so pass the settings along.
        dispatcher.utter_message(
            response="utter_disclosure",
            language=slots.get("language"),
            age_group=slots.get("age_group"),
            **crisis_contacts(slots.get("country"), slots.get("language")),
        )
        events: list[EventType] = [SessionStarted()]
        events += [SlotSet(name, value) for name, value in slots.items()]
        events.append(ActionExecuted("action_listen"))
        return events


class ActionSyncMetadata(Action):
    """After every message, apply settings the gateway sent in the metadata."""

    def name(self) -> str:
        """Return the custom slot-mapping action of language, age_group, country."""
        return "action_sync_metadata"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Set only the slots whose metadata value differs from the current one."""
        wanted = preferences_from_metadata(latest_metadata(tracker))
        return [
            SlotSet(name, value)
            for name, value in wanted.items()
            if tracker.get_slot(name) != value
        ]
