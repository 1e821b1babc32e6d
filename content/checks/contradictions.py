"""A story or rule must not contradict a rule's fixed reaction to an intent.

A rule with no condition that starts with an intent is a fixed reaction: after that
intent the assistant always runs the rule's actions, then waits for the young person
(unless `wait_for_user_input: false`). Rasa lets such a rule win over every story, so a
story that answers the same intent differently would never be followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from content.checks.dialogues import Dialogue, Step
from content.checks.problems import ERROR, Problem

_USER_STEPS = ("intent", "or", "user")
_SKIPPED = ("slot_was_set", "active_loop", "bot")  # neither the user nor an action


@dataclass(frozen=True)
class Turn:
    """A user step and the actions that follow it in one rule or story."""

    intents: list[str]
    line: int | None
    actions: list[Step]
    user_follows: bool  # the dialogue goes on with another user step


@dataclass(frozen=True)
class Reaction:
    """A rule's fixed reaction to one intent."""

    dialogue: Dialogue
    turn: Turn

    def where(self, index: int) -> str:
        """Return 'file:line' of the rule's action `index` (or of its intent)."""
        steps = self.turn.actions
        line = steps[index].line if 0 <= index < len(steps) else self.turn.line
        return f"{self.dialogue.path}:{line}"


def check_contradictions(dialogues: list[Dialogue]) -> list[Problem]:
    """Report stories and rules that answer an intent unlike a rule's fixed reaction."""
    reactions: dict[str, Reaction] = {}
    problems: list[Problem] = []
    disputed: set[str] = set()  # two rules disagree: stories cannot be judged
    for dialogue in dialogues:
        if not _is_fixed(dialogue):
            continue
        turn = next(_turns(dialogue))
        for intent in turn.intents:
            other = reactions.setdefault(intent, Reaction(dialogue, turn))
            if other.dialogue is not dialogue:
                found = _compare(other, intent, dialogue, turn)
                disputed |= {intent} if found else set()
                problems += found
    for intent in disputed:
        del reactions[intent]
    for dialogue in dialogues:
        if dialogue.kind == "rule":
            continue  # other rules are more specific, so Rasa lets them win
        for turn in _turns(dialogue):
            for intent in turn.intents:
                if intent in reactions:
                    problems += _compare(reactions[intent], intent, dialogue, turn)
    return problems


def _is_fixed(dialogue: Dialogue) -> bool:
    block = dialogue.block
    return (
        dialogue.kind == "rule"
        and not block.get("condition")
        and not block.get("conversation_start")
        and dialogue.steps[0].kind in ("intent", "or")
        and all(step.kind != "unknown" for step in dialogue.steps)  # reported already
    )


def _turns(dialogue: Dialogue) -> Iterator[Turn]:
    steps = dialogue.steps
    for i, step in enumerate(steps):
        if step.kind not in ("intent", "or"):
            continue
        actions: list[Step] = []
        user_follows = False
        for later in steps[i + 1 :]:
            if later.kind in _USER_STEPS:
                user_follows = True
                break
            if later.kind == "action" and later.value == "action_listen":
                break  # waits for the young person, as a rule does by default
            if later.kind == "action":
                actions.append(later)
            elif later.kind not in _SKIPPED:
                break  # a checkpoint: the story goes on elsewhere
        yield Turn(_intents(step), step.line, actions, user_follows)


def _intents(step: Step) -> list[str]:
    if step.kind == "intent":
        return [str(step.value)]
    alternatives = step.value if isinstance(step.value, list) else []
    return [
        str(a["intent"]) for a in alternatives if isinstance(a, dict) and "intent" in a
    ]


def _compare(
    rule: Reaction, intent: str, dialogue: Dialogue, turn: Turn
) -> list[Problem]:
    expected = [str(s.value) for s in rule.turn.actions]
    waits = rule.dialogue.block.get("wait_for_user_input", True) is not False
    label = f'the rule "{rule.dialogue.name}"'
    for k, step in enumerate(turn.actions):
        if k >= len(expected):
            if not waits:
                return []
            message = (
                f"after '{intent}' this {dialogue.kind} runs '{step.value}', "
                f"but {label} ({rule.where(k - 1)}) waits for the young "
                f"person after '{expected[-1] if expected else intent}'"
            )
        elif str(step.value) != expected[k]:
            message = (
                f"after '{intent}' this {dialogue.kind} runs '{step.value}', "
                f"but {label} ({rule.where(k)}) runs '{expected[k]}'"
            )
        else:
            continue
        return [_problem(dialogue, step.line, message)]
    if turn.user_follows and len(turn.actions) < len(expected):
        missing = expected[len(turn.actions)]
        message = (
            f"after '{intent}' this {dialogue.kind} leaves out '{missing}', which "
            f"{label} ({rule.where(len(turn.actions))}) always runs"
        )
        return [_problem(dialogue, turn.line, message)]
    return []


def _problem(dialogue: Dialogue, line: int | None, message: str) -> Problem:
    return Problem(
        ERROR,
        str(dialogue.path),
        dialogue.name,
        message + ". Change one of them so they agree.",
        line,
    )
