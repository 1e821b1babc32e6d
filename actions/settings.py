"""Action server configuration, read once from the environment."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

from content.live_files import LiveFiles
from handoff.hours import OpeningHours
from handoff.store import HandoffStore
from helplines.directory import DEFAULT_PATH, HelplineDirectory
from helplines.live import LiveHelplineDirectory

HELPLINES_PATH = Path(os.environ.get("HELPLINES_PATH", str(DEFAULT_PATH)))
FLOWS_PATH = Path(__file__).resolve().parent.parent / "data" / "flows.yml"
DATABASE_URL = os.environ.get("DATABASE_URL") or None
OPENING_HOURS = os.environ.get("OPENING_HOURS", "")
TIMEZONE = os.environ.get("TIMEZONE", "UTC")


@lru_cache(maxsize=1)
def helpline_directory() -> HelplineDirectory:
    """Return the helpline directory (follows edits); tests monkeypatch this."""
    return LiveHelplineDirectory(HELPLINES_PATH)


def _read_flows() -> dict[str, list[str]]:
    data = yaml.safe_load(FLOWS_PATH.read_text(encoding="utf-8")) or {}
    return {str(k): [str(a) for a in v] for k, v in (data.get("flows") or {}).items()}


@lru_cache(maxsize=1)
def _live_flows() -> LiveFiles[dict[str, list[str]]]:
    return LiveFiles(lambda: [FLOWS_PATH], _read_flows, "flows")


def flows() -> dict[str, list[str]]:
    """Return {intent: [answer of step 1, step 2, ...]} from data/flows.yml (live)."""
    return _live_flows().get()


@lru_cache(maxsize=1)
def handoff_store() -> HandoffStore:
    """Return the shared handoff store; created on first use, never at import."""
    return HandoffStore.from_url(DATABASE_URL)


@lru_cache(maxsize=1)
def opening_hours() -> OpeningHours:
    """Return the counsellors' opening hours (always open when unset)."""
    return OpeningHours.parse(OPENING_HOURS, TIMEZONE)
