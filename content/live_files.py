"""Values built from content files and rebuilt when an editor changes those files.

Text-only edits (answers, helplines) go live in a running assistant without a restart:
the files' modification times are compared at most once per interval.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)
CHECK_INTERVAL_S = 1.0


class LiveFiles(Generic[T]):
    """Keep `build()`'s result; rebuild it when any of `files()` changed."""

    def __init__(
        self,
        files: Callable[[], list[Path]],
        build: Callable[[], T],
        what: str,
        interval_s: float = CHECK_INTERVAL_S,
    ) -> None:
        """Build once now (errors here are real start-up errors and propagate)."""
        self._files, self._build, self._what = files, build, what
        self._interval_s = interval_s
        self._lock = threading.Lock()
        self._signature = self._current_signature()
        self._value = build()
        self._checked_at = time.monotonic()

    def _current_signature(self) -> tuple[tuple[str, int, int], ...]:
        found = []
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue  # a file being replaced; the next check sees it
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def get(self) -> T:
        """Return the value, rebuilt first if the files changed since last time."""
        now = time.monotonic()
        if now - self._checked_at < self._interval_s:
            return self._value
        with self._lock:
            self._checked_at = now
            signature = self._current_signature()
            if signature != self._signature:
                try:
                    self._value = self._build()
                    logger.info("Reloaded %s after an edit.", self._what)
                except Exception as error:  # noqa: BLE001 - keep serving the last good version
                    logger.error(
                        "Edited %s could not be read (%s); still using the previous "
                        "version. Run `make check`.",
                        self._what,
                        type(error).__name__,
                    )
                self._signature = signature  # do not retry a broken edit every second
        return self._value
