"""The gateway's own answers (Rasa down, unknown command), read from content files."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from string import Formatter
from typing import Any

from bot.render import Reply, bubbles, buttons_from
from content.live_files import LiveFiles
from content.responses import answer_files, load_responses
from nlg.selection import most_specific

logger = logging.getLogger(__name__)


class _Blank(dict):
    """Leave unknown placeholders empty instead of failing on them."""

    def __missing__(self, key: str) -> str:
        return ""


class GatewayTexts:
    """Render answers from data/responses without going through Rasa."""

    def __init__(
        self,
        responses: dict[str, list[dict[str, Any]]] | LiveFiles[dict[str, Any]],
    ) -> None:
        """Wrap answers ({name: variations}), fixed or re-read after edits."""
        self._source = responses

    @property
    def _responses(self) -> dict[str, list[dict[str, Any]]]:
        if isinstance(self._source, LiveFiles):
            return self._source.get()
        return self._source

    @classmethod
    def load(cls, responses_dir: Path) -> GatewayTexts:
        """Load every answer file; edits are picked up within a second or two."""
        return cls(
            LiveFiles(
                lambda: answer_files(responses_dir),
                lambda: load_responses(responses_dir),
                "answer files",
            )
        )

    def all_texts(self, name: str) -> set[str]:
        """Return every variation's text of an answer (e.g. a button label)."""
        return {
            str(v.get("text", "")).strip()
            for v in self._responses.get(name, [])
            if str(v.get("text", "")).strip()
        }

    def render(
        self, name: str, language: str, age_group: str | None, **values: str
    ) -> list[Reply]:
        """Return the bubbles of an answer for a language and age band."""
        candidates = most_specific(self._responses.get(name, []), language, age_group)
        if not candidates:
            logger.error("No text for gateway answer %s", name)
            return []
        chosen = random.choice(candidates)
        text = Formatter().vformat(chosen["text"], (), _Blank(values))
        return bubbles(text, buttons_from(chosen.get("buttons")))
