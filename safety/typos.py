"""Correct one-letter typos in long words towards the words the phrases use."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from safety.normalise import fold

MIN_LENGTH = 6


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance of exactly one (insert, delete, substitute or swap)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class TypoCorrector:
    """Symmetric-delete index over the phrases' words (SymSpell, distance one)."""

    def __init__(
        self, vocabulary: Iterable[str], real_words: Iterable[str] = ()
    ) -> None:
        """Index every phrase word of MIN_LENGTH letters or more.

        `real_words` are never corrected: "blocked" must not become "locked".
        """
        self._known = set(vocabulary) | set(real_words)
        vocabulary = set(vocabulary)
        self._index: dict[str, set[str]] = defaultdict(set)
        for word in vocabulary:
            if len(word) >= MIN_LENGTH:
                for key in (word, *_deletes(word)):
                    self._index[key].add(word)

    def correct(self, word: str) -> str:
        """Return the phrase word one edit away, or the word itself."""
        if word in self._known or len(word) < MIN_LENGTH or not word.isalpha():
            return word
        candidates = set()
        for key in (word, *_deletes(word)):
            candidates |= self._index.get(key, set())
        matches = sorted(c for c in candidates if _one_edit(word, c))
        return matches[0] if len(matches) == 1 else word


_LINE_TEXT = re.compile(r"^\s*(?:- |[a-z_]+: *\|?)?(.*)$")


@functools.lru_cache(maxsize=4)
def known_words(data_dir: Path, min_count: int = 3) -> frozenset[str]:
    """Return real words of all languages, which the corrector leaves alone.

    Words of the answers, and training-example words used three times or more
    (a typo rarely repeats that often).
    """
    answers: Counter[str] = Counter()
    examples: Counter[str] = Counter()
    for folder, counter in (("responses", answers), ("nlu", examples)):
        for path in sorted((data_dir / folder).rglob("*.yml")):
            for line in path.read_text(encoding="utf-8").splitlines():
                counter.update(fold(_LINE_TEXT.sub(r"\1", line)).split())
    frequent = {w for w, n in examples.items() if n >= min_count}
    return frozenset(set(answers) | frequent)
