"""Requests for a counsellor: open a case when someone is on duty, else helplines."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import settings
from actions.help_contacts import crisis_contacts
from handoff.topics import HIGH, topic_and_risk

logger = logging.getLogger(__name__)


def session_intents(tracker: Tracker) -> list[str]:
    """Return the intents of this session's messages, oldest first."""
    intents: list[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            intents = []
        elif event.get("event") == "user":
            name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if name:
                intents.append(name)
    return intents


def screened_in_session(tracker: Tracker) -> bool:
    """True if the gateway's safety screen flagged a message of this session."""
    flagged = False
    for event in tracker.events:
        if event.get("event") == "session_started":
            flagged = False
        elif event.get("event") == "user":
            metadata = event.get("metadata") or {}
            flagged = flagged or bool(
                isinstance(metadata, dict) and metadata.get("screen")
            )
    return flagged


class ActionRequestCounsellor(Action):
    """Hand over to a human when possible; never leave the person without help."""

    def name(self) -> str:
        """Return the action name used by the request_counsellor rule."""
        return "action_request_counsellor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Open a case and pause the bot, or answer with helplines and hours."""
        language = tracker.get_slot("language") or "en"
        country = tracker.get_slot("country") or "INT"
        contacts = crisis_contacts(country, language)
        hours = settings.opening_hours()
        now = datetime.now(timezone.utc)
        try:
            store = settings.handoff_store()
            available = bool(store.on_duty()) and hours.is_open(now)
            if available:
                topic, risk = topic_and_risk(session_intents(tracker))
                if screened_in_session(tracker):
                    risk = HIGH  # the screen saw danger, self-harm or blackmail
                case = store.open_case(
                    tracker.sender_id,
                    language,
                    tracker.get_slot("age_group") or "unknown",
                    country,
                    topic,
                    risk,
                )
                dispatcher.utter_message(
                    response="utter_handoff_queued",
                    position=store.queue_position(case.id) or 1,
                    emergency=contacts["emergency"],
                )
                dispatcher.utter_message(json_message={"handoff": {"case": case.id}})
                logger.info("Opened handoff case %d (risk %d).", case.id, risk)
                return [ConversationPaused()]
        except SQLAlchemyError as error:
            logger.error("Handoff store unavailable: %s", type(error).__name__)
        dispatcher.utter_message(response="utter_no_counsellor_available", **contacts)
        opening = hours.next_opening(now)
        if opening is not None:
            dispatcher.utter_message(
                response="utter_counsellors_next_available",
                when=opening.strftime("%d.%m. %H:%M"),
                timezone=hours.zone.key,
            )
        return []
