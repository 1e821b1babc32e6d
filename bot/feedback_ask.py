"""The optional, anonymous "was this helpful? 👍 / 👎" after a topic answer.

Never nagging: at most once per topic per conversation, never in the first turn,
never within a few replies of the last question, never after or during a crisis,
and no more questions once two were left unanswered. What was asked lives in
`FeedbackMemory`, which the gateway erases with the rest of a conversation; the
store keeps counts only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from bot.render import Button, Reply
from bot.settings import Settings
from bot.texts import GatewayTexts
from feedback.store import FeedbackStore, database_url
from feedback.topics import AnswerTopics

logger = logging.getLogger(__name__)

FEEDBACK_PREFIX = "gw:fb:"
UP, DOWN = "up", "down"
ASK, THANKS = "utter_feedback_ask", "utter_feedback_thanks"
UP_LABEL, DOWN_LABEL = "👍", "👎"
TURNS_BETWEEN_ASKS = 3
UNANSWERED_LIMIT = 2
_TAP = re.compile(r"^gw:fb:(up|down):(utter_[a-z0-9_]{1,60})$")


@dataclass
class FeedbackMemory:
    """What one conversation was asked; erased by /forget, /hide and the sweep."""

    turns: int = 0
    last_ask_turn: int | None = None
    asked_topics: set[str] = field(default_factory=set)
    open_asks: dict[str, str] = field(default_factory=dict)  # answer -> language
    answered: set[str] = field(default_factory=set)
    stopped: bool = False  # after a crisis or a handoff: no more questions


def tap_payload(vote: str, response: str) -> str:
    """Return a button payload for a vote on an answer."""
    return f"{FEEDBACK_PREFIX}{vote}:{response}"


def feedback_asker(settings: Settings, texts: GatewayTexts) -> FeedbackAsker | None:
    """Return the asker, or None when the deployment turned feedback off."""
    if not settings.feedback:
        return None
    store = FeedbackStore(database_url(settings.feedback_db))
    return FeedbackAsker(store, AnswerTopics(settings.responses_dir), texts)


class FeedbackAsker:
    """Decide when to ask, render the question, and count a tap."""

    def __init__(
        self, store: FeedbackStore, topics: AnswerTopics, texts: GatewayTexts
    ) -> None:
        """Wire the counts store, the answers' topics and the texts."""
        self._store = store
        self._topics = topics
        self._texts = texts

    def after_turn(
        self,
        memory: FeedbackMemory,
        responses: list[str],
        language: str,
        age_group: str | None,
        calm: bool = True,
    ) -> list[Reply]:
        """Return the question to add after this turn's answers, or nothing.

        Args:
            memory: the conversation's feedback memory (updated here).
            responses: the answers Rasa gave this turn, in order.
            language: the young person's language now.
            age_group: their age band, if known.
            calm: False after a crisis or a handoff: no more questions then.
        """
        memory.turns += 1
        if not calm or any(self._topics.is_crisis(r) for r in responses):
            memory.stopped = True
        if memory.stopped or not responses or not self._may_ask_now(memory):
            return []
        answer = responses[-1]
        topic = self._topics.topic(answer)
        if not self._topics.is_rated(answer) or topic in memory.asked_topics:
            return []
        if not all(self._topics.is_quiet(r) for r in responses):
            return []  # e.g. a handoff message in the same turn
        question = self._texts.render(ASK, language, age_group)
        if not question:
            return []
        assert topic is not None
        memory.asked_topics.add(topic)
        memory.last_ask_turn = memory.turns
        memory.open_asks[answer] = language
        buttons = (
            Button(UP_LABEL, tap_payload(UP, answer)),
            Button(DOWN_LABEL, tap_payload(DOWN, answer)),
        )
        last = question[-1]
        return [*question[:-1], Reply(last.text, buttons, last.kind)]

    def _may_ask_now(self, memory: FeedbackMemory) -> bool:
        if memory.turns < 2:
            return False  # the first turn already carries the introduction
        if len(memory.open_asks) >= UNANSWERED_LIMIT:
            return False  # they chose not to answer: stop asking
        last = memory.last_ask_turn
        return last is None or memory.turns - last >= TURNS_BETWEEN_ASKS

    def on_tap(
        self,
        memory: FeedbackMemory,
        payload: str,
        age_group: str | None,
    ) -> list[Reply] | None:
        """Count a 👍/👎 once and thank; None for a button that is not known.

        A second tap on the same question is ignored (no reply).
        """
        match = _TAP.match(payload)
        if match is None:
            return None
        vote, answer = match.groups()
        if answer in memory.answered:
            return []
        language = memory.open_asks.pop(answer, None)
        if language is None:
            return None  # from an erased or earlier conversation
        memory.answered.add(answer)
        try:
            self._store.record(answer, language, vote == UP)
        except Exception as error:  # noqa: BLE001 - a lost vote must not hurt
            logger.warning("Feedback not counted: %s", type(error).__name__)
        return self._texts.render(THANKS, language, age_group)
