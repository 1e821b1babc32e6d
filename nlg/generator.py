"""Rasa response generator that serves the young person's language and age band."""

from __future__ import annotations

import copy
import logging
import random
import time
from pathlib import Path
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from content.responses import ContentError, answer_files, load_responses
from nlg.selection import most_specific

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
        configured = kwargs.get("responses_dir")
        self._responses_dir = Path(configured) if configured else None
        self._file_responses: dict[str, list[dict[str, Any]]] = {}
        super().__init__(dict(domain.responses) if domain else {})
        self._signature: tuple[tuple[str, float, int], ...] = ()
        self._checked_at = 0.0
        self._maybe_reload(force=True)

    def _maybe_reload(self, force: bool = False) -> None:
        if self._responses_dir is None:
            return
        now = time.monotonic()
        if not force and now - self._checked_at < RELOAD_INTERVAL_S:
            return
        self._checked_at = now
        try:
            files = answer_files(self._responses_dir)
            signature = tuple(
                (str(p), p.stat().st_mtime, p.stat().st_size) for p in files
            )
            if signature == self._signature:
                return
            self._file_responses = load_responses(self._responses_dir)
            self._signature = signature
            logger.info("Loaded answers from %d content files.", len(files))
        except (OSError, ContentError) as error:
            # A broken edit must not take the assistant down: keep the last good texts.
            logger.error("Answer files not reloaded, keeping previous texts: %s", error)

    @property  # type: ignore[override]
    def responses(self) -> dict[str, list[dict[str, Any]]]:
        """Return the model's answers, overridden by the content files."""
        return {**self._domain_responses, **self._file_responses}

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
        self._maybe_reload()
        # Actions that just changed a setting pass it along: their events apply later.
        overrides = {k: kwargs[k] for k in ("language", "age_group") if kwargs.get(k)}
        filled_slots = {**tracker.current_slot_values(), **overrides}
        response = copy.deepcopy(
            self._random_response_for(utter_action, output_channel, filled_slots)
        )
        if response is None:
            return None
        response.pop("condition", None)
        return self._fill_response(response, filled_slots, **kwargs)
