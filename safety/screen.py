"""The rule-based safety screen every message passes before NLU.

One blank spaCy pipeline per language tokenises; a Matcher per language holds that
language's phrases. Every language is checked on every message, because young people
mix languages and do not always pick theirs first.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from safety.normalise import fold, join_spelled_out
from safety.phrases import (
    CRISIS,
    SIGNS,
    Element,
    Gap,
    Phrase,
    Slot,
    compile_phrase,
    literal_words,
    read_phrases,
)
from safety.typos import TypoCorrector, known_words

logger = logging.getLogger(__name__)
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "safety"
# What a hit means for NLU and for the counsellors' queue.
INTENT_FOR = {
    "danger": "crisis_danger",
    "self_harm": "crisis_self_harm",
    "exploitation": "disclose_exploitation",
    "sextortion": "ask_sextortion",
}
# Intents that get the crisis answer (sextortion's intent also covers questions).
CRISIS_INTENTS = frozenset(INTENT_FOR.values()) - {"ask_sextortion"}
_PRIORITY = (*CRISIS, "bot_abuse")


@dataclass(frozen=True)
class Hit:
    """One phrase that matched, without the message text."""

    section: str
    phrase: Phrase


@dataclass(frozen=True)
class ScreenResult:
    """What the screen found in one message."""

    category: str | None  # a CRISIS name, "bot_abuse" or None
    hits: tuple[Hit, ...] = ()
    # A `not_crisis` phrase matched (a joke, game or idiom): the language model's
    # crisis guess is not trusted for this message either.
    harmless: bool = False

    @property
    def is_crisis(self) -> bool:
        """True when the message needs the crisis answer."""
        return self.category in CRISIS

    @property
    def intent(self) -> str | None:
        """Return the intent a crisis hit stands for."""
        return INTENT_FOR.get(self.category or "")


class _LanguageMatcher:
    """One language's phrases, found through an anchor word and checked from there.

    A PhraseMatcher finds each phrase's first required word (or a dictionary its
    prefix); only those few phrases are then checked word by word, so the cost
    stays flat however many phrases editors add.
    """

    def __init__(self, language: str, phrases: list[Phrase]) -> None:
        self.nlp: Language = _blank(language)
        self.words: set[str] = set()
        self._by_word: dict[str, list[tuple[Phrase, list[Element]]]] = defaultdict(list)
        self._by_stem: dict[str, list[tuple[Phrase, list[Element]]]] = defaultdict(list)
        for phrase in phrases:
            elements = compile_phrase(phrase)
            self.words |= literal_words(elements)
            start = next(
                i for i, e in enumerate(elements)
                if isinstance(e, Slot) and not e.optional
            )  # fmt: skip
            anchor = elements[start]
            assert isinstance(anchor, Slot)
            for word in anchor.words:
                self._by_word[word].append((phrase, elements[start:]))
            for stem in anchor.stems:
                self._by_stem[stem].append((phrase, elements[start:]))
        self._stem_lengths = sorted({len(s) for s in self._by_stem})
        self._anchors = PhraseMatcher(self.nlp.vocab)
        for word in self._by_word:
            self._anchors.add(word, [Doc(self.nlp.vocab, words=[word])])

    def spans(self, words: list[str]) -> list[tuple[Phrase, int, int]]:
        doc = Doc(self.nlp.vocab, words=words)
        strings = self.nlp.vocab.strings
        candidates = [
            (start, entry)
            for key, start, _ in self._anchors(doc)
            for entry in self._by_word[strings[key]]
        ]
        for position, word in enumerate(words):
            for length in self._stem_lengths:
                if length <= len(word):
                    for entry in self._by_stem.get(word[:length], ()):
                        candidates.append((position, entry))
        found = []
        for start, (phrase, elements) in candidates:
            end = _match(elements, 0, words, start)
            if end is not None:
                found.append((phrase, start, end))
        return found


@functools.cache
def _blank(language: str) -> Language:
    """A blank pipeline per language (building its tokenizer takes ~0.8 s)."""
    return spacy.blank(language)


def _match(elements: list[Element], k: int, words: list[str], pos: int) -> int | None:
    """Return where the phrase ends if elements[k:] match words from pos."""
    if k == len(elements):
        return pos
    element = elements[k]
    if isinstance(element, Gap):
        for skip in range(element.most + 1):
            if pos + skip > len(words):
                break
            end = _match(elements, k + 1, words, pos + skip)
            if end is not None:
                return end
        return None
    if pos < len(words) and element.accepts(words[pos]):
        end = _match(elements, k + 1, words, pos + 1)
        if end is not None:
            return end
    return _match(elements, k + 1, words, pos) if element.optional else None


class SafetyScreen:
    """Find danger, self-harm, exploitation, sextortion, misuse and warning signs."""

    def __init__(
        self,
        phrases_by_language: dict[str, list[Phrase]],
        known_words: frozenset[str] = frozenset(),
    ) -> None:
        """Compile every language's phrases (raises PhraseError on a bad phrase)."""
        self._matchers = {
            lang: _LanguageMatcher(lang, phrases)
            for lang, phrases in sorted(phrases_by_language.items())
        }
        vocabulary = set().union(*(m.words for m in self._matchers.values()))
        self._typos = TypoCorrector(vocabulary, known_words)

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> SafetyScreen:
        """Load data/safety/<lang>.yml for every language present.

        Screens are shared while the files are unchanged (loading takes seconds).
        """
        files = sorted(directory.glob("*.yml"))
        if not files:
            raise FileNotFoundError(f"no phrase files in {directory}")
        return _load(
            tuple((path, path.stat().st_mtime_ns) for path in files),
            known_words(directory.parent),
        )

    @property
    def languages(self) -> list[str]:
        """Return the languages that have phrases."""
        return list(self._matchers)

    def words(self, text: str, language: str | None = None) -> list[str]:
        """Return the normalised, typo-corrected words the phrases are matched on."""
        # fold() already removed punctuation; a language tokenizer would split
        # "dont" into "do nt" and miss phrases written the same way.
        tokens = fold(text).split()
        return [self._typos.correct(w) for w in join_spelled_out(tokens)]

    def _hits(self, text: str, language: str | None) -> tuple[list[Hit], bool]:
        words = self.words(text, language)
        if not words:
            return [], False
        found: list[tuple[int, int, Hit]] = []
        for matcher in self._matchers.values():
            for phrase, start, end in matcher.spans(words):
                found.append((start, end, Hit(phrase.section, phrase)))
        # A harmless phrase silences only its own language's phrases: Swedish
        # "låten" (the song) folds to Dutch "laten" (to let).
        harmless = [
            (hit.phrase.language, s, e)
            for s, e, hit in found
            if hit.section == "not_crisis"
        ]
        kept = [
            hit
            for start, end, hit in found
            if hit.section != "not_crisis"
            and not any(
                lang == hit.phrase.language and s < end and start < e
                for lang, s, e in harmless
            )
        ]
        return kept, bool(harmless)

    def check(self, text: str, language: str | None = None) -> ScreenResult:
        """Return the most urgent category found in a message (None if nothing)."""
        hits, harmless = self._hits(text, language)
        for category in _PRIORITY:
            chosen = tuple(h for h in hits if h.section == category)
            if chosen:
                return ScreenResult(category, chosen, harmless)
        return ScreenResult(None, (), harmless)

    def signs(self, text: str, language: str | None = None) -> list[str]:
        """Return the warning signs found in a received message, in a fixed order."""
        kinds = {
            hit.section.removeprefix("sign:")
            for hit in self._hits(text, language)[0]
            if hit.section.startswith("sign:")
        }
        return [kind for kind in SIGNS if kind in kinds]


@functools.lru_cache(maxsize=4)
def _load(files: tuple[tuple[Path, int], ...], known: frozenset[str]) -> SafetyScreen:
    return SafetyScreen({path.stem: read_phrases(path) for path, _ in files}, known)
