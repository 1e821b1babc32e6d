"""Readability: LIX for Norwegian and Swedish, Flesch-type for English and Dutch."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# A sentence ends at . ! ? : or a line break (bullet lists have no full stops).
_SENTENCE = re.compile(r"[.!?:]+(?=\s|$)|\n+")
_VOWEL_GROUPS = {
    "en": re.compile(r"[aeiouy]+", re.IGNORECASE),
    "nl": re.compile(r"[aeiouyáéíóúëïöü]+", re.IGNORECASE),
}


def words(text: str) -> list[str]:
    """Return the words of a text (letters only; numbers and links excluded)."""
    cleaned = re.sub(
        r"https?://\S+|\S+\.(?:org|no|se|nl|com|uk)\S*|[{][^}]*[}]|/\w+", " ", text
    )
    return _WORD.findall(cleaned)


def sentence_count(text: str) -> int:
    """Count sentences, treating each non-empty line as at least one."""
    parts = [p for p in _SENTENCE.split(text) if words(p)]
    return max(1, len(parts))


def lix(text: str) -> float:
    """Return LIX: words per sentence + percentage of words longer than 6 letters."""
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(len(w) > 6 for w in found)
    return len(found) / sentence_count(text) + 100 * long_words / len(found)


def syllables(word: str, language: str) -> int:
    """Estimate syllables as vowel groups (good enough for a reading-ease score)."""
    groups = _VOWEL_GROUPS[language].findall(word)
    count = len(groups)
    if language == "en" and word.lower().endswith("e") and count > 1:
        count -= 1  # silent final e
    return max(1, count)


def flesch(text: str, language: str) -> float:
    """Return Flesch reading ease (en) or Flesch-Douma (nl); higher is easier."""
    found = words(text)
    if not found:
        return 100.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w, language) for w in found) / len(found)
    if language == "nl":
        return 206.84 - 0.77 * 100 * per_word - 0.93 * per_sentence
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def score(text: str, language: str) -> tuple[str, float]:
    """Return (measure name, value) for a language."""
    if language in ("nb", "sv"):
        return "LIX", lix(text)
    return ("Flesch-Douma" if language == "nl" else "Flesch"), flesch(text, language)
