"""Crisis answers: emergency number and child helpline of the user's country."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.help_contacts import crisis_contacts
from actions.slots import latest_intent, latest_metadata
from helplines.formatting import EMERGENCY_USE

_ANSWERS = {
    "crisis_danger": "utter_crisis_danger",
    "crisis_self_harm": "utter_crisis_self_harm",
    "disclose_exploitation": "utter_disclose_exploitation",
}


class ActionCrisisHelp(Action):
    """Answer danger, self-harm or exploitation with numbers at once; offer a person."""

    def name(self) -> str:
        """Return the action name used by the crisis and disclosure rules."""
        return "action_crisis_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Send the crisis answer for the intent with the country's numbers."""
        intent = latest_intent(tracker) or ""
        response = _ANSWERS.get(intent, "utter_crisis_danger")
        if latest_metadata(tracker).get("screen") == "sextortion":
            response = "utter_crisis_sextortion"
        dispatcher.utter_message(
            response=response,
            **crisis_contacts(
                tracker.get_slot("country"),
                tracker.get_slot("language"),
                use=EMERGENCY_USE[response],
            ),
        )
        return []
