"""Checks on answers: coverage, terminology, readability and bubble length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from content.checks.problems import ERROR, WARNING, Problem
from content.checks.readability import score, words
from content.responses import AGE_BANDS, LANGUAGES, answer_files

Answer = tuple[Path, str, str, str | None, str]  # file, name, language, band, text


def iter_answers(responses_dir: Path) -> Iterator[Answer]:
    """Yield every answer text with where it was written."""
    for path in answer_files(responses_dir):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, spec in (data.get("responses") or {}).items():
            texts = (spec or {}).get("text")
            if isinstance(texts, dict):
                for band, text in texts.items():
                    for one in text if isinstance(text, list) else [text]:
                        yield path, name, path.parent.name, band, str(one)
            elif texts is not None:
                for one in texts if isinstance(texts, list) else [texts]:
                    yield path, name, path.parent.name, None, str(one)


def coverage(answers: list[Answer], required: set[str]) -> list[Problem]:
    """Every answer exists in every language for every age band (or for all bands)."""
    have: dict[tuple[str, str], set[str | None]] = {}
    where: dict[str, Path] = {}
    for path, name, language, band, _ in answers:
        have.setdefault((name, language), set()).add(band)
        where.setdefault(name, path)
    problems = []
    for name in sorted(required | {n for n, _ in have}):
        for language in LANGUAGES:
            bands = have.get((name, language), set())
            if None in bands:
                continue
            missing = [b for b in AGE_BANDS if b not in bands]
            if len(missing) == len(AGE_BANDS):
                problems.append(Problem(
                    ERROR, f"data/responses/{language}/", name,
                    f"missing in {language}: add this answer for every age band",
                ))  # fmt: skip
            elif missing:
                problems.append(Problem(
                    ERROR, str(where.get(name, "")), name,
                    f"{language} has no text for age band(s) {', '.join(missing)}",
                ))  # fmt: skip
    return problems


def terminology(
    texts: list[tuple[str, str, str]], rules: dict[str, list[dict[str, str]]]
) -> list[Problem]:
    """Find forbidden terms (any language's list applies to every text)."""
    terms = [(r["term"].lower(), r["use"]) for rs in rules.values() for r in rs]
    problems = []
    for path, entry, text in texts:
        lowered = text.lower()
        for term, use in terms:
            if term in lowered:
                problems.append(Problem(
                    ERROR, path, entry, f'uses "{term}": write "{use}" instead'
                ))  # fmt: skip
    return problems


def readability(answers: list[Answer], rules: dict[str, Any]) -> list[Problem]:
    """Each band's text stays within its reading-level limit."""
    limits = rules["readability"]
    problems = []
    for path, name, language, band, text in answers:
        if band is None or len(words(text)) < limits["min_words"]:
            continue
        measure, value = score(text, language)
        if measure == "LIX":
            limit = limits["lix_max"][band]
            too_hard = value > limit
            wanted = f"at most {limit}"
        else:
            key = "flesch_douma_min" if measure == "Flesch-Douma" else "flesch_min"
            limit = limits[key][band]
            too_hard = value < limit
            wanted = f"at least {limit}"
        if too_hard:
            problems.append(Problem(
                ERROR, str(path), f"{name} ({band})",
                f"too hard to read for {band}: {measure} {value:.0f}, needs {wanted}."
                " Use shorter sentences and shorter words.",
            ))  # fmt: skip
    return problems


def bubbles(answers: list[Answer], rules: dict[str, Any]) -> list[Problem]:
    """Each band gets a limited number of bubbles of a limited length."""
    problems = []
    for path, name, _, band, text in answers:
        key = band or "adult"
        parts = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        if len(parts) > rules["bubbles_max"][key]:
            problems.append(Problem(
                ERROR, str(path), f"{name} ({key})",
                f"{len(parts)} bubbles; {key} answers have at most "
                f"{rules['bubbles_max'][key]} (a blank line starts a bubble)",
            ))  # fmt: skip
        longest = max((len(p) for p in parts), default=0)
        if longest > rules["bubble_chars_max"][key]:
            problems.append(Problem(
                WARNING, str(path), f"{name} ({key})",
                f"a bubble has {longest} characters; keep {key} bubbles under "
                f"{rules['bubble_chars_max'][key]}",
            ))  # fmt: skip
    return problems
