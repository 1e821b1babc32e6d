"""Read the editors' answer files into Rasa response variations.

Editors write `data/responses/<lang>/<topic>.yml` with one text per age band; Rasa wants
variations with slot conditions. This module is the only place that knows both shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("en", "nb", "sv", "nl")
AGE_BANDS = ("child", "young_teen", "older_teen", "adult")
DEFAULT_AGE_BAND = "young_teen"
FALLBACK_LANGUAGE = "en"

Variation = dict[str, Any]


class ContentError(ValueError):
    """A content file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Origin:
    """Where one answer of one language was written."""

    path: Path
    language: str
    name: str


def slot_condition(language: str, age_group: str | None) -> list[dict[str, str]]:
    """Return the Rasa condition list for a language and optional age band."""
    condition = [{"type": "slot", "name": "language", "value": language}]
    if age_group:
        condition.append({"type": "slot", "name": "age_group", "value": age_group})
    return condition


def load_responses(root: Path) -> dict[str, list[Variation]]:
    """Load every answer file below `root` into {response name: variations}."""
    responses: dict[str, list[Variation]] = {}
    seen: dict[tuple[str, str], Origin] = {}
    for path in answer_files(root):
        language = path.parent.name
        for name, spec in _read_answers(path).items():
            key = (language, name)
            if key in seen:
                raise ContentError(
                    f"{path}: '{name}' is already written for '{language}' in "
                    f"{seen[key].path}; keep each answer in one file per language"
                )
            seen[key] = Origin(path, language, name)
            responses.setdefault(name, []).extend(
                _variations(spec, language, path, name)
            )
    return responses


def answer_files(root: Path) -> list[Path]:
    """Return the answer files of the supported languages, in a stable order."""
    return sorted(
        p
        for lang in LANGUAGES
        for p in (Path(root) / lang).glob("*.yml")
        if p.is_file()
    )


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML: {error}") from error
    answers = data.get("responses") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise ContentError(f"{path}: needs a top-level 'responses:' section")
    return answers


def _variations(spec: Any, language: str, path: Path, name: str) -> list[Variation]:
    if not isinstance(spec, dict) or "text" not in spec:
        raise ContentError(f"{path}: '{name}' needs a 'text:'")
    buttons = spec.get("buttons") or []
    texts = spec["text"]
    if isinstance(texts, (str, list)):
        per_band: dict[str | None, Any] = {None: texts}
    elif isinstance(texts, dict):
        unknown = set(texts) - set(AGE_BANDS)
        if unknown:
            raise ContentError(
                f"{path}: '{name}' has unknown age band(s) {sorted(unknown)}; "
                f"use {', '.join(AGE_BANDS)}"
            )
        per_band = dict(texts)
    else:
        raise ContentError(f"{path}: '{name}': 'text' must be text or age bands")
    variations = []
    for band, value in per_band.items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str) or not text.strip():
                raise ContentError(f"{path}: '{name}' has an empty text ({band})")
            variation: Variation = {
                "text": text.strip(),
                "condition": slot_condition(language, band),
            }
            if buttons:
                variation["buttons"] = [dict(b) for b in buttons]
            variations.append(variation)
    return variations
