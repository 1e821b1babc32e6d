"""What the rule-based safety screen costs per message, per language."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from bench.load import message_pool
from bench.measure import Summary
from safety.screen import SafetyScreen


def screen_messages(root: Path) -> dict[str, list[str]]:
    """Training examples and red-team cases of each language."""
    texts: dict[str, list[str]] = {}
    for message in message_pool(root, size=100_000):
        texts.setdefault(message.language, []).append(message.text)
    for path in sorted((root / "tests" / "redteam").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        language = str(data.get("language") or path.stem)
        texts.setdefault(language, []).extend(
            str(case["text"]) for case in data.get("cases") or []
        )
    return texts


def measure_screen(root: Path) -> tuple[float, dict[str, Summary]]:
    """Return the load time (s) and per-language check time summaries (s)."""
    started = time.perf_counter()
    screen = SafetyScreen.load(root / "data" / "safety")
    load_s = time.perf_counter() - started
    figures = {}
    for language, texts in sorted(screen_messages(root).items()):
        for text in texts[:20]:
            screen.check(text, language)  # warm caches like a running gateway
        durations = []
        for text in texts:
            begun = time.perf_counter()
            screen.check(text, language)
            durations.append(time.perf_counter() - begun)
        figures[language] = Summary.of(durations)
    return load_s, figures
