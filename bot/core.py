"""Channel-agnostic gateway: one young person's message in, chat bubbles out.

Front ends (console, Telegram) only translate their own events into calls on
`Gateway`; every behaviour lives here so it can be tried without a token.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.render import Reply, render
from bot.texts import GatewayTexts
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
    ) -> None:
        """Wire the Rasa client, gateway texts and helpline directory."""
        self._rasa = rasa
        self._texts = texts
        self._helplines = helplines
        self._default_language = normalize_language(default_language) or "en"
        self._default_country = normalize_country(default_country)
        self._preferences: dict[str, Preferences] = {}
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
        self, user: str, text: str, language_tag: str | None = None
    ) -> list[Reply]:
        """Answer a typed message; '/word' is a command, not text for Rasa."""
        stripped = text.strip()
        if stripped.startswith("/"):
            command, _, argument = stripped[1:].partition(" ")
            return await self.handle_command(
                user, command.split("@")[0].lower(), argument.strip(), language_tag
            )
        if not stripped:
            return []
        return await self._ask_rasa(user, stripped, language_tag)

    async def handle_button(
        self, user: str, payload: str, language_tag: str | None = None
    ) -> list[Reply]:
        """Send a tapped button's payload to Rasa."""
        return await self._ask_rasa(user, payload, language_tag)

    async def handle_command(
        self,
        user: str,
        command: str,
        argument: str = "",
        language_tag: str | None = None,
    ) -> list[Reply]:
        """Run a slash command; unknown commands get a kind explanation."""
        prefs = self.preferences(user, language_tag)
        if command == "forget":
            return await self._forget(user, prefs)
        if command == "hide":
            return await self._hide(user)
        if command == "country":
            country = normalize_country(argument)
            if country is None:
                return self._texts.render(
                    "utter_ask_country", prefs.language, prefs.age_group
                )
            prefs.country = country
            return await self._ask_rasa(user, "/ask_helplines", language_tag)
        payload = COMMAND_PAYLOADS.get(command)
        if payload is None:
            return self._texts.render(
                "utter_unknown_command", prefs.language, prefs.age_group
            )
        return await self._ask_rasa(user, payload, language_tag)

    async def _ask_rasa(
        self, user: str, message: str, language_tag: str | None
    ) -> list[Reply]:
        prefs = self.preferences(user, language_tag)
        self._last_seen[user] = time.monotonic()
        try:
            messages = await self._rasa.send(user, message, prefs.metadata())
        except RasaUnavailable:
            logger.warning("Answering with the offline fallback (Rasa unavailable).")
            return self._offline_fallback(prefs)
        rendered = render(messages)
        self._apply(prefs, rendered.preferences)
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
