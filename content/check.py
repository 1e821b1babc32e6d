"""`make check`: validate all content in seconds, without training.

Prints each problem in plain words with file, line and entry; exits 1 only for errors.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from content.checks.answer_shape import answer_shape
from content.checks.answers import (
    Text,
    answer_texts,
    bubbles,
    coverage,
    iter_answers,
    readability,
    terminology,
)
from content.checks.buttons import check_buttons, gateway_payloads
from content.checks.contradictions import check_contradictions
from content.checks.dialogues import (
    Dialogue,
    answers_in_dialogues,
    check_dialogues,
    iter_dialogues,
)
from content.checks.examples import Example, check_examples, iter_examples
from content.checks.flows import check_flows
from content.checks.helplines import check_helplines
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.safety import SIGN_ANSWERS, check_safety
from content.checks.settings import load_content_rules, load_terminology
from content.checks.sources import load_sources
from content.checks.used import answers_in_code, unwritten


def run_checks(root: Path, today: date | None = None) -> list[Problem]:
    """Run every content check and return the problems found."""
    data = root / "data"
    sources = load_sources(root)
    problems = list(sources.problems)
    written = sources.answers_written()
    answers = list(iter_answers(sources.responses))
    problems += answer_shape(sources.responses)
    problems += check_dialogues(sources, written)
    problems += check_contradictions(
        [d for d in iter_dialogues(sources) if isinstance(d, Dialogue)]
    )
    in_flows, found = check_flows(sources, written)
    problems += found
    signs = {name: (f"{data / 'responses' / 'en'}/", None) for name in SIGN_ANSWERS}
    in_code = answers_in_code(root) | signs
    problems += unwritten(in_code, written)
    used = set(answers_in_dialogues(sources)) | set(in_flows) | set(in_code)
    broken = {p.parent.name for p in sources.unreadable if "responses" in p.parts}
    problems += coverage(answers, used & written, broken)
    problems += check_examples(sources)
    problems += check_buttons(
        sources.responses, sources.domain, gateway_payloads(root / "bot")
    )
    terms, found = load_terminology(data / "terminology.yml")
    problems += found
    examples = [e for e in iter_examples(sources) if isinstance(e, Example)]
    problems += terminology(
        answer_texts(answers)
        + [Text(str(e.path), e.intent, e.text, e.line) for e in examples],
        terms,
    )
    rules, found = load_content_rules(data / "content_rules.yml")
    problems += found
    if rules is not None:
        problems += readability(answers, rules)
        problems += bubbles(answers, rules)
        problems += check_helplines(
            data / "helplines.yml", today or date.today(), rules["helplines_warn_days"]
        )
    languages = sorted(p.name for p in (data / "responses").iterdir() if p.is_dir())
    problems += check_safety(data / "safety", languages)
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
            for problem in sorted(group, key=lambda p: (p.path, p.line or 0)):
                print(f"  {problem}")
    print(f"check: {len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
