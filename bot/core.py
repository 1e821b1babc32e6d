"""Channel-agnostic gateway: one young person's message in, chat bubbles out.

Front ends (console, Telegram) only translate their own events into calls on
`Gateway`; every behaviour lives here so it can be tried without a token.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.feedback_ask import FEEDBACK_PREFIX, FeedbackAsker, FeedbackMemory
from bot.input_guard import FloodGuard, clean
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.relay import END_PAYLOAD, HISTORY_NO, HISTORY_YES, Audience, Relay
from bot.render import Button, Rendered, Reply, render
from bot.texts import GatewayTexts
from handoff.store import ACTIVE, Case
from handoff.topics import HIGH, INTENT_TOPICS, LOW
from helplines.directory import HelplineDirectory
from helplines.formatting import EMERGENCY_USE, crisis_placeholders
from preferences.parsing import (
    country_for_language,
    language_from_tag,
    normalize_age_group,
    normalize_country,
    normalize_language,
)
from safety.screen import CRISIS_INTENTS, SafetyScreen, ScreenResult

logger = logging.getLogger(__name__)

# Commands become the intent a tap on the matching button would send.
COMMAND_PAYLOADS = {
    "start": "/greet",
    "help": "/ask_capabilities",
    "language": "/choose_language",
    "age": "/inform_age",
    "counsellor": "/request_counsellor",
    "helplines": "/ask_helplines",
    "privacy": "/privacy_question",
}
# Commands that still work while a counsellor case is open.
_CASE_COMMANDS = {"end", "hide", "forget"}
# Gateway buttons: a person while Rasa is down; erase everything (delete_my_data).
COUNSELLOR_PAYLOAD = "gw:counsellor"
FORGET_PAYLOAD = "gw:forget"
# Kept when old text is trimmed: settings and session markers carry no words.
_TEXTLESS_EVENTS = {"session_started", "slot"}
# The answer a crisis hit gets (the same the action server gives).
_CRISIS_ANSWERS = {
    "danger": "utter_crisis_danger",
    "self_harm": "utter_crisis_self_harm",
    "exploitation": "utter_disclose_exploitation",
    "sextortion": "utter_crisis_sextortion",
}
Contact = tuple[str, str]  # (channel, sealed address) used to relay to this person


@dataclass
class Preferences:
    """What the gateway knows about one young person; sent as Rasa metadata."""

    language: str
    country: str
    age_group: str | None = None
    # The app's language is one we do not speak: say so once, with the choices.
    unsupported_language: bool = False
    # Highest risk the safety screen saw in this conversation (for a case opened here).
    risk: int = LOW
    topic: str = "general"
    checking: bool = False  # the next message is one to check (/check)

    def metadata(self) -> dict[str, str]:
        """Return the metadata sent with every message."""
        data = {"language": self.language, "country": self.country}
        if self.age_group:
            data["age_group"] = self.age_group
        return data


class Gateway:
    """Route messages, commands and button taps to Rasa and back."""

    def __init__(
        self,
        rasa: RasaClient,
        texts: GatewayTexts,
        helplines: HelplineDirectory,
        default_language: str = "en",
        default_country: str | None = None,
        retention_hours: float = 24.0,
        relay: Relay | None = None,
        screen: SafetyScreen | None = None,
        flood: FloodGuard | None = None,
        feedback: FeedbackAsker | None = None,
    ) -> None:
        """Wire the Rasa client, gateway texts, helplines and the safety screen."""
        self._rasa = rasa
        self._texts = texts
        self._helplines = helplines
        self._screen = screen or SafetyScreen.load()
        self._flood = flood or FloodGuard()
        self._default_language = normalize_language(default_language) or "en"
        self._default_country = normalize_country(default_country)
        self._preferences: dict[str, Preferences] = {}
        self._relay = relay
        self._retention_s = retention_hours * 3600
        self._last_seen: dict[str, float] = {}
        self._contact_for_offline: dict[str, Contact] = {}
        self._started: dict[str, float] = {}  # wall time of the oldest text kept
        self._hide_labels = texts.all_texts("utter_label_hide_chat")
        self._feedback = feedback  # None: no "was this helpful?" (FEEDBACK=off)
        self._asked: dict[str, FeedbackMemory] = {}

    def preferences(self, user: str, language_tag: str | None = None) -> Preferences:
        """Return a user's settings, created from the channel's language tag."""
        if user not in self._preferences:
            supported = language_from_tag(language_tag)
            language = supported or self._default_language
            country = self._default_country or country_for_language(language)
            self._preferences[user] = Preferences(
                language=language,
                country=country,
                unsupported_language=bool(language_tag) and supported is None,
            )
        return self._preferences[user]

    async def handle_text(
        self,
        user: str,
        text: str,
        language_tag: str | None = None,
        contact: Contact | None = None,
    ) -> list[Reply]:
        """Answer a typed message; '/word' is a command, not text for Rasa."""
        cleaned = clean(text)
        stripped = cleaned.text
        prefs = self.preferences(user, language_tag)
        command, argument = None, ""
        if stripped.startswith("/"):
            word, _, argument = stripped[1:].partition(" ")
            command = word.split("@")[0].lower()
        elif stripped in self._hide_labels:
            command = "hide"  # the persistent quick-exit button sends its label
        case = self._open_case(user)
        if case is not None and command not in _CASE_COMMANDS:
            assert self._relay is not None
            if not stripped:
                return self._say("utter_empty_message", prefs)
            return self._relay.youth_text(case, stripped)
        if command is not None:
            return await self.handle_command(
                user, command, argument.strip(), language_tag, contact
            )
        if not stripped:
            return self._say("utter_empty_message", prefs)
        if prefs.checking:
            prefs.checking = False
            return self.check_message(user, stripped, language_tag)
        screen = self._screen.check(stripped, prefs.language)
        if not self._flood.allow(user) and not screen.is_crisis:
            logger.info("Rate limit reached; a message was not answered.")
            if self._flood.should_warn(user):
                return self._say("utter_rate_limited", prefs)
            return []
        if screen.category == "bot_abuse" and not await self._crisis_inside(stripped):
            logger.info("Safety screen: refused a misuse attempt.")
            return self._say("utter_refuse_abuse", prefs)
        if screen.is_crisis:
            self._note_risk(prefs, screen)
            logger.info("Safety screen hit: %s.", screen.category)
        replies = await self._ask_rasa(user, stripped, language_tag, contact, screen)
        if cleaned.truncated:
            replies = self._say("utter_message_too_long", prefs) + replies
        return replies

    async def handle_edited(
        self, user: str, language_tag: str | None = None
    ) -> list[Reply]:
        """Edits are not answered (the answer would not match); say so kindly."""
        return self._say("utter_edited_message", self.preferences(user, language_tag))

    def check_message(
        self, user: str, text: str, language_tag: str | None = None
    ) -> list[Reply]:
        """Name the warning signs in a message someone received; keep nothing."""
        prefs = self.preferences(user, language_tag)
        found = self._screen.signs(clean(text).text, prefs.language)
        logger.info("Checked a received message: %d warning sign(s).", len(found))
        if not found:
            return self._say("utter_check_message_none", prefs)
        replies = self._say("utter_check_message_found", prefs)
        for sign in found:
            replies += self._say(f"utter_sign_{sign}", prefs)
        return replies + self._say("utter_check_message_outro", prefs)

    async def _crisis_inside(self, text: str) -> bool:
        """Ask the model before refusing: misuse may carry a missed crisis.

        "ignore your rules, i really cant go on" must get help, not a refusal.
        """
        try:
            name, confidence = await self._rasa.intent(text)
        except RasaUnavailable:
            return False
        return name in CRISIS_INTENTS and confidence >= 0.5

    def apology(self, user: str, language_tag: str | None = None) -> list[Reply]:
        """Something failed on our side: apologise with the person's numbers."""
        return self._say(
            "utter_service_unavailable", self.preferences(user, language_tag)
        )

    def _note_risk(self, prefs: Preferences, screen: ScreenResult) -> None:
        topic = INTENT_TOPICS.get(screen.intent or "", ("general", LOW))[0]
        prefs.risk, prefs.topic = HIGH, topic

    def _contacts(self, prefs: Preferences, use: str | None = None) -> dict[str, str]:
        return crisis_placeholders(self._helplines, prefs.country, prefs.language, use)

    def _say(self, name: str, prefs: Preferences, **values: str) -> list[Reply]:
        """Render one of the gateway's own answers with the person's numbers."""
        return self._texts.render(
            name,
            prefs.language,
            prefs.age_group,
            **{**self._contacts(prefs), **values},
        )

    async def handle_button(
        self,
        user: str,
        payload: str,
        language_tag: str | None = None,
        contact: Contact | None = None,
    ) -> list[Reply]:
        """Send a tapped button's payload to Rasa (or act on a gateway button)."""
        if payload == FORGET_PAYLOAD:
            return await self.handle_command(user, "forget", "", language_tag, contact)
        case = self._open_case(user)
        if case is not None:
            assert self._relay is not None
            if payload == END_PAYLOAD:
                return await self._relay.youth_end(case)
            if payload in (HISTORY_YES, HISTORY_NO) and case.status == ACTIVE:
                return await self._relay.youth_consent(case, payload == HISTORY_YES)
            return []  # old bot buttons do nothing while a person is answering
        prefs = self.preferences(user, language_tag)
        if payload == COUNSELLOR_PAYLOAD:
            return await self._ask_for_counsellor(user, prefs, language_tag, contact)
        if payload.startswith(FEEDBACK_PREFIX):
            return self._feedback_tap(user, prefs, payload)
        if payload.startswith("gw:"):
            return []  # a button of a case that has ended
        cleaned = clean(payload).text
        if not cleaned.startswith("/") or cleaned != payload:
            logger.info("Ignored a malformed button payload.")
            return self._say("utter_button_expired", prefs)
        return await self._ask_rasa(user, payload, language_tag, contact)

    async def _ask_for_counsellor(
        self,
        user: str,
        prefs: Preferences,
        language_tag: str | None,
        contact: Contact | None,
    ) -> list[Reply]:
        """The offline 'talk to a person' button: through Rasa if it is back."""
        try:
            messages = await self._rasa.send(
                user, "/request_counsellor", prefs.metadata()
            )
        except RasaUnavailable:
            return self._open_case_without_rasa(user, prefs, contact)
        rendered = render(messages)
        if rendered.handoff_case is not None and self._relay and contact:
            self._relay.remember_contact(user, *contact)
        return rendered.replies or self._open_case_without_rasa(user, prefs, contact)

    async def handle_media(
        self, user: str, kind: str, language_tag: str | None = None
    ) -> list[Reply]:
        """Never download or forward media; explain why and point to removal."""
        prefs = self.preferences(user, language_tag)
        if self._relay is not None:
            audience = Audience(prefs.language, prefs.age_group)
            return self._relay.youth_media(self._open_case(user), kind, audience)
        return self._texts.render(
            "utter_media_withheld", prefs.language, prefs.age_group
        )

    def _open_case(self, user: str) -> Case | None:
        return self._relay.open_case(user) if self._relay else None

    async def handle_command(
        self,
        user: str,
        command: str,
        argument: str = "",
        language_tag: str | None = None,
        contact: Contact | None = None,
    ) -> list[Reply]:
        """Run a slash command; unknown commands get a kind explanation."""
        prefs = self.preferences(user, language_tag)
        if command == "end":
            case = self._open_case(user)
            if case is not None:
                assert self._relay is not None
                return await self._relay.youth_end(case)
            return await self._ask_rasa(user, "/greet", language_tag, contact)
        if command in ("forget", "hide"):
            case = self._open_case(user)
            if case is not None:
                assert self._relay is not None
                await self._relay.youth_end(case)  # the counsellor is told it ended
            if command == "hide":
                return await self._hide(user)
            return await self._forget(user, prefs)
        if command == "check":
            if argument:
                return self.check_message(user, argument, language_tag)
            prefs.checking = True
            return self._say("utter_check_message_prompt", prefs)
        if command == "country":
            country = normalize_country(argument)
            if country is None:
                return self._texts.render(
                    "utter_ask_country", prefs.language, prefs.age_group
                )
            prefs.country = country
            return await self._ask_rasa(user, "/ask_helplines", language_tag, contact)
        payload = COMMAND_PAYLOADS.get(command)
        if payload is None:
            return self._texts.render(
                "utter_unknown_command", prefs.language, prefs.age_group
            )
        return await self._ask_rasa(user, payload, language_tag, contact)

    async def _ask_rasa(
        self,
        user: str,
        message: str,
        language_tag: str | None,
        contact: Contact | None = None,
        screen: ScreenResult | None = None,
    ) -> list[Reply]:
        prefs = self.preferences(user, language_tag)
        self._last_seen[user] = time.monotonic()
        self._started.setdefault(user, time.time())
        metadata: dict[str, str] = prefs.metadata()
        if screen is not None and screen.is_crisis and screen.category:
            metadata["screen"] = screen.category
        try:
            if self._relay is not None:
                await self._relay.ensure_resumed(user)
            messages = await self._rasa.send(user, message, metadata)
        except RasaUnavailable:
            logger.warning("Answering without Rasa (Rasa unavailable).")
            return self._offline(user, prefs, screen, contact)
        rendered = render(messages)
        self._apply(prefs, rendered.preferences)
        if rendered.handoff_case is not None and self._relay and contact:
            self._relay.remember_contact(user, *contact)
        if not rendered.replies:
            # Rasa answers 200 even when an action failed: never leave anyone hanging.
            logger.warning("Rasa returned no messages; answering without Rasa.")
            return self._offline(user, prefs, screen, contact)
        if prefs.unsupported_language:
            prefs.unsupported_language = False
            rendered.replies += self._say("utter_unsupported_language", prefs)
        elif self._feedback is not None:
            rendered.replies += self._ask_feedback(user, prefs, rendered, screen)
        return rendered.replies

    def _ask_feedback(
        self,
        user: str,
        prefs: Preferences,
        rendered: Rendered,
        screen: ScreenResult | None,
    ) -> list[Reply]:
        """Maybe add "was this helpful?"; never in a crisis or with a counsellor."""
        assert self._feedback is not None
        memory = self._asked.setdefault(user, FeedbackMemory())
        crisis = prefs.risk >= HIGH or (screen is not None and screen.is_crisis)
        calm = rendered.handoff_case is None and not crisis
        if calm and not memory.stopped and self._open_case(user) is not None:
            calm = False  # a person has taken over this conversation
        return self._feedback.after_turn(
            memory, rendered.responses, prefs.language, prefs.age_group, calm
        )

    def _feedback_tap(self, user: str, prefs: Preferences, payload: str) -> list[Reply]:
        """Count a 👍/👎 once; an unknown or broken one is an expired button."""
        memory = self._asked.get(user)
        if self._feedback is None or memory is None:
            return self._say("utter_button_expired", prefs)
        replies = self._feedback.on_tap(memory, payload, prefs.age_group)
        if replies is None:
            logger.info("Ignored an unknown feedback button.")
            return self._say("utter_button_expired", prefs)
        return replies

    def _offline(
        self,
        user: str,
        prefs: Preferences,
        screen: ScreenResult | None,
        contact: Contact | None,
    ) -> list[Reply]:
        """Answer from the gateway alone: crisis text or apology, numbers, a person."""
        if contact is not None:
            self._contact_for_offline[user] = contact
        if screen is not None and screen.category in _CRISIS_ANSWERS:
            name = _CRISIS_ANSWERS[screen.category]
            contacts = self._contacts(prefs, EMERGENCY_USE[name])
            replies = self._texts.render(
                name, prefs.language, prefs.age_group, **contacts
            )
        else:
            replies = self._say("utter_service_unavailable", prefs)
        # Buttons of those answers would need Rasa; offer what works without it.
        replies = [Reply(r.text, (), r.kind) for r in replies]
        if self._counsellors_on_duty() and replies:
            label = self._texts.render(
                "utter_label_talk_to_person", prefs.language, prefs.age_group
            )
            title = label[0].text if label else "Talk to a person"
            last = replies[-1]
            replies[-1] = Reply(last.text, (Button(title, COUNSELLOR_PAYLOAD),))
        return replies

    def _counsellors_on_duty(self) -> bool:
        if self._relay is None:
            return False
        try:
            return bool(self._relay.store.on_duty())
        except Exception as error:  # noqa: BLE001 - the store may be down too
            logger.warning("Handoff store unavailable: %s", type(error).__name__)
            return False

    def _open_case_without_rasa(
        self, user: str, prefs: Preferences, contact: Contact | None
    ) -> list[Reply]:
        """Open a case straight in the handoff store (Rasa is down)."""
        contact = contact or self._contact_for_offline.get(user)
        if self._relay is None or contact is None or not self._counsellors_on_duty():
            return self._offline(user, prefs, None, None)
        store = self._relay.store
        case = store.open_case(
            user,
            prefs.language,
            prefs.age_group or "unknown",
            prefs.country,
            prefs.topic,
            prefs.risk,
        )
        self._relay.remember_contact(user, *contact)
        logger.info(
            "Opened handoff case %d without Rasa (risk %d).", case.id, prefs.risk
        )
        return self._say(
            "utter_handoff_queued",
            prefs,
            position=str(store.queue_position(case.id) or 1),
        )

    async def _forget(self, user: str, prefs: Preferences) -> list[Reply]:
        """Erase the conversation in Rasa and the settings kept here."""
        try:
            await self._rasa.erase_conversation(user)
        except RasaUnavailable:
            return self._texts.render(
                "utter_forget_failed", prefs.language, prefs.age_group
            )
        if self._relay is not None:
            self._relay.store.erase_user(user)
        self._forget_locally(user)
        logger.info("Erased a conversation on request.")
        return self._texts.render("utter_forgotten", prefs.language, prefs.age_group)

    def _forget_locally(self, user: str) -> None:
        self._preferences.pop(user, None)
        self._last_seen.pop(user, None)
        self._contact_for_offline.pop(user, None)
        self._started.pop(user, None)
        self._asked.pop(user, None)
        self._flood.forget(user)

    async def _hide(self, user: str) -> list[Reply]:
        """Quick exit: end the conversation and let the front end clear the chat."""
        self._asked.pop(user, None)  # which topics they read is not kept either
        try:
            await self._rasa.erase_conversation(user)
        except RasaUnavailable:
            logger.warning("Quick exit could not erase the conversation in Rasa.")
        return [Reply("", kind="clear_chat")]

    async def sweep(self, now: float | None = None) -> int:
        """Retention: erase idle conversations, drop text older than the period."""
        now = time.monotonic() if now is None else now
        expired = [u for u, t in self._last_seen.items() if now - t > self._retention_s]
        erased = 0
        for user in expired:
            try:
                await self._rasa.erase_conversation(user)
            except RasaUnavailable:
                continue  # try again at the next sweep
            self._forget_locally(user)
            erased += 1
        cutoff = time.time() - self._retention_s
        for user, started in list(self._started.items()):
            if started < cutoff and await self._trim(user, cutoff):
                erased += 1
        if self._relay is not None:
            try:
                erased += self._relay.store.purge_older_than(cutoff)
            except Exception as error:  # noqa: BLE001 - retry at the next sweep
                logger.warning("Retention in the handoff store failed: %s",
                               type(error).__name__)  # fmt: skip
        if erased:
            logger.info("Retention sweep removed %d item(s).", erased)
        return erased

    async def _trim(self, user: str, cutoff: float) -> bool:
        """Drop what was said before `cutoff` from a conversation still going on."""
        try:
            events = await self._rasa.events(user)
            kept = [
                e
                for e in events
                if e.get("event") in _TEXTLESS_EVENTS
                or float(e.get("timestamp") or 0) >= cutoff
            ]
            if len(kept) != len(events):
                await self._rasa.replace_events(user, kept)
        except RasaUnavailable:
            return False
        said = [
            float(e.get("timestamp") or 0) for e in kept if e.get("event") == "user"
        ]
        self._started[user] = min(said, default=time.time())
        return len(kept) != len(events)

    def _apply(self, prefs: Preferences, changes: dict[str, str]) -> None:
        prefs.language = normalize_language(changes.get("language")) or prefs.language
        prefs.country = normalize_country(changes.get("country")) or prefs.country
        prefs.age_group = (
            normalize_age_group(changes.get("age_group")) or prefs.age_group
        )

    async def aclose(self) -> None:
        """Release the Rasa connection pool."""
        await self._rasa.aclose()
