"""Answers the assistant sends from code, and answers it uses but nobody wrote."""

from __future__ import annotations

import re
from pathlib import Path

from content.checks.problems import ERROR, Problem

_CODE_ANSWER = re.compile(r"""["'](utter_[a-z0-9_]+)["']""")
Where = tuple[str, int | None]  # file, line


def answers_in_code(root: Path) -> dict[str, Where]:
    """Return the answers that custom actions and the gateway send, with a place."""
    found: dict[str, Where] = {}
    for folder in ("actions", "bot"):
        for path in sorted((root / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").split("\n")
            for number, text in enumerate(lines, 1):
                for name in _CODE_ANSWER.findall(text):
                    if not name.endswith("_"):  # a prefix completed at run time
                        found.setdefault(name, (str(path), number))
    return found


def unwritten(used: dict[str, Where], written: set[str]) -> list[Problem]:
    """Report answers that are used but written in no language."""
    return [
        Problem(
            ERROR,
            path,
            name,
            "used by the assistant but never written in data/responses/",
            line,
        )
        for name, (path, line) in sorted(used.items())
        if name not in written
    ]
