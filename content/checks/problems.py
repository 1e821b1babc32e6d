"""A content problem, reported in plain words with the file, line and entry."""

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
    line: int | None = None

    @property
    def where(self) -> str:
        """Return 'file:line' (or just the file when no line is known)."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        """Return 'file:line: entry: message', the way editors read it."""
        return f"{self.where}: {self.entry}: {self.message}"
