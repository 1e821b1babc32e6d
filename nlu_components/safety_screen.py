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
            if not result.is_crisis or result.intent is None:
                continue
            top = {"name": result.intent, "confidence": 1.0}
            ranking = [
                r
                for r in message.get("intent_ranking") or []
                if r.get("name") != result.intent
            ]
            message.set(INTENT, top, add_to_output=True)
            message.set("intent_ranking", [top, *ranking], add_to_output=True)
            logger.debug("Safety screen set the intent (%s).", result.category)
        return messages
