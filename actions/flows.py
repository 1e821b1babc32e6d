"""Multi-step guidance: show step N of a topic's answers (data/flows.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import settings
from actions.help_contacts import crisis_contacts
from actions.slots import entity_value, latest_intent, latest_metadata


def step_number(value: Any, steps: int) -> int:
    """Return a valid 1-based step; anything unreadable means the first step."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), steps)


class ActionGuide(Action):
    """Answer a flow topic with the step its button asked for."""

    def name(self) -> str:
        """Return the action name used by the flow topics' rules."""
        return "action_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Send the answer of the requested step (step 1 for typed questions)."""
        intent = latest_intent(tracker) or ""
        steps = settings.flows().get(intent)
        if not steps:
            dispatcher.utter_message(response="utter_default")
            return []
        typed = not str((tracker.latest_message or {}).get("text") or "").startswith(
            "/"
        )
        if latest_metadata(tracker).get("screen") == "sextortion" or (
            intent == "ask_sextortion" and typed
        ):
            # Someone may be blackmailed right now: numbers and first steps at once;
            # the "What can I do?" button then walks through the steps.
            dispatcher.utter_message(
                response="utter_crisis_sextortion",
                **crisis_contacts(
                    tracker.get_slot("country"), tracker.get_slot("language")
                ),
            )
            return []
        step = step_number(entity_value(tracker, "step"), len(steps))
        dispatcher.utter_message(response=steps[step - 1])
        return []
