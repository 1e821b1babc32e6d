"""Turn a message or a phrase into the forgiving word form the screen matches on.

Messages and phrases go through the same steps, so an editor writes a phrase once
and it still matches shouting, repeated letters, missing accents and leetspeak.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "@": "a", "$": "s"})  # fmt: skip
_APOSTROPHES = re.compile(r"['’‘`´]")
_REPEATS = re.compile(r"(\w)\1+")
# A word mixing letters with digits or @/$ is leetspeak ("k1ll", "h3lp", "$ex").
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[a-z])(?=[\w@$]*[0-9@$])[\w@$]+")
_SEPARATORS = re.compile(r"[^\w\s]|_")
# Laughing emoji become a word, so `not_crisis` phrases can say "haha".
_LAUGHTER = str.maketrans(dict.fromkeys("😂🤣😹😆😅😝😜", " haha "))
# "h e l p": four or more single letters one space apart.
_SPACED_OUT = re.compile(r"(?:\b\w\b ){3,}\w\b")
_SPELLED_CHUNK = re.compile(r"\w( \w)+")
_WIDE_GAP = re.compile(r"\s{2,}")


def unspace(text: str) -> str:
    """Join words typed letter by letter ("i   w a n t   t o   d i e").

    Letters one space apart form a word; two or more spaces separate words.
    """
    chunks = _WIDE_GAP.split(text)
    if len(chunks) > 2 and sum(bool(_SPELLED_CHUNK.fullmatch(c)) for c in chunks) > 1:
        chunks = [
            c.replace(" ", "") if _SPELLED_CHUNK.fullmatch(c) else c for c in chunks
        ]
        return " ".join(chunks)
    return _SPACED_OUT.sub(lambda m: m.group(0).replace(" ", ""), text)


def fold(text: str) -> str:
    """Lower-case, drop accents, apostrophes, emoji and punctuation; undo leetspeak."""
    text = unicodedata.normalize("NFKC", text).translate(_LAUGHTER)
    text = unspace(text.casefold().translate(_FOLD))
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    text = _APOSTROPHES.sub("", text)
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _SEPARATORS.sub(" ", text)
    return _REPEATS.sub(r"\1", text)


def join_spelled_out(words: list[str]) -> list[str]:
    """Join runs of three or more single letters: 'h e l p' → 'help'."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3:
            out.append(_REPEATS.sub(r"\1", "".join(run)))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out
