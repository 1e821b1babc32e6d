"""Checks that each answer is written the way the assistant can read it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from content.checks.located import line_of
from content.checks.problems import ERROR, Problem
from content.responses import AGE_BANDS

_PARTS = ("text", "buttons")


def answer_shape(responses: Iterable[tuple[Path, dict[str, Any]]]) -> list[Problem]:
    """Report bad names, missing text, unknown parts or bands, answers written twice."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], str] = {}  # (language, name) -> 'file:line'
    for path, answers in responses:
        for name, spec in answers.items():
            line = line_of(answers, name)
            where = f"{path}:{line}" if line else str(path)
            key = (path.parent.name, str(name))
            if key in first:
                problems.append(
                    _problem(
                        path,
                        name,
                        line,
                        f"already written for {key[0]} in {first[key]}; "
                        "keep each answer in one file per language",
                    )
                )
            first.setdefault(key, where)
            problems += _check_answer(path, str(name), spec, line)
    return problems


def _check_answer(path: Path, name: str, spec: Any, line: int | None) -> list[Problem]:
    if not name.startswith("utter_"):
        return [_problem(path, name, line, "answer names start with utter_")]
    if not isinstance(spec, dict) or "text" not in spec:
        return [_problem(path, name, line, "needs a 'text:'")]
    problems = [
        _problem(
            path,
            name,
            line_of(spec, part, line),
            f"unknown part '{part}:'; an answer has only text: and buttons:",
        )
        for part in spec
        if part not in _PARTS
    ]
    texts = spec["text"]
    if isinstance(texts, dict):
        for band, value in texts.items():
            band_line = line_of(texts, band, line)
            if band not in AGE_BANDS:
                problems.append(
                    _problem(
                        path,
                        name,
                        band_line,
                        f"unknown age band '{band}'; use {', '.join(AGE_BANDS)}",
                    )
                )
            elif _empty(value):
                problems.append(_problem(path, name, band_line, f"empty text ({band})"))
    elif not isinstance(texts, (str, list)) or _empty(texts):
        problems.append(
            _problem(
                path,
                name,
                line_of(spec, "text", line),
                "'text:' must be one text, or one text per age band",
            )
        )
    return problems


def _empty(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return not values or any(not isinstance(v, str) or not v.strip() for v in values)


def _problem(path: Path, name: Any, line: int | None, message: str) -> Problem:
    return Problem(ERROR, str(path), str(name), message, line)
