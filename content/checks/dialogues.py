"""Checks on rules and stories: every step names a known intent, answer or action."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.checks.located import line_of
from content.checks.problems import ERROR, Problem
from content.checks.sources import Domain, Sources

_STEP_KINDS = (
    "intent",
    "action",
    "or",
    "slot_was_set",
    "active_loop",
    "checkpoint",
    "user",
    "bot",
)


@dataclass(frozen=True)
class Step:
    """One step of a rule or story, with where it was written."""

    kind: str  # 'intent', 'action', 'or', ...
    value: Any
    raw: dict[str, Any]
    line: int | None


@dataclass(frozen=True)
class Dialogue:
    """One rule or story."""

    path: Path
    kind: str  # 'rule' or 'story'
    name: str
    line: int | None
    block: dict[str, Any]
    steps: list[Step]


def iter_dialogues(sources: Sources) -> Iterator[Dialogue | Problem]:
    """Yield every rule and story, or a problem where one cannot be read."""
    for kind, files in (("rule", sources.rules), ("story", sources.stories)):
        for path, blocks in files:
            for i, block in enumerate(blocks):
                line = line_of(blocks, i)
                if not isinstance(block, dict) or not isinstance(block.get(kind), str):
                    yield Problem(
                        ERROR,
                        str(path),
                        kind,
                        f"each {kind} starts with '- {kind}: <name>'",
                        line,
                    )
                    continue
                steps = block.get("steps")
                if not isinstance(steps, list) or not steps:
                    yield Problem(
                        ERROR,
                        str(path),
                        block[kind],
                        "needs 'steps:', a list of intents and actions",
                        line,
                    )
                    continue
                yield Dialogue(
                    path,
                    kind,
                    block[kind],
                    line,
                    block,
                    [
                        _step(step, line_of(steps, j, line))
                        for j, step in enumerate(steps)
                    ],
                )


def _step(step: Any, line: int | None) -> Step:
    if isinstance(step, dict):
        for kind in _STEP_KINDS:
            if kind in step:
                return Step(kind, step[kind], step, line)
    return Step("unknown", step, step if isinstance(step, dict) else {}, line)


def check_dialogues(sources: Sources, written: set[str]) -> list[Problem]:
    """Report unknown intents, answers, actions and entities in rules and stories."""
    problems: list[Problem] = []
    for item in iter_dialogues(sources):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        for step in item.steps:
            problems += [
                Problem(ERROR, str(item.path), item.name, message, line)
                for message, line in _step_problems(step, sources.domain, written)
            ]
    return problems


def _step_problems(
    step: Step, domain: Domain | None, written: set[str]
) -> Iterator[tuple[str, int | None]]:
    if step.kind == "unknown":
        yield (
            "unknown step: write '- intent: <name>', '- action: <name>' or "
            "'- slot_was_set:'",
            step.line,
        )
    elif step.kind == "or":
        alternatives = step.value if isinstance(step.value, list) else []
        for k, alternative in enumerate(alternatives):
            yield from _step_problems(
                _step(alternative, line_of(alternatives, k, step.line)), domain, written
            )
    elif domain is None:
        return
    elif step.kind == "intent":
        if step.value not in domain.intents:
            yield (
                f"unknown intent '{step.value}': it is not in the intents of "
                "domain.yml",
                step.line,
            )
        for entity in _entity_names(step.raw.get("entities")):
            if entity not in domain.entities:
                yield (
                    f"unknown entity '{entity}': it is not in the entities of "
                    "domain.yml",
                    step.line,
                )
    elif step.kind == "action":
        yield from _action_problem(str(step.value), step.line, domain, written)


def _action_problem(
    action: str, line: int | None, domain: Domain, written: set[str]
) -> Iterator[tuple[str, int | None]]:
    if action.startswith("utter_"):
        if action not in written and action not in domain.actions:
            yield (
                f"answer '{action}' is not written in data/responses/ "
                "(in any language)",
                line,
            )
    elif action not in domain.actions:
        yield (
            f"unknown action '{action}': it is not in the actions of domain.yml",
            line,
        )


def _entity_names(entities: Any) -> list[str]:
    names: list[str] = []
    for entity in entities if isinstance(entities, list) else []:
        names += [str(k) for k in entity] if isinstance(entity, dict) else [str(entity)]
    return names


def answers_in_dialogues(sources: Sources) -> dict[str, tuple[str, int | None]]:
    """Return each utter_ answer rules and stories use, with its first use."""
    used: dict[str, tuple[str, int | None]] = {}
    for item in iter_dialogues(sources):
        if isinstance(item, Dialogue):
            for step in item.steps:
                if step.kind == "action" and str(step.value).startswith("utter_"):
                    used.setdefault(str(step.value), (str(item.path), step.line))
    return used
