"""`make check`: validate all content in seconds, without training.

Prints each problem in plain words with file and entry; exits 1 only for errors.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

import yaml

from content.build_domain import answers_used_in_dialogues
from content.checks.answers import (
    bubbles,
    coverage,
    iter_answers,
    readability,
    terminology,
)
from content.checks.helplines import check_helplines
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.safety import SIGN_ANSWERS, check_safety
from content.responses import ContentError, load_responses

_CODE_ANSWER = re.compile(r"""["'](utter_[a-z0-9_]+)["']""")


def answers_named_in_code(root: Path) -> set[str]:
    """Return answer names that custom actions and the gateway send."""
    names: set[str] = set()
    for folder in ("actions", "bot"):
        for path in (root / folder).rglob("*.py"):
            names |= set(_CODE_ANSWER.findall(path.read_text(encoding="utf-8")))
    return {n for n in names if not n.endswith("_")}


def flow_answers(root: Path, intents: set[str]) -> tuple[set[str], list[Problem]]:
    """Return the answers data/flows.yml names, and problems with the file itself."""
    path = root / "data" / "flows.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    answers: set[str] = set()
    problems = []
    for intent, steps in (data.get("flows") or {}).items():
        if intent not in intents:
            problems.append(Problem(ERROR, str(path), str(intent), "unknown intent"))
        if not isinstance(steps, list) or len(steps) < 2:
            problems.append(
                Problem(ERROR, str(path), str(intent), "a flow needs 2+ steps")
            )
            continue
        answers |= {str(step) for step in steps}
    return answers, problems


def nlu_examples(root: Path) -> list[tuple[str, str, str]]:
    """Return (file, intent, example) for every training example."""
    found = []
    for path in sorted((root / "data" / "nlu").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    found.append(
                        (str(path), str(block.get("intent")), line.strip()[2:])
                    )
    return found


def run_checks(root: Path, today: date | None = None) -> list[Problem]:
    """Run every content check and return the problems found."""
    rules = yaml.safe_load((root / "data" / "content_rules.yml").read_text())
    terms = yaml.safe_load((root / "data" / "terminology.yml").read_text())
    responses_dir = root / "data" / "responses"
    try:
        known = set(load_responses(responses_dir))
    except ContentError as error:
        return [Problem(ERROR, "data/responses", "file", str(error))]
    answers = list(iter_answers(responses_dir))
    used = answers_used_in_dialogues(
        [root / "data" / "rules", root / "data" / "stories"]
    )
    intents = set(yaml.safe_load((root / "domain.yml").read_text())["intents"])
    in_flows, problems = flow_answers(root, intents)
    required = used | answers_named_in_code(root) | in_flows | SIGN_ANSWERS
    problems += [
        Problem(
            ERROR, "data/responses/en/", name, "used by the assistant but never written"
        )
        for name in sorted(required - known)
    ]
    problems += coverage(answers, required)
    texts = [(str(p), f"{n} ({b or 'all'})", t) for p, n, _, b, t in answers]
    problems += terminology(texts + nlu_examples(root), terms)
    problems += readability(answers, rules)
    problems += bubbles(answers, rules)
    languages = sorted(p.name for p in responses_dir.iterdir() if p.is_dir())
    problems += check_safety(root / "data" / "safety", languages)
    problems += check_helplines(
        root / "data" / "helplines.yml",
        today or date.today(),
        rules["helplines_warn_days"],
    )
    return problems


def main() -> int:
    """Print problems grouped as errors and warnings; exit 1 if any error."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args()
    problems = run_checks(args.root)
    errors = [p for p in problems if p.level == ERROR]
    warnings = [p for p in problems if p.level == WARNING]
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        if group:
            print(f"{title} ({len(group)}):")
            for problem in group:
                print(f"  {problem}")
    print(f"check: {len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
