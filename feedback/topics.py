"""Which answers may be followed by "was this helpful?", and where each is written.

A topic is the answer file's name (data/responses/<lang>/grooming.yml -> grooming).
Only topic answers that explain something are rated: never crisis answers,
settings, small talk, handoff messages or the gateway's own texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from content.live_files import LiveFiles
from content.responses import answer_files

# Answer files that are not advice to rate. New topic files are rated by default.
NOT_RATED_TOPICS = frozenset(
    {
        "crisis",
        "exploitation",
        "feedback",
        "gateway",
        "handoff",
        "safety",
        "settings",
        "smalltalk",
    }
)
# May share a turn with a rated answer (a greeting, a settings change).
QUIET_TOPICS = frozenset({"settings", "smalltalk"})
# Someone may be in danger: no question about answers for the rest of the chat.
CRISIS_TOPICS = frozenset({"crisis", "exploitation"})
CRISIS_PREFIX = "utter_crisis_"
# Confirms an erasure; asking about it would be odd.
NOT_RATED_ANSWERS = frozenset({"utter_delete_my_data"})


@dataclass(frozen=True)
class Place:
    """Where one answer is written in one language."""

    path: Path
    line: int | None

    @property
    def topic(self) -> str:
        """Return the topic: the file's name without .yml."""
        return self.path.stem


def answer_places(root: Path) -> dict[tuple[str, str], Place]:
    """Return {(answer, language): file and line} for every answer file."""
    places: dict[tuple[str, str], Place] = {}
    for path in answer_files(root):
        for name, line in _answer_lines(path).items():
            places.setdefault((name, path.parent.name), Place(path, line))
    return places


def _answer_lines(path: Path) -> dict[str, int]:
    """Return the answers of one file with their line numbers (1-based)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}  # `make check` explains broken files; nothing to rate there
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if key.value == "responses" and isinstance(value, yaml.MappingNode):
            return {k.value: k.start_mark.line + 1 for k, _ in value.value}
    return {}


class AnswerTopics:
    """Tell the gateway an answer's topic; follows the editors' files live."""

    def __init__(self, root: Path) -> None:
        """Read every answer file below `root` (data/responses)."""
        self._live = LiveFiles(
            lambda: answer_files(root),
            lambda: _topics(answer_places(root)),
            "answer topics",
        )

    def topic(self, name: str) -> str | None:
        """Return the topic of an answer, None if no file has it."""
        return self._live.get().get(name)

    def is_crisis(self, name: str) -> bool:
        """Whether an answer is for someone who may be in danger."""
        return name.startswith(CRISIS_PREFIX) or self.topic(name) in CRISIS_TOPICS

    def is_quiet(self, name: str) -> bool:
        """Whether an answer may come in the same turn as a rated one."""
        return self.is_rated(name) or self.topic(name) in QUIET_TOPICS

    def is_rated(self, name: str) -> bool:
        """Whether a young person may be asked about this answer."""
        topic = self.topic(name)
        return (
            topic is not None
            and topic not in NOT_RATED_TOPICS
            and name not in NOT_RATED_ANSWERS
            and not self.is_crisis(name)
        )


def _topics(places: dict[tuple[str, str], Place]) -> dict[str, str]:
    # English files come first (answer_files is sorted), then other languages.
    topics: dict[str, str] = {}
    for (name, _language), place in places.items():
        topics.setdefault(name, place.topic)
    return topics
