"""Make any incoming text safe to process, and keep one person from flooding.

Nothing here rejects a message silently: the gateway answers every outcome.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass

MAX_LENGTH = 4096  # Telegram's own limit; longer text comes from other channels
# C0/C1 control characters except tab and newline, plus lone surrogates that
# appear when invalid UTF-8 was decoded leniently.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u2028\u2029\ufeff]"
)


@dataclass(frozen=True)
class CleanText:
    """A message ready for the screen and Rasa."""

    text: str
    truncated: bool = False


def clean(text: str | bytes) -> CleanText:
    """Drop control characters and invalid bytes; keep at most MAX_LENGTH characters."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = _CONTROL.sub("", text.replace("\r\n", "\n")).replace("\ufffd", "").strip()
    if len(text) > MAX_LENGTH:
        return CleanText(text[:MAX_LENGTH].rstrip(), truncated=True)
    return CleanText(text)


class FloodGuard:
    """Per-person sliding window: at most `limit` messages per `window_s` seconds."""

    def __init__(self, limit: int = 8, window_s: float = 10.0) -> None:
        """Set the limit; the defaults allow fast typing but not scripts or spam."""
        self._limit = limit
        self._window_s = window_s
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._warned: dict[str, float] = {}

    def allow(self, user: str, now: float | None = None) -> bool:
        """Record a message; False when the person is over the limit."""
        now = time.monotonic() if now is None else now
        seen = self._seen[user]
        while seen and now - seen[0] > self._window_s:
            seen.popleft()
        if len(seen) >= self._limit:
            return False
        seen.append(now)
        return True

    def should_warn(self, user: str, now: float | None = None) -> bool:
        """True once per window, so the kind message itself does not flood."""
        now = time.monotonic() if now is None else now
        if now - self._warned.get(user, -self._window_s - 1) > self._window_s:
            self._warned[user] = now
            return True
        return False

    def forget(self, user: str) -> None:
        """Drop what is known about a person (erasure)."""
        self._seen.pop(user, None)
        self._warned.pop(user, None)
