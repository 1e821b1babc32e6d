"""Greeting, language and age band: the onboarding questions and later changes."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import entity_value, preferences_message
from preferences.parsing import age_band_from_value, language_from_words


class ActionGreet(Action):
    """Greet; during onboarding, ask for the language instead."""

    def name(self) -> str:
        """Return the action name used by the greet rule."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Continue onboarding until an age band (or 'rather not say') is known."""
        if tracker.get_slot("age_group") is None:
            dispatcher.utter_message(response="utter_ask_language")
        else:
            dispatcher.utter_message(response="utter_greet")
        return []


class ActionChangeLanguage(Action):
    """Switch the language when one is named, otherwise offer the choices."""

    def name(self) -> str:
        """Return the action name used by the choose_language rule."""
        return "action_change_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Set the language slot, tell the gateway, confirm in the new language."""
        text = (tracker.latest_message or {}).get("text")
        language = language_from_words(entity_value(tracker, "language"))
        language = language or language_from_words(text)
        if language is None:
            dispatcher.utter_message(response="utter_ask_language")
            return []
        age_group = tracker.get_slot("age_group")
        dispatcher.utter_message(json_message=preferences_message(language=language))
        dispatcher.utter_message(
            response="utter_language_changed", language=language, age_group=age_group
        )
        if age_group is None:
            dispatcher.utter_message(response="utter_ask_age", language=language)
        return [SlotSet("language", language)]


class ActionChangeAge(Action):
    """Set the age band when an age is given, otherwise ask with buttons."""

    def name(self) -> str:
        """Return the action name used by the inform_age rule."""
        return "action_change_age"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Map the age to a band, tell the gateway, answer for the new band."""
        text = (tracker.latest_message or {}).get("text")
        band = age_band_from_value(entity_value(tracker, "age"))
        if band is None and text and not text.startswith("/"):
            band = age_band_from_value(text)
        if band is None:
            dispatcher.utter_message(response="utter_ask_age")
            return []
        dispatcher.utter_message(json_message=preferences_message(age_group=band))
        dispatcher.utter_message(response="utter_age_changed", age_group=band)
        return [SlotSet("age_group", band)]
