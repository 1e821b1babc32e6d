"""Try the safety screen: `python -m safety.try LANG "message"` or `--nlu LANG`.

For editors: shows which phrases match a message, or runs a language's training
examples through the screen to find missed crisis examples and false alarms.
"""

from __future__ import annotations

import sys

# spaCy's thinc imports TensorFlow when installed (Rasa needs it); this process never
# uses it, and skipping it saves seconds of start-up and hundreds of MB.
sys.modules.setdefault("tensorflow", None)  # type: ignore[assignment]

import argparse
import re
from pathlib import Path

import yaml

from safety.phrases import PhraseError
from safety.screen import CRISIS_INTENTS, INTENT_FOR, SafetyScreen

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")


def _examples(language: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted(Path("data/nlu", language).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    text = _ANNOTATION.sub(r"\1", line.strip()[2:])
                    found.append((block["intent"], text))
    return found


def _describe(screen: SafetyScreen, text: str, language: str) -> str:
    result = screen.check(text, language)
    signs = screen.signs(text, language)
    phrases = "; ".join(f"{h.phrase.text!r} ({h.phrase.where})" for h in result.hits)
    return f"category: {result.category or '-'}  signs: {', '.join(signs) or '-'}" + (
        f"\n  matched: {phrases}" if phrases else ""
    )


def _nlu_report(screen: SafetyScreen, language: str) -> None:
    examples = _examples(language)
    crisis = [(i, t) for i, t in examples if i in CRISIS_INTENTS]
    others = [(i, t) for i, t in examples if i not in CRISIS_INTENTS]
    missed = [(i, t) for i, t in crisis if not screen.check(t, language).is_crisis]
    flagged = []
    for intent, text in others:
        result = screen.check(text, language)
        if result.is_crisis and INTENT_FOR[result.category or ""] != intent:
            flagged.append((intent, text, result))
    print(f"Crisis examples missed ({len(missed)} of {len(crisis)}):")
    for intent, text in missed:
        print(f"  [{intent}] {text}")
    print(f"\nOther examples flagged as crisis ({len(flagged)} of {len(others)}):")
    for intent, text, result in flagged:
        phrases = "; ".join(f"{h.phrase.text!r} {h.phrase.where}" for h in result.hits)
        print(f"  [{intent} -> {result.category}] {text}\n      by {phrases}")
    caught = 1 - len(missed) / len(crisis) if crisis else 1.0
    rate = len(flagged) / len(others) if others else 0.0
    print(f"\ncaught {caught:.1%} of crisis examples; flagged {rate:.1%} of the others")


def main() -> int:
    """Print what the screen finds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nlu", action="store_true", help="run the training examples")
    parser.add_argument("language")
    parser.add_argument("message", nargs="?")
    args = parser.parse_args()
    try:
        screen = SafetyScreen.load()
    except (PhraseError, FileNotFoundError) as error:
        print(f"Cannot load the phrases: {error}", file=sys.stderr)
        return 1
    if args.nlu:
        _nlu_report(screen, args.language)
    elif args.message:
        print(_describe(screen, args.message, args.language))
    else:
        parser.error("give a message or --nlu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
