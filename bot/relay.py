"""Human handoff relay, channel-agnostic: what each side of a case sends and sees.

Both directions go through the store's outbox, so nothing is lost while a process
or Telegram is down, and a gateway restart mid-case simply continues delivering.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.render import Reply
from bot.texts import GatewayTexts
from handoff.store import ACTIVE, COUNSELLOR, WAITING, YOUTH, Case, HandoffStore
from helplines.directory import HelplineDirectory
from helplines.formatting import contact

logger = logging.getLogger(__name__)

END_PAYLOAD = "gw:end"
HISTORY_YES, HISTORY_NO = "gw:history:yes", "gw:history:no"


@dataclass(frozen=True)
class Audience:
    """Language and age band to render a young person's texts."""

    language: str
    age_group: str | None


class Relay:
    """Decide what happens to messages while a young person has an open case."""

    def __init__(
        self,
        store: HandoffStore,
        rasa: RasaClient,
        texts: GatewayTexts,
        helplines: HelplineDirectory,
    ) -> None:
        """Wire the store, Rasa (to resume and read history) and the texts."""
        self.store = store
        self._rasa = rasa
        self._texts = texts
        self._helplines = helplines
        self._unresumed: set[str] = set()

    # Young person's side -------------------------------------------------

    def open_case(self, user: str) -> Case | None:
        """Return the person's waiting or active case."""
        return self.store.open_case_for(user)

    def remember_contact(self, user: str, channel: str, address: str) -> None:
        """Keep how to reach the person while a case is open."""
        self.store.remember_contact(user, channel, address)

    def youth_text(self, case: Case, text: str) -> list[Reply]:
        """Queue a message for the counsellor; while waiting, say where they are."""
        self.store.enqueue(case.id, COUNSELLOR, "text", text)
        if case.status == WAITING:
            return self._render(case, "utter_handoff_waiting")
        return []

    def youth_media(
        self, case: Case | None, kind: str, audience: Audience
    ) -> list[Reply]:
        """Never forward media; tell the counsellor something was withheld."""
        if case is not None:
            self.store.enqueue(case.id, COUNSELLOR, "withheld", kind)
        return self._texts.render(
            "utter_media_withheld", audience.language, audience.age_group
        )

    async def youth_end(self, case: Case) -> list[Reply]:
        """Close the case from the young person's side and give the bot back."""
        self.store.close(case.id)
        if case.status == ACTIVE:
            self.store.enqueue(case.id, COUNSELLOR, "ended_by_youth")
        await self._resume(case.user_key)
        name = (
            "utter_handoff_ended_by_user"
            if case.status == ACTIVE
            else ("utter_handoff_cancelled")
        )
        return self._render(case, name)

    async def youth_consent(self, case: Case, allowed: bool) -> list[Reply]:
        """Share (or keep private) what the person wrote to the bot before."""
        self.store.update_case(case.id, history_consent=allowed)
        if not allowed:
            self.store.enqueue(case.id, COUNSELLOR, "history_declined")
            return self._render(case, "utter_handoff_history_kept")
        history = await self._history(case.user_key)
        self.store.enqueue(case.id, COUNSELLOR, "history", "\n".join(history))
        return self._render(case, "utter_handoff_history_shared")

    # Counsellor's side ---------------------------------------------------

    def claim(self, case_id: int, counsellor_ref: str) -> bool:
        """Claim atomically; the winner's young person is told a person joined."""
        won = self.store.claim(case_id, counsellor_ref)
        if won:
            self.store.enqueue(case_id, YOUTH, "claimed")
            logger.info("Case %d claimed.", case_id)
        return won

    def counsellor_text(self, case: Case, text: str) -> None:
        """Queue a counsellor's message for the young person."""
        self.store.enqueue(case.id, YOUTH, "text", text)

    async def counsellor_end(self, case: Case) -> bool:
        """Close the case from the counsellor's side and give the bot back."""
        if not self.store.close(case.id):
            return False
        self.store.enqueue(case.id, YOUTH, "ended_by_counsellor")
        await self._resume(case.user_key)
        logger.info("Case %d closed by the counsellor.", case.id)
        return True

    def transfer(self, case: Case, counsellor_ref: str) -> bool:
        """Put the case back in the queue for a colleague."""
        moved = self.store.transfer(case.id, counsellor_ref)
        if moved:
            self.store.enqueue(case.id, YOUTH, "transferred")
        return moved

    # Rendering for the young person ---------------------------------------

    def youth_replies(self, case: Case, kind: str, body: str) -> list[Reply]:
        """Turn one outbox item for the young person into chat bubbles."""
        if kind == "text":
            label = self._texts.render(
                "utter_counsellor_label", case.language, case.age_group
            )
            prefix = label[0].text if label else "Counsellor"
            return [Reply(f"{prefix}: {body}")]
        if kind == "claimed":
            return self._render(case, "utter_handoff_connected") + self._render(
                case, "utter_handoff_consent"
            )
        if kind == "ended_by_counsellor":
            return self._render(case, "utter_handoff_ended_by_counsellor")
        if kind == "transferred":
            return self._render(case, "utter_handoff_transferred")
        logger.error("Unknown outbox kind for the young person: %s", kind)
        return []

    def _render(self, case: Case, name: str) -> list[Reply]:
        emergency = self._helplines.emergency(case.country)
        helpline = self._helplines.child_helpline(case.country)
        return self._texts.render(
            name,
            case.language,
            case.age_group,
            position=str(self.store.queue_position(case.id) or 1),
            emergency=emergency.phone or "112",
            helpline=contact(helpline, case.language),
        )

    async def _resume(self, user: str) -> None:
        try:
            # Without an action_listen after the pause, rules (which all start from
            # a listen) would not match the next message and Rasa would fall back.
            now = time.time()
            await self._rasa.append_event(
                user,
                [
                    {"event": "resume", "timestamp": now},
                    {"event": "action", "name": "action_listen", "timestamp": now},
                ],
            )
        except RasaUnavailable:
            logger.warning("Could not resume the Rasa conversation; retrying later.")
            self._unresumed.add(user)
            return
        self._unresumed.discard(user)

    async def ensure_resumed(self, user: str) -> None:
        """Resume a conversation whose resume failed, before talking to Rasa again."""
        if user in self._unresumed:
            await self._resume(user)

    async def _history(self, user: str) -> list[str]:
        try:
            events = await self._rasa.events(user)
        except RasaUnavailable:
            return []
        return [
            e["text"]
            for e in events
            if e.get("event") == "user"
            and isinstance(e.get("text"), str)
            and not e["text"].startswith("/")
        ]
