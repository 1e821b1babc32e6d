"""Read the checker's own rules: data/content_rules.yml and data/terminology.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from content.checks.located import line_of
from content.checks.problems import ERROR, Problem
from content.checks.sources import read_yaml
from content.responses import AGE_BANDS

# Limits given per age band, as (section, key or None).
_PER_BAND = (
    ("readability", "lix_max"),
    ("readability", "flesch_min"),
    ("readability", "flesch_douma_min"),
    ("bubbles_max", None),
    ("bubble_chars_max", None),
)
Terms = dict[str, list[dict[str, str]]]


def load_content_rules(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the limits (None if unusable, which skips the checks needing them)."""
    data, problems = read_yaml(
        path, {"readability": dict, "bubbles_max": dict, "bubble_chars_max": dict}
    )
    if data is None or problems:
        return None, problems
    for section, key in _PER_BAND:
        holder = data[section] if key is None else data[section].get(key)
        name = section if key is None else f"{section} · {key}"
        if not isinstance(holder, dict) or any(
            not isinstance(holder.get(band), (int, float)) for band in AGE_BANDS
        ):
            problems.append(
                Problem(
                    ERROR,
                    str(path),
                    name,
                    f"needs a number for each age band: {', '.join(AGE_BANDS)}",
                    line_of(data, section),
                )
            )
    for holder, key in (
        (data["readability"], "min_words"),
        (data, "helplines_warn_days"),
    ):
        if not isinstance(holder.get(key), int):
            problems.append(
                Problem(
                    ERROR,
                    str(path),
                    key,
                    "needs a whole number",
                    line_of(holder, key, 1),
                )
            )
    return (None if problems else dict(data)), problems


def load_terminology(path: Path) -> tuple[Terms, list[Problem]]:
    """Return forbidden terms per language; broken entries are reported, left out."""
    data, problems = read_yaml(path, {})
    terms: Terms = {}
    for language, entries in (data or {}).items():
        if not isinstance(entries, list):
            problems.append(
                Problem(
                    ERROR,
                    str(path),
                    str(language),
                    "must be a list of {term: ..., use: ...}",
                    line_of(data, language),
                )
            )
            continue
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and all(
                isinstance(entry.get(k), str) and entry[k].strip()
                for k in ("term", "use")
            ):
                terms.setdefault(str(language), []).append(entry)
            else:
                problems.append(
                    Problem(
                        ERROR,
                        str(path),
                        str(language),
                        "each entry needs term: and use:",
                        line_of(entries, i),
                    )
                )
    return terms, problems
