"""Read every content file once, reporting YAML syntax and top-level shape problems.

A broken file is reported and left out, so one mistake never hides the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from content.checks.located import LocatedDict, LocatedList, line_of, load_located
from content.checks.problems import ERROR, Problem
from content.responses import answer_files

# What the YAML reader says -> what to do about it, in plain words.
_HINTS = (
    (
        "mapping values are not allowed",
        "a ': ' inside a text: put the whole text in "
        'quotes ("..."), or check that this line is indented like the ones around it',
    ),
    (
        "expected '-' indicator",
        "a list item must start with '- ' and be indented "
        "exactly like the items above it",
    ),
    (
        "cannot start any token",
        "a character that cannot start a value here: indent "
        "with spaces, never tabs, and put text starting with @, ` or % in quotes",
    ),
    ("end of stream", "a quote opened on this line is never closed"),
    (
        "expected key",
        "this line does not fit: check its indentation against the entries around "
        "it, and that a quoted text has nothing after its closing quote",
    ),
    ("constructor for the tag", "a text starting with '!' must be in quotes"),
    ("another document", "a line '---' splits the file in two: remove it"),
    (
        "expected ',' or",
        "a bracket [ or { opened here is never closed, or a comma is missing",
    ),
    ("undefined alias", "a text starting with '*' must be in quotes"),
    (
        "comment or line break",
        "something follows a value on the same line: put the whole text in quotes, "
        "or start the block (after '|') on the next line",
    ),
    (
        "expected ':'",
        "a line without ':' where 'name: value' is expected (or a text "
        "that needs quotes)",
    ),
)
_KIND = {dict: "named entries (name: ...)", list: "a list (lines starting with '- ')"}
_BUILT_IN_INTENTS = {"nlu_fallback", "restart", "back", "session_start", "out_of_scope"}
_BUILT_IN_ACTIONS = {
    "action_listen",
    "action_restart",
    "action_session_start",
    "action_back",
    "action_default_fallback",
    "action_deactivate_loop",
    "action_two_stage_fallback",
    "action_revert_fallback_events",
    "action_default_ask_affirmation",
    "action_default_ask_rephrase",
    "action_unlikely_intent",
    "action_extract_slots",
}


def read_yaml(
    path: Path, sections: dict[str, type]
) -> tuple[LocatedDict | None, list[Problem]]:
    """Read one file; return its top level (None if unusable) and its problems.

    `sections` names the top-level keys the file must have and their kind; a section
    of the wrong kind is reported and dropped.
    """
    where = str(path)
    try:
        data, twice = load_located(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return None, [_syntax_problem(where, error)]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(ERROR, where, "file", f"cannot be read: {error}")]
    problems = [
        Problem(
            ERROR,
            where,
            str(key),
            f"written twice in one place (first on line "
            f"{first}); the second one silently replaces the first",
            line,
        )
        for key, first, line in twice
    ]
    if data is None:
        data = LocatedDict()
    if not isinstance(data, LocatedDict):
        problems.append(
            Problem(
                ERROR,
                where,
                "file",
                "must start with named sections (e.g. "
                f"'{next(iter(sections), 'name')}:'), not {_describe(data)}",
                1,
            )
        )
        return None, problems
    for key, kind in sections.items():
        if key not in data:
            problems.append(
                Problem(ERROR, where, "file", f"needs a top-level '{key}:' section", 1)
            )
        elif not isinstance(data[key], kind):
            problems.append(
                Problem(
                    ERROR,
                    where,
                    key,
                    f"must hold {_KIND.get(kind, kind.__name__)}, "
                    f"not {_describe(data[key])}",
                    line_of(data, key),
                )
            )
            del data[key]
    return data, problems


def _syntax_problem(where: str, error: yaml.YAMLError) -> Problem:
    problem = str(getattr(error, "problem", "") or error)
    mark = getattr(error, "problem_mark", None)
    if "end of stream" in problem and getattr(error, "context_mark", None):
        mark = error.context_mark  # type: ignore[attr-defined]
    fallback = f"the YAML reader says '{problem}'"
    hint = next((h for key, h in _HINTS if key in problem), fallback)
    line = mark.line + 1 if mark is not None else None
    return Problem(
        ERROR,
        where,
        "file",
        f"not valid YAML: {hint}. The rest of this file was not checked.",
        line,
    )


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "named entries"
    if isinstance(value, list):
        return "a list"
    return "empty" if value is None else f"the text {str(value)[:40]!r}"


@dataclass
class Domain:
    """The names the assistant knows: intents, entities and actions."""

    intents: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)


@dataclass
class Sources:
    """Every readable content file, loaded once with lines."""

    domain: Domain | None  # None when domain.yml cannot be read
    responses: list[tuple[Path, LocatedDict]]  # file, {answer name: spec}
    nlu: list[tuple[Path, LocatedList]]  # file, training blocks
    rules: list[tuple[Path, LocatedList]]
    stories: list[tuple[Path, LocatedList]]
    flows: tuple[Path, LocatedDict] | None
    problems: list[Problem]
    unreadable: set[Path] = field(default_factory=set)  # reported, left out

    def answers_written(self) -> set[str]:
        """Return every answer name written in at least one language."""
        return {str(name) for _, answers in self.responses for name in answers}


def load_sources(root: Path) -> Sources:
    """Read domain.yml, answers, training examples, rules, stories and flows."""
    problems: list[Problem] = []

    unreadable: set[Path] = set()

    def read(path: Path, key: str, kind: type) -> Any:
        data, found = read_yaml(path, {key: kind})
        problems.extend(found)
        section = None if data is None else data.get(key)
        if section is None:
            unreadable.add(path)
        return section

    data = root / "data"
    sources = Sources(
        domain=_domain(root / "domain.yml", problems),
        responses=_each(answer_files(data / "responses"), "responses", dict, read),
        nlu=_each(sorted((data / "nlu").rglob("*.yml")), "nlu", list, read),
        rules=_each(sorted((data / "rules").rglob("*.yml")), "rules", list, read),
        stories=_each(sorted((data / "stories").rglob("*.yml")), "stories", list, read),
        flows=None,
        problems=problems,
        unreadable=unreadable,
    )
    flows_path = data / "flows.yml"
    if flows_path.exists():
        flows = read(flows_path, "flows", dict)
        sources.flows = None if flows is None else (flows_path, flows)
    return sources


def _each(
    paths: list[Path], key: str, kind: type, read: Callable[[Path, str, type], Any]
) -> list[Any]:
    found = ((path, read(path, key, kind)) for path in paths)
    return [(path, section) for path, section in found if section is not None]


def _domain(path: Path, problems: list[Problem]) -> Domain | None:
    data, found = read_yaml(path, {"intents": list})
    problems.extend(found)
    if data is None or "intents" not in data:
        return None  # without the catalogue every name would look unknown
    domain = Domain(set(_BUILT_IN_INTENTS), set(), set(_BUILT_IN_ACTIONS))
    domain.intents |= _names(data.get("intents"))
    domain.entities |= _names(data.get("entities"))
    domain.actions |= _names(data.get("actions")) | _names(data.get("forms"))
    return domain


def _names(items: Any) -> set[str]:
    """Names of a domain list, where an item may be 'name' or 'name: {options}'."""
    if isinstance(items, dict):
        return {str(k) for k in items}
    names = set()
    for item in items if isinstance(items, list) else []:
        names |= {str(k) for k in item} if isinstance(item, dict) else {str(item)}
    return names
