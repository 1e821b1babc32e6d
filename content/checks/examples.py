"""Checks on training examples: known names, no duplicates, no conflicts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.checks.located import line_of, literal_start
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.sources import Domain, Sources

# [words](entity), [words](entity:value) or [words]{"entity": "...", ...}
_MARKUP = re.compile(
    r"\[(?P<words>[^\]]*)\](?:\((?P<short>[^)]*)\)|(?P<long>\{[^}]*\}))"
)


@dataclass(frozen=True)
class Example:
    """One training example and where it was written."""

    path: Path
    language: str
    intent: str
    text: str  # as written, with entity mark-up
    line: int | None

    @property
    def plain(self) -> str:
        """Return the words a young person would type (mark-up removed)."""
        return _MARKUP.sub(lambda m: m["words"], self.text)

    @property
    def key(self) -> str:
        """Return the text compared for duplicates: case and spacing ignored."""
        return " ".join(self.plain.casefold().split())

    def where(self) -> str:
        """Return 'file:line'."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


def iter_examples(sources: Sources) -> Iterator[Example | Problem]:
    """Yield every training example, or a problem where a block cannot be read."""
    for path, blocks in sources.nlu:
        language = _language(path)
        for i, block in enumerate(blocks):
            if not isinstance(block, dict) or "intent" not in block:
                continue  # synonyms, lookups and regexes have no intent
            intent = str(block["intent"])
            yield from _block_examples(
                path, language, intent, block, line_of(blocks, i)
            )


def _language(path: Path) -> str:
    """Return the language folder of data/nlu/<lang>/... ."""
    return next((p.name for p in path.parents if p.parent.name == "nlu"), "")


def _block_examples(
    path: Path, language: str, intent: str, block: dict[str, Any], line: int | None
) -> Iterator[Example | Problem]:
    examples = block.get("examples")
    if not isinstance(examples, str):
        yield Problem(
            ERROR,
            str(path),
            intent,
            "needs 'examples: |' followed by lines that start with '- '",
            line,
        )
        return
    start = literal_start(block, "examples")
    for index, raw in enumerate(examples.split("\n")):
        here = start + index if start is not None else line_of(block, "examples", line)
        text = raw.strip()
        if not text:
            continue
        if not text.startswith("-"):
            yield Problem(
                WARNING,
                str(path),
                intent,
                "this line is skipped: every example starts with '- '",
                here,
            )
            continue
        yield Example(path, language, intent, text[1:].strip(), here)


def check_examples(sources: Sources) -> list[Problem]:
    """Report unknown intents or entities, duplicates and conflicting examples."""
    problems = _unknown_intents(sources)
    first: dict[tuple[str, str], dict[str, Example]] = {}  # (language, key) -> intent
    for item in iter_examples(sources):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        problems += _unknown_entities(item, sources.domain)
        if not item.key:
            problems.append(_problem(WARNING, item, "empty example"))
            continue
        seen = first.setdefault((item.language, item.key), {})
        if item.intent in seen:
            problems.append(
                _problem(
                    WARNING,
                    item,
                    f"same example as {seen[item.intent].where()}; delete one of them",
                )
            )
        else:
            problems += [
                _problem(
                    ERROR,
                    item,
                    f"the same example is also under '{other.intent}' "
                    f"({other.where()}); one message cannot mean two things: keep "
                    "it under one intent only",
                )
                for other in list(seen.values())[:1]
            ]
            seen[item.intent] = item
    return problems


def _unknown_intents(sources: Sources) -> list[Problem]:
    if sources.domain is None:
        return []
    return [
        Problem(
            ERROR,
            str(path),
            str(block["intent"]),
            f"unknown intent "
            f"'{block['intent']}': it is not in the intents of domain.yml",
            line_of(blocks, i),
        )
        for path, blocks in sources.nlu
        for i, block in enumerate(blocks)
        if isinstance(block, dict)
        and "intent" in block
        and str(block["intent"]) not in sources.domain.intents
    ]


def _unknown_entities(example: Example, domain: Domain | None) -> list[Problem]:
    if domain is None:
        return []
    problems = []
    for match in _MARKUP.finditer(example.text):
        entity, broken = _entity(match)
        if broken:
            problems.append(
                _problem(
                    ERROR,
                    example,
                    f"the mark-up {match['long']} must "
                    'look like {"entity": "name", "value": "..."}',
                )
            )
        elif entity not in domain.entities:
            problems.append(
                _problem(
                    ERROR,
                    example,
                    f"unknown entity '{entity}': it is "
                    "not in the entities of domain.yml",
                )
            )
    return problems


def _entity(match: re.Match[str]) -> tuple[str, bool]:
    """Return the entity a mark-up names, and whether the mark-up is broken."""
    if match["short"] is not None:
        return match["short"].split(":")[0].strip(), False
    try:
        spec = json.loads(match["long"])
    except json.JSONDecodeError:
        return "", True
    if not isinstance(spec, dict) or "entity" not in spec:
        return "", True
    return str(spec["entity"]), False


def _problem(level: str, example: Example, message: str) -> Problem:
    return Problem(level, str(example.path), example.intent, message, example.line)
