"""Channel-agnostic gateway: one young person's message in, chat bubbles out.

Front ends (console, Telegram) only translate their own events into calls on
`Gateway`; every behaviour lives here so it can be tried without a token.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.relay import END_PAYLOAD, HISTORY_NO, HISTORY_YES, Audience, Relay
from bot.render import Reply, render
from bot.texts import GatewayTexts
from handoff.store import ACTIVE, Case
from helplines.directory import HelplineDirectory
from helplines.formatting import contact
from preferences.parsing import (
    language_from_tag,
    normalize_age_group,
    normalize_country,
    normalize_language,
)

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
_COUNTRY_FOR_LANGUAGE = {"nb": "NO", "sv": "SE", "nl": "NL"}
# Commands that still work while a counsellor case is open.
_CASE_COMMANDS = {"end", "hide", "forget"}
Contact = tuple[str, str]  # (channel, sealed address) used to relay to this person


@dataclass
class Preferences:
    """What the gateway knows about one young person; sent as Rasa metadata."""

    language: str
    country: str
    age_group: str | None = None

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
    ) -> None:
        """Wire the Rasa client, gateway texts and helpline directory."""
        self._rasa = rasa
        self._texts = texts
        self._helplines = helplines
        self._default_language = normalize_language(default_language) or "en"
        self._default_country = normalize_country(default_country)
        self._preferences: dict[str, Preferences] = {}
        self._relay = relay
        self._retention_s = retention_hours * 3600
        self._last_seen: dict[str, float] = {}

    def preferences(self, user: str, language_tag: str | None = None) -> Preferences:
        """Return a user's settings, created from the channel's language tag."""
        if user not in self._preferences:
            language = language_from_tag(language_tag) or self._default_language
            country = self._default_country or _COUNTRY_FOR_LANGUAGE.get(
                language, "INT"
            )
            self._preferences[user] = Preferences(language=language, country=country)
        return self._preferences[user]

    async def handle_text(
        self,
        user: str,
        text: str,
        language_tag: str | None = None,
        contact: Contact | None = None,
    ) -> list[Reply]:
        """Answer a typed message; '/word' is a command, not text for Rasa."""
        stripped = text.strip()
        command, argument = None, ""
        if stripped.startswith("/"):
            word, _, argument = stripped[1:].partition(" ")
            command = word.split("@")[0].lower()
        case = self._open_case(user)
        if case is not None and command not in _CASE_COMMANDS:
            assert self._relay is not None
            return self._relay.youth_text(case, stripped) if stripped else []
        if command is not None:
            return await self.handle_command(
                user, command, argument.strip(), language_tag, contact
            )
        if not stripped:
            return []
        return await self._ask_rasa(user, stripped, language_tag, contact)

    async def handle_button(
        self,
        user: str,
        payload: str,
        language_tag: str | None = None,
        contact: Contact | None = None,
    ) -> list[Reply]:
        """Send a tapped button's payload to Rasa (or act on a gateway button)."""
        case = self._open_case(user)
        if case is not None:
            assert self._relay is not None
            if payload == END_PAYLOAD:
                return await self._relay.youth_end(case)
            if payload in (HISTORY_YES, HISTORY_NO) and case.status == ACTIVE:
                return await self._relay.youth_consent(case, payload == HISTORY_YES)
            return []  # old bot buttons do nothing while a person is answering
        if payload.startswith("gw:"):
            return []  # a button of a case that has ended
        return await self._ask_rasa(user, payload, language_tag, contact)

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
    ) -> list[Reply]:
        prefs = self.preferences(user, language_tag)
        self._last_seen[user] = time.monotonic()
        try:
            if self._relay is not None:
                await self._relay.ensure_resumed(user)
            messages = await self._rasa.send(user, message, prefs.metadata())
        except RasaUnavailable:
            logger.warning("Answering with the offline fallback (Rasa unavailable).")
            return self._offline_fallback(prefs)
        rendered = render(messages)
        self._apply(prefs, rendered.preferences)
        if rendered.handoff_case is not None and self._relay and contact:
            self._relay.remember_contact(user, *contact)
        if not rendered.replies:
            # Rasa answers 200 even when an action failed: never leave anyone hanging.
            logger.warning("Rasa returned no messages; using the offline fallback.")
            return self._offline_fallback(prefs)
        return rendered.replies

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
        self._preferences.pop(user, None)
        self._last_seen.pop(user, None)
        logger.info("Erased a conversation on request.")
        return self._texts.render("utter_forgotten", prefs.language, prefs.age_group)

    async def _hide(self, user: str) -> list[Reply]:
        """Quick exit: end the conversation and let the front end clear the chat."""
        try:
            await self._rasa.erase_conversation(user)
        except RasaUnavailable:
            logger.warning("Quick exit could not erase the conversation in Rasa.")
        return [Reply("", kind="clear_chat")]

    async def sweep(self, now: float | None = None) -> int:
        """Erase conversations idle for longer than the retention period."""
        now = time.monotonic() if now is None else now
        expired = [u for u, t in self._last_seen.items() if now - t > self._retention_s]
        erased = 0
        for user in expired:
            try:
                await self._rasa.erase_conversation(user)
            except RasaUnavailable:
                continue  # try again at the next sweep
            self._last_seen.pop(user, None)
            self._preferences.pop(user, None)
            erased += 1
        if erased:
            logger.info("Retention sweep erased %d conversation(s).", erased)
        return erased

    def _apply(self, prefs: Preferences, changes: dict[str, str]) -> None:
        prefs.language = normalize_language(changes.get("language")) or prefs.language
        prefs.country = normalize_country(changes.get("country")) or prefs.country
        prefs.age_group = (
            normalize_age_group(changes.get("age_group")) or prefs.age_group
        )

    def _offline_fallback(self, prefs: Preferences) -> list[Reply]:
        emergency = self._helplines.emergency(prefs.country)
        helpline = self._helplines.child_helpline(prefs.country)
        return self._texts.render(
            "utter_service_unavailable",
            prefs.language,
            prefs.age_group,
            emergency=emergency.phone or "112",
            helpline=contact(helpline, prefs.language),
        )

    async def aclose(self) -> None:
        """Release the Rasa connection pool."""
        await self._rasa.aclose()
