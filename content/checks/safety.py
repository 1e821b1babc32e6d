"""Checks of the safety screen's phrase files (data/safety/<lang>.yml)."""

from __future__ import annotations

import re
from pathlib import Path

from content.checks.problems import ERROR, WARNING, Problem
from safety.phrases import SIGNS, PhraseError, compile_phrase, read_phrases

# Answers the gateway builds from a sign name, so no literal name appears in code.
SIGN_ANSWERS = {f"utter_sign_{kind}" for kind in SIGNS}
_WHERE = re.compile(r"^.*?:(\d+): ")  # PhraseError messages start with 'file:line: '


def check_safety(safety_dir: Path, languages: list[str]) -> list[Problem]:
    """Report unreadable phrases (file and line), missing files and duplicates."""
    problems: list[Problem] = []
    for language in languages:
        path = safety_dir / f"{language}.yml"
        if not path.exists():
            problems.append(
                Problem(ERROR, str(path), "file", "missing: no safety phrases")
            )
            continue
        try:
            phrases = read_phrases(path)
        except PhraseError as error:
            found = _WHERE.match(str(error))
            message = str(error)[found.end() if found else 0 :]
            line = int(found.group(1)) if found else None
            message = message.removeprefix(f"{path}: ")
            problems.append(Problem(ERROR, str(path), "file", message, line or None))
            continue
        seen: dict[tuple[str, str], int] = {}
        for phrase in phrases:
            try:
                compile_phrase(phrase)
            except PhraseError as error:
                message = str(error).removeprefix(f"{phrase.where}: ")
                problems.append(
                    Problem(ERROR, str(path), phrase.section, message, phrase.line)
                )
            key = (phrase.section, " ".join(phrase.text.lower().split()))
            if key in seen:
                problems.append(
                    Problem(
                        WARNING,
                        str(path),
                        phrase.section,
                        f"same phrase as line {seen[key]}",
                        phrase.line,
                    )
                )
            seen.setdefault(key, phrase.line)
    return problems
