"""Action server configuration, read once from the environment."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from helplines.directory import DEFAULT_PATH, HelplineDirectory

HELPLINES_PATH = Path(os.environ.get("HELPLINES_PATH", str(DEFAULT_PATH)))


@lru_cache(maxsize=1)
def helpline_directory() -> HelplineDirectory:
    """Return the helpline directory; tests monkeypatch this factory."""
    return HelplineDirectory.load(HELPLINES_PATH)
