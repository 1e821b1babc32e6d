"""A small, valid content tree for the checker tests; each test breaks one thing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from content.check import run_checks
from content.checks.problems import Problem
from safety.phrases import SIGNS

REAL = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "nb", "sv", "nl")
TODAY = date(2026, 2, 1)

DOMAIN = """\
version: "3.1"
intents:
  - greet
  - ask_helplines
  - ask_job_offer
  - choose_language
entities:
  - language
  - step
actions:
  - action_show_helplines
  - action_guide
"""

ANSWERS = """\
# {lang} · smalltalk
responses:
  utter_greet:
    text:
      child: |
        Hi!
      young_teen: |
        Hey!
      older_teen: |
        Hey there!
      adult: |
        Hello.
    buttons:
      - title: "Helplines"
        payload: /ask_helplines
      - title: "English"
        payload: '/choose_language{{"language": "en"}}'
      - title: "Delete"
        payload: gw:forget
  utter_job_offer:
    text: Check the offer.
  utter_job_offer_step_check:
    text: Ask someone you trust.
"""
SIGN_ANSWERS = "".join(f"  utter_sign_{s}:\n    text: Sign.\n" for s in SIGNS)

NLU = """\
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hi
    - hello there
- intent: ask_helplines
  examples: |
    - which helplines are there
    - [english]{"entity": "language", "value": "en"} helplines
"""

RULES = """\
version: "3.1"
rules:
- rule: "smalltalk: greeting"
  steps:
  - intent: greet
  - action: utter_greet
- rule: "reporting: helplines"
  steps:
  - intent: ask_helplines
  - action: action_show_helplines
- rule: "fallback"
  steps:
  - intent: nlu_fallback
  - action: utter_greet
"""

STORIES = """\
version: "3.1"
stories:
- story: "smalltalk: greets, then asks for helplines"
  steps:
  - intent: greet
  - action: utter_greet
  - intent: ask_helplines
  - action: action_show_helplines
"""

FLOWS = """\
flows:
  ask_job_offer:
    - utter_job_offer
    - utter_job_offer_step_check
"""

HELPLINES = """\
review_after_days: 180
countries:
  INT:
    name: International
    services:
      - kind: emergency
        use: general
        name: Emergency
        phone: "112"
        source: "https://example.org"
        last_checked: 2026-01-01
        verified: true
"""

SAFETY = """\
danger: [help me now]
self_harm: [hurt myself]
exploitation: [sold me]
sextortion: [post my nudes]
bot_abuse: [pretend you are]
not_crisis: [killing me lol]
signs:
  secrecy: [our secret]
"""


def write_content(root: Path) -> Path:
    """Write the small content tree below `root` and return `root`."""
    files = {
        "domain.yml": DOMAIN,
        "data/rules/smalltalk.yml": RULES,
        "data/stories/smalltalk.yml": STORIES,
        "data/flows.yml": FLOWS,
        "data/helplines.yml": HELPLINES,
        "bot/core.py": 'FORGET_PAYLOAD = "gw:forget"\n',
    }
    for lang in LANGUAGES:
        files[f"data/responses/{lang}/smalltalk.yml"] = ANSWERS.format(lang=lang)
        files[f"data/responses/{lang}/safety.yml"] = "responses:\n" + SIGN_ANSWERS
        files[f"data/nlu/{lang}/smalltalk.yml"] = NLU
        files[f"data/safety/{lang}.yml"] = SAFETY
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name in ("content_rules.yml", "terminology.yml"):
        shutil.copyfile(REAL / "data" / name, root / "data" / name)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur) by `new` in one file of the tree."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_number(root: Path, name: str, needle: str, nth: int = 1) -> int:
    """Return the line of the `nth` line of a file containing `needle`."""
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    found = [i + 1 for i, line in enumerate(lines) if needle in line]
    return found[nth - 1]


def check(root: Path) -> list[Problem]:
    """Run every check on the tree."""
    return run_checks(root, TODAY)


def at(problems: list[Problem], root: Path, name: str, line: int) -> list[Problem]:
    """Return the problems printed as 'file:line: ...' for one file and line."""
    prefix = f"{root / name}:{line}: "
    return [p for p in problems if str(p).startswith(prefix)]
