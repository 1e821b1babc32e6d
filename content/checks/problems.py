"""A content problem, reported in plain words with the file and the entry."""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One finding of `make check`."""

    level: str
    path: str
    entry: str
    message: str

    def __str__(self) -> str:
        """Return 'file: entry: message', the way editors read it."""
        return f"{self.path}: {self.entry}: {self.message}"
