"""Collect what content exists per topic, language and age band (for `make coverage`).

Reads the files with the same loaders as `make check`, so a file that check reports
as unreadable is left out here too (and listed).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from content.checks.answers import Answer, iter_answers
from content.checks.examples import Example, iter_examples
from content.checks.problems import Problem
from content.checks.sources import load_sources
from content.responses import AGE_BANDS, FALLBACK_LANGUAGE, LANGUAGES
from safety.phrases import SECTIONS, SIGNS, PhraseError, read_phrases

OWN, ALL_BANDS, MISSING = "own", "all", "missing"
MIN_EXAMPLES = 40
SAFETY_SECTIONS = (*SECTIONS, *(f"sign:{kind}" for kind in SIGNS))

ChangeTimes = Callable[[Path], int | None]


@dataclass(frozen=True)
class AnswerRow:
    """One answer of a topic: per language and band, own / all-bands / missing."""

    topic: str
    name: str
    states: dict[str, dict[str, str]]  # language -> band -> OWN | ALL_BANDS | MISSING

    def missing_bands(self, language: str) -> list[str]:
        """Return the bands that have no text in `language`."""
        return [b for b, s in self.states[language].items() if s == MISSING]

    def has(self, language: str) -> bool:
        """True if `language` has at least one text of this answer."""
        return len(self.missing_bands(language)) < len(AGE_BANDS)


@dataclass(frozen=True)
class IntentRow:
    """Training examples of one intent of a topic, counted per language."""

    topic: str
    intent: str
    counts: dict[str, int]  # language -> examples (0: none)


@dataclass(frozen=True)
class Outdated:
    """A topic file whose English version changed after the translation."""

    topic: str
    language: str
    english_at: int  # seconds since 1970, from git
    translated_at: int
    answers: list[str]


@dataclass
class Coverage:
    """Everything the coverage report shows."""

    languages: tuple[str, ...]
    topics: list[str]
    answers: list[AnswerRow]
    intents: list[IntentRow]
    # language -> section -> number of phrases, or why the file cannot be used
    safety: dict[str, dict[str, int] | str]
    unreadable: list[Problem]
    outdated: list[Outdated] | None  # None: no git history to compare
    min_examples: int = MIN_EXAMPLES


def collect(
    root: Path,
    min_examples: int = MIN_EXAMPLES,
    change_times: ChangeTimes | None = None,
) -> Coverage:
    """Read the content below `root` and sort it by topic, language and band."""
    sources = load_sources(root)
    answers = list(iter_answers(sources.responses))
    examples = [e for e in iter_examples(sources) if isinstance(e, Example)]
    files = {(p.stem, p.parent.name): p for p, _ in sources.responses}
    rows = answer_rows(answers)
    topics = sorted({r.topic for r in rows} | {e.path.stem for e in examples})
    times = change_times or git_change_times(root)
    return Coverage(
        languages=LANGUAGES,
        topics=topics,
        answers=rows,
        intents=intent_rows(examples),
        safety=safety_phrases(root / "data" / "safety"),
        unreadable=[p for p in sources.problems if Path(p.path) in sources.unreadable],
        outdated=None if times is None else outdated(rows, files, times),
        min_examples=min_examples,
    )


def answer_rows(answers: Iterable[Answer]) -> list[AnswerRow]:
    """Return one row per (topic, answer), in file order, English files first."""
    bands: dict[tuple[str, str], set[str | None]] = {}  # (name, language) -> bands
    topics: dict[tuple[str, str], None] = {}  # (topic, name), ordered
    for answer in sorted(answers, key=_english_first):
        bands.setdefault((answer.name, answer.language), set()).add(answer.band)
        topics.setdefault((answer.path.stem, answer.name), None)
    return [
        AnswerRow(topic, name, {lang: _states(bands, name, lang) for lang in LANGUAGES})
        for topic, name in topics
    ]


def _states(
    bands: dict[tuple[str, str], set[str | None]], name: str, language: str
) -> dict[str, str]:
    written = bands.get((name, language), set())
    return {band: _state(written, band) for band in AGE_BANDS}


def _english_first(answer: Answer) -> tuple[bool, str]:
    return answer.language != FALLBACK_LANGUAGE, answer.language


def _state(bands: set[str | None], band: str) -> str:
    if band in bands:
        return OWN
    return ALL_BANDS if None in bands else MISSING


def intent_rows(examples: Iterable[Example]) -> list[IntentRow]:
    """Count examples per topic, intent and language (0 where a language has none)."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for example in sorted(examples, key=lambda e: e.language != FALLBACK_LANGUAGE):
        row = counts.setdefault((example.path.stem, example.intent), {})
        row[example.language] = row.get(example.language, 0) + 1
    return [
        IntentRow(topic, intent, {lang: found.get(lang, 0) for lang in LANGUAGES})
        for (topic, intent), found in counts.items()
    ]


def safety_phrases(folder: Path) -> dict[str, dict[str, int] | str]:
    """Count the safety screen's phrases per language and section."""
    found: dict[str, dict[str, int] | str] = {}
    for language in LANGUAGES:
        path = folder / f"{language}.yml"
        if not path.exists():
            found[language] = f"{path} is missing"
            continue
        try:
            phrases = read_phrases(path)
        except PhraseError as error:
            # The YAML reader's own words are long; `make check` explains in full.
            message = str(error).split(" (", 1)[0]
            found[language] = f"{message} (run `make check` for details)"
            continue
        counts = dict.fromkeys(SAFETY_SECTIONS, 0)
        for phrase in phrases:
            counts[phrase.section] = counts.get(phrase.section, 0) + 1
        found[language] = counts
    return found


def outdated(
    rows: list[AnswerRow], files: dict[tuple[str, str], Path], times: ChangeTimes
) -> list[Outdated]:
    """Topic files whose English version was committed after the translation."""
    found = []
    for topic in sorted({r.topic for r in rows}):
        english = files.get((topic, FALLBACK_LANGUAGE))
        english_at = times(english) if english else None
        if english_at is None:
            continue
        for language in LANGUAGES:
            path = files.get((topic, language))
            if language == FALLBACK_LANGUAGE or path is None:
                continue
            translated_at = times(path)
            if translated_at is not None and english_at > translated_at:
                names = [r.name for r in rows if r.topic == topic and r.has(language)]
                found.append(
                    Outdated(topic, language, english_at, translated_at, names)
                )
    return found


def git_change_times(root: Path) -> ChangeTimes | None:
    """Return 'when was this file last committed', or None without git history."""
    if _git(root, "rev-parse", "--is-inside-work-tree") != "true":
        return None

    def last_commit(path: Path) -> int | None:
        found = _git(root, "log", "-1", "--format=%ct", "--", str(path))
        # None: the file was never committed
        return int(found) if found and found.isdigit() else None

    return last_commit


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git installed, or it hung
    return done.stdout.strip() if done.returncode == 0 else None
