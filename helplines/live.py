"""A helpline directory that follows edits of helplines.yml while the assistant runs."""

from __future__ import annotations

from pathlib import Path

from content.live_files import LiveFiles
from helplines.directory import Country, HelplineDirectory


class LiveHelplineDirectory(HelplineDirectory):
    """Same lookups as HelplineDirectory; the file is re-read after an edit.

    A broken edit keeps the last good numbers (and is logged), so a typo never
    leaves a young person without a number.
    """

    def __init__(self, path: Path) -> None:  # noqa: D107 - no base __init__: countries are live
        self._live = LiveFiles(
            lambda: [Path(path)],
            lambda: HelplineDirectory.load(path).countries,
            "helplines",
        )

    @property
    def countries(self) -> dict[str, Country]:  # type: ignore[override]
        """Countries as currently written in the file."""
        return self._live.get()
