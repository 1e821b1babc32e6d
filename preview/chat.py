"""Chat in the console with the edited content as a chosen language and age band.

Runs `make run`'s launcher unchanged; the settings reach the console through the
environment: DEFAULT_LANGUAGE and DEFAULT_COUNTRY (read by bot/settings.py) and
CONSOLE_AGE_GROUP (read by bot/console.py), so the young person starts with them
as if they had picked them, and Rasa gets them with the first message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, MutableMapping

AGE_GROUP_ENV = "CONSOLE_AGE_GROUP"  # the same name as in bot/console.py


def start_chat(
    language: str | None,
    band: str | None,
    country: str | None,
    environ: MutableMapping[str, str] | None = None,
    run: Callable[[], int] | None = None,
) -> int:
    """Set the young person's settings, then start everything as `make run` does."""
    environ = os.environ if environ is None else environ
    for name, value in (
        ("DEFAULT_LANGUAGE", language),
        ("DEFAULT_COUNTRY", country),
        (AGE_GROUP_ENV, band),
    ):
        if value:
            environ[name] = value
    # An editor's 👍/👎 taps while previewing must not count as young people's votes.
    environ.setdefault("FEEDBACK_DB", "var/preview-feedback.db")
    if run is None:
        # Imported late: listing answers must not load the launcher (or Rasa).
        from launcher.__main__ import main as run
    return run()
