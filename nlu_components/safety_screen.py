"""NLU step: the rule-based safety screen overrides the statistical intent.

Runs last in the pipeline, so a phrase in data/safety/ wins over the classifier and
over the fallback. The gateway runs the same screen before Rasa (to answer when Rasa is
down); this step makes the REST channel, story tests and `make eval-nlu` see the
same decision. Phrases are read when the model loads, so editing them needs no training.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from safety.screen import DEFAULT_DIR, SafetyScreen

logger = logging.getLogger(__name__)
CRISIS_INTENTS = {"crisis_danger", "crisis_self_harm", "disclose_exploitation"}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyScreenClassifier(GraphComponent):
    """Set the crisis intent when a safety phrase matches."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Phrases are read from `phrases_dir` (data/safety by default)."""
        return {"phrases_dir": str(DEFAULT_DIR)}

    def __init__(self, config: dict[str, Any]) -> None:
        """Load the phrases once."""
        self._screen = SafetyScreen.load(Path(config["phrases_dir"]))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyScreenClassifier:
        """Create the step; it has nothing to train."""
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: list[Message]) -> list[Message]:
        """Put the crisis intent first when the screen finds a crisis."""
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # button payloads already name their intent
            result = self._screen.check(text)
            if result.is_crisis and result.intent is not None:
                self._put_first(message, result.intent)
                logger.debug("Safety screen set the intent (%s).", result.category)
            elif result.harmless:
                self._drop_crisis_guess(message)
        return messages

    @staticmethod
    def _put_first(message: Message, intent: str) -> None:
        top = {"name": intent, "confidence": 1.0}
        ranking = [
            r for r in message.get("intent_ranking") or [] if r.get("name") != intent
        ]
        message.set(INTENT, top, add_to_output=True)
        message.set("intent_ranking", [top, *ranking], add_to_output=True)

    @staticmethod
    def _drop_crisis_guess(message: Message) -> None:
        """A joke, game or idiom the editors listed: not a crisis for the model."""
        if (message.get(INTENT) or {}).get("name") not in CRISIS_INTENTS:
            return
        ranking = [
            r
            for r in message.get("intent_ranking") or []
            if r.get("name") not in CRISIS_INTENTS and r.get("name") != "nlu_fallback"
        ]
        top = ranking[0] if ranking else {"name": "out_of_scope", "confidence": 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set("intent_ranking", ranking or [top], add_to_output=True)
