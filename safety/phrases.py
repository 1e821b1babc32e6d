"""Read the screen's phrase files and compile each phrase into a spaCy token pattern.

Phrase syntax (documented for editors in docs/safety-screen.md): words separated by
spaces; `a/b` alternatives; `word*` prefix; `word?` optional; `...` up to 4 other words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from safety.normalise import fold

CRISIS = ("danger", "self_harm", "exploitation", "sextortion")
SECTIONS = (*CRISIS, "bot_abuse", "not_crisis")
SIGNS = (
    "secrecy",
    "gifts_money",
    "move_app",
    "flattery",
    "image_request",
    "threats",
    "work_abroad",
)
GAP = 4
_MIN_PREFIX = 3


class PhraseError(ValueError):
    """A phrase file or phrase an editor wrote cannot be used; names file and line."""


@dataclass(frozen=True)
class Phrase:
    """One editor-written phrase and where it came from."""

    language: str
    section: str  # a SECTIONS name, or "sign:<kind>"
    text: str
    path: Path
    line: int

    @property
    def where(self) -> str:
        """Return 'file:line' for messages to editors."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Slot:
    """One place in a phrase: any of `words`, or a word starting with any of `stems`."""

    words: frozenset[str]
    stems: tuple[str, ...] = ()
    optional: bool = False

    def accepts(self, word: str) -> bool:
        """True if a message word fits this place."""
        return word in self.words or any(word.startswith(s) for s in self.stems)


@dataclass(frozen=True)
class Gap:
    """`...`: up to GAP other words."""

    most: int = GAP


Element = Slot | Gap


def _words(raw: str) -> list[str]:
    return fold(raw).split()


def compile_phrase(phrase: Phrase) -> list[Element]:
    """Turn an editor's phrase into slots and gaps (PhraseError names file and line)."""
    elements: list[Element] = []
    parts = phrase.text.split()
    if not parts:
        raise PhraseError(f"{phrase.where}: empty phrase")
    for part in parts:
        if part in ("...", "…"):
            if not elements:
                raise PhraseError(f"{phrase.where}: a phrase cannot start with '...'")
            elements.append(Gap())
            continue
        optional = part.endswith("?") and len(part) > 1
        part = part[:-1] if optional else part
        slots = _slots(phrase, part)
        if optional:
            if len(slots) > 1:
                raise PhraseError(f"{phrase.where}: '?' goes on one word, not '{part}'")
            slots = [Slot(slots[0].words, slots[0].stems, optional=True)]
        elements += slots
    if isinstance(elements[-1], Gap):
        raise PhraseError(f"{phrase.where}: a phrase cannot end with '...'")
    if all(isinstance(e, Gap) or e.optional for e in elements):
        raise PhraseError(f"{phrase.where}: at least one word must be required")
    return elements


def literal_words(elements: list[Element]) -> set[str]:
    """Return the whole words a phrase uses (the typo corrector aims at these)."""
    return {w for e in elements if isinstance(e, Slot) for w in e.words}


def _slots(phrase: Phrase, part: str) -> list[Slot]:
    """Return the slots of one place in a phrase.

    A word that folds to several ("self-harm*") becomes those words in a row.
    """
    choices = [c for c in part.split("/") if c]
    if len(choices) == 1:
        folded = _words(choices[0].rstrip("*"))
        if len(folded) > 1:
            last = folded[-1] + ("*" if choices[0].endswith("*") else "")
            return [Slot(frozenset([w])) for w in folded[:-1]] + _slots(phrase, last)
    words: list[str] = []
    stems: list[str] = []
    if not choices:
        raise PhraseError(f"{phrase.where}: '{part}' has no letters to match")
    for choice in choices:
        folded = _words(choice.rstrip("*"))
        if not folded:
            raise PhraseError(f"{phrase.where}: '{choice}' has no letters to match")
        if len(folded) > 1:
            raise PhraseError(
                f"{phrase.where}: each choice in '{part}' must be a single word"
            )
        if choice.endswith("*"):
            if len(folded[0]) < _MIN_PREFIX:
                raise PhraseError(
                    f"{phrase.where}: '{choice}' needs one word of at least "
                    f"{_MIN_PREFIX} letters before '*'"
                )
            stems.append(folded[0])
        else:
            words.append(folded[0])
    return [Slot(frozenset(words), tuple(sorted(set(stems))))]


def read_phrases(path: Path) -> list[Phrase]:
    """Read one language's phrase file, keeping the line of every phrase."""
    language = path.stem
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise PhraseError(f"{path}:{line}: not valid YAML ({error})") from error
    if not isinstance(root, yaml.MappingNode):
        raise PhraseError(f"{path}:1: expected sections such as 'danger:'")
    found: dict[str, Any] = {k.value: v for k, v in root.value}
    unknown = set(found) - {*SECTIONS, "signs"}
    for name in sorted(unknown):
        raise PhraseError(f"{path}: unknown section '{name}'")
    phrases: list[Phrase] = []
    for section in SECTIONS:
        if section not in found:
            raise PhraseError(f"{path}: section '{section}' is missing")
        phrases += _sequence(found[section], language, section, path)
    signs = found.get("signs")
    if not isinstance(signs, yaml.MappingNode):
        raise PhraseError(f"{path}: section 'signs' is missing")
    kinds = {k.value: v for k, v in signs.value}
    for kind in kinds:
        if kind not in SIGNS:
            raise PhraseError(
                f"{path}: unknown sign '{kind}' (known: {', '.join(SIGNS)})"
            )
    for kind in SIGNS:
        if kind in kinds:
            phrases += _sequence(kinds[kind], language, f"sign:{kind}", path)
    return phrases


def _sequence(node: Any, language: str, section: str, path: Path) -> list[Phrase]:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise PhraseError(f"{path}:{line}: '{section}' must be a list of phrases")
    phrases = []
    for item in node.value:
        item_line = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode):
            raise PhraseError(f"{path}:{item_line}: a phrase must be plain text")
        phrases.append(Phrase(language, section, item.value, path, item_line))
    return phrases
