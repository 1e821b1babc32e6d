"""Checks on data/flows.yml: each flow is a known intent with 2+ written answers."""

from __future__ import annotations

from content.checks.located import line_of
from content.checks.problems import ERROR, Problem
from content.checks.sources import Sources

Where = tuple[str, int | None]  # file, line


def check_flows(
    sources: Sources, written: set[str]
) -> tuple[dict[str, Where], list[Problem]]:
    """Return the answers the flows use (with where) and the problems of the file."""
    if sources.flows is None:
        return {}, []
    path, flows = sources.flows
    where = str(path)
    used: dict[str, Where] = {}
    problems = []
    for intent, steps in flows.items():
        line = line_of(flows, intent)
        if sources.domain is not None and intent not in sources.domain.intents:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    str(intent),
                    f"unknown intent "
                    f"'{intent}': it is not in the intents of domain.yml",
                    line,
                )
            )
        if not isinstance(steps, list) or len(steps) < 2:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    str(intent),
                    "a flow needs 2 or more answers, one per line starting with '- '",
                    line,
                )
            )
            continue
        for i, step in enumerate(steps):
            step_line = line_of(steps, i, line)
            used.setdefault(str(step), (where, step_line))
            if str(step) not in written:
                problems.append(
                    Problem(
                        ERROR,
                        where,
                        str(intent),
                        f"answer '{step}' is "
                        "not written in data/responses/ (in any "
                        "language)",
                        step_line,
                    )
                )
    return used, problems
