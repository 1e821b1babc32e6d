"""Action server configuration, read once from the environment."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from handoff.hours import OpeningHours
from handoff.store import HandoffStore
from helplines.directory import DEFAULT_PATH, HelplineDirectory

HELPLINES_PATH = Path(os.environ.get("HELPLINES_PATH", str(DEFAULT_PATH)))
DATABASE_URL = os.environ.get("DATABASE_URL") or None
OPENING_HOURS = os.environ.get("OPENING_HOURS", "")
TIMEZONE = os.environ.get("TIMEZONE", "UTC")


@lru_cache(maxsize=1)
def helpline_directory() -> HelplineDirectory:
    """Return the helpline directory; tests monkeypatch this factory."""
    return HelplineDirectory.load(HELPLINES_PATH)


@lru_cache(maxsize=1)
def handoff_store() -> HandoffStore:
    """Return the shared handoff store; created on first use, never at import."""
    return HandoffStore.from_url(DATABASE_URL)


@lru_cache(maxsize=1)
def opening_hours() -> OpeningHours:
    """Return the counsellors' opening hours (always open when unset)."""
    return OpeningHours.parse(OPENING_HOURS, TIMEZONE)
