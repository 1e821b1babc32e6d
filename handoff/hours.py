"""Opening hours of the counsellor service ("mon-fri 09:00-21:00; sat 12:00-18:00")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_PART = re.compile(
    r"^(?P<d1>[a-z]{3})(?:-(?P<d2>[a-z]{3}))?\s+"
    r"(?P<h1>\d{1,2}):(?P<m1>\d{2})-(?P<h2>\d{1,2}):(?P<m2>\d{2})$"
)


@dataclass(frozen=True)
class OpeningHours:
    """Weekly opening windows in one time zone; empty text means always open."""

    windows: tuple[tuple[int, time, time], ...]
    zone: ZoneInfo
    text: str = ""

    @classmethod
    def parse(cls, text: str | None, zone: str = "UTC") -> OpeningHours:
        """Parse the OPENING_HOURS setting; raise ValueError with the bad part."""
        windows = []
        for part in (p.strip().lower() for p in (text or "").split(";")):
            if not part:
                continue
            match = _PART.match(part)
            if (
                not match
                or match["d1"] not in DAYS
                or (match["d2"] and match["d2"] not in DAYS)
            ):
                raise ValueError(f"cannot read opening hours part {part!r}")
            first = DAYS.index(match["d1"])
            last = DAYS.index(match["d2"]) if match["d2"] else first
            start = time(int(match["h1"]), int(match["m1"]))
            end = time(int(match["h2"]), int(match["m2"]))
            for day in range(first, last + 1):
                windows.append((day, start, end))
        return cls(tuple(windows), ZoneInfo(zone), (text or "").strip())

    @property
    def always_open(self) -> bool:
        """Tell whether no hours are configured."""
        return not self.windows

    def is_open(self, now: datetime) -> bool:
        """Tell whether `now` (timezone-aware) is inside a window."""
        if self.always_open:
            return True
        local = now.astimezone(self.zone)
        return any(
            day == local.weekday() and start <= local.time() < end
            for day, start, end in self.windows
        )

    def next_opening(self, now: datetime) -> datetime | None:
        """Return the start of the next window after `now`, in local time."""
        if self.always_open:
            return None
        local = now.astimezone(self.zone)
        for offset in range(8):
            date = (local + timedelta(days=offset)).date()
            starts = sorted(
                datetime.combine(date, start, self.zone)
                for day, start, _ in self.windows
                if day == date.weekday()
            )
            for start in starts:
                if start > local:
                    return start
        return None
