"""Helplines answer: every verified service of the young person's country."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import helpline_directory
from helplines.directory import FALLBACK_COUNTRY
from helplines.formatting import helpline_list


class ActionShowHelplines(Action):
    """List the helplines of the country slot, with international fallbacks."""

    def name(self) -> str:
        """Return the action name used by the ask_helplines rule."""
        return "action_show_helplines"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Fill utter_helplines with the country's name and service list."""
        directory = helpline_directory()
        language = tracker.get_slot("language") or "en"
        country = directory.country(tracker.get_slot("country"))
        dispatcher.utter_message(
            response="utter_helplines",
            country_name=country.name(language),
            helplines=helpline_list(
                country, directory.country(FALLBACK_COUNTRY), language
            ),
        )
        return []
