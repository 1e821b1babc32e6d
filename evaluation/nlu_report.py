"""`make eval-nlu`: intent quality per language on a held-out split.

Splits every intent's examples per language (seeded, 20 % held out), trains an NLU-only
model with config.yml on the rest, and reports macro-F1 per language and the recall of
the intents where a miss hurts most.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

CRITICAL = (
    "crisis_danger",
    "crisis_self_harm",
    "disclose_exploitation",
    "request_counsellor",
)
TARGET_F1, TARGET_RECALL = 0.90, 0.95
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")


def split(
    root: Path, out: Path, held_out: float = 0.2, seed: int = 7
) -> list[tuple[str, str, str]]:
    """Write the training part as NLU files; return the held-out examples."""
    rng = random.Random(seed)
    test: list[tuple[str, str, str]] = []
    out.mkdir(parents=True, exist_ok=True)
    for lang_dir in sorted((root / "data" / "nlu").iterdir()):
        blocks = []
        for path in sorted(lang_dir.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for block in data.get("nlu", []):
                raw = str(block.get("examples", "")).splitlines()
                lines = [ln.strip()[2:] for ln in raw if ln.strip().startswith("- ")]
                rng.shuffle(lines)
                cut = max(1, round(len(lines) * held_out))
                test += [
                    (lang_dir.name, block["intent"], _ANNOTATION.sub(r"\1", t))
                    for t in lines[:cut]
                ]
                blocks.append(
                    {
                        "intent": block["intent"],
                        "examples": "".join(f"- {t}\n" for t in lines[cut:]),
                    }
                )
        (out / f"{lang_dir.name}.yml").write_text(
            yaml.safe_dump(
                {"version": "3.1", "nlu": blocks}, allow_unicode=True, sort_keys=False
            ),
            encoding="utf-8",
        )
    return test


async def predict(model: Path, texts: list[str]) -> list[str]:
    """Return the top intent for each text (before the fallback threshold)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    predicted = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = parsed.get("intent_ranking") or [parsed["intent"]]
        predicted.append(ranking[0]["name"])
    return predicted


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Return the unweighted mean F1 over the gold intents."""
    scores = []
    for intent in sorted(set(gold)):
        tp = sum(g == p == intent for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == intent != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == intent != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def report(test: list[tuple[str, str, str]], predicted: list[str]) -> tuple[str, bool]:
    """Return a markdown table and whether every target is met."""
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (language, gold, _), guess in zip(test, predicted, strict=True):
        by_language[language].append((gold, guess))
    lines = [
        "| language | examples | macro-F1 | critical recall |",
        "|---|---|---|---|",
    ]
    ok = True
    for language, pairs in sorted(by_language.items()):
        gold, guess = [g for g, _ in pairs], [p for _, p in pairs]
        f1 = macro_f1(gold, guess)
        critical = [(g, p) for g, p in pairs if g in CRITICAL]
        recall = sum(g == p for g, p in critical) / len(critical) if critical else 1.0
        ok = ok and f1 >= TARGET_F1 and recall >= TARGET_RECALL
        lines.append(f"| {language} | {len(pairs)} | {f1:.3f} | {recall:.3f} |")
    critical_names = ", ".join(CRITICAL)
    lines.append(
        f"\nTargets: macro-F1 ≥ {TARGET_F1}; "
        f"recall of {critical_names} ≥ {TARGET_RECALL}."
    )
    return "\n".join(lines), ok


def main() -> int:
    """Split, train, evaluate, print the report (exit 1 if a target is missed)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("var/eval-nlu"))
    parser.add_argument(
        "--report", type=Path, default=None, help="also write markdown here"
    )
    args = parser.parse_args()
    root = Path.cwd()
    test = split(root, args.out / "train")
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", "config.yml",
         "--nlu", str(args.out / "train"), "--out", str(args.out),
         "--fixed-model-name", "eval"],
        check=True, cwd=root, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    predicted = asyncio.run(predict(args.out / "eval.tar.gz", [t for _, _, t in test]))
    table, ok = report(test, predicted)
    print(table)
    if args.report:
        args.report.write_text(table + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
