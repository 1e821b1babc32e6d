"""Rasa response generator that serves the young person's language and age band."""

from __future__ import annotations

import copy
import logging
import os
import random
from pathlib import Path
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from content.live_files import LiveFiles
from content.responses import ContentError, answer_files, load_responses
from nlg.selection import most_specific
from rasa_runtime import action_validation

# Rasa imports this module at start-up (endpoints.yml), the one hook we have into
# the server process for this speed-up.
action_validation.install()

logger = logging.getLogger(__name__)

RELOAD_INTERVAL_S = 1.0


class MostSpecificNLG(TemplatedNaturalLanguageGenerator):
    """Pick language + age band first, then language only, then English.

    With `responses_dir` in endpoints.yml the answers are read from the editors' files
    and re-read when they change, so text-only edits go live without retraining.
    """

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
    ) -> None:
        """Start from the model's responses; watch `responses_dir` if configured."""
        kwargs = endpoint_config.kwargs if endpoint_config else {}
        # RESPONSES_DIR (as for the gateway) lets a deployment serve other files.
        configured = os.environ.get("RESPONSES_DIR") or kwargs.get("responses_dir")
        super().__init__(dict(domain.responses) if domain else {})
        self._live: LiveFiles[dict[str, Any]] | None = None
        if configured:
            folder = Path(configured)
            try:
                self._live = LiveFiles(
                    lambda: answer_files(folder),
                    lambda: load_responses(folder),
                    "answer files",
                    interval_s=RELOAD_INTERVAL_S,
                )
            except (OSError, ContentError) as error:
                # A broken file must not take the assistant down: the model's
                # answers (as trained) are served until the files are mended.
                logger.error("Answer files not loaded, using the model's: %s", error)

    @property  # type: ignore[override]
    def responses(self) -> dict[str, list[dict[str, Any]]]:
        """Return the model's answers, overridden by the content files."""
        files = self._live.get() if self._live else {}
        return {**self._domain_responses, **files}

    @responses.setter
    def responses(self, value: dict[str, list[dict[str, Any]]]) -> None:
        # Rasa assigns the model domain's answers after loading a model; keep the
        # content files authoritative instead of losing them.
        self._domain_responses = dict(value or {})

    def _fill_response(
        self,
        response: dict[str, Any],
        filled_slots: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        # Only texts have placeholders; Rasa would also try to fill button payloads
        # such as '/choose_language{"language": "nb"}' and log a traceback for each.
        buttons = response.pop("buttons", None)
        filled = super()._fill_response(response, filled_slots, **kwargs)
        if buttons:
            filled["buttons"] = buttons
        return filled

    def _random_response_for(
        self, utter_action: str, output_channel: str, filled_slots: dict[str, Any]
    ) -> dict[str, Any] | None:
        variations = self.responses.get(utter_action)
        if not variations:
            return None
        candidates = most_specific(
            variations, filled_slots.get("language"), filled_slots.get("age_group")
        )
        return random.choice(candidates) if candidates else None

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """Return the filled answer for the tracker's language and age band."""
        # Actions that just changed a setting pass it along: their events apply later.
        overrides = {k: kwargs[k] for k in ("language", "age_group") if kwargs.get(k)}
        filled_slots = {**tracker.current_slot_values(), **overrides}
        response = copy.deepcopy(
            self._random_response_for(utter_action, output_channel, filled_slots)
        )
        if response is None:
            return None
        response.pop("condition", None)
        filled = self._fill_response(response, filled_slots, **kwargs)
        return named(filled, utter_action)


def named(message: dict[str, Any], utter_action: str) -> dict[str, Any]:
    """Mark a message with its answer's name, for the gateway's "was this helpful?".

    Rasa's REST channel passes on only text, buttons, image, attachment and custom,
    so the name travels as `custom: {response: ...}` (a message of its own after
    the answer's bubbles); the gateway reads it and shows nothing for it.
    """
    custom = message.get("custom")
    if custom is None or isinstance(custom, dict):
        message["custom"] = {**(custom or {}), "response": utter_action}
    return message
