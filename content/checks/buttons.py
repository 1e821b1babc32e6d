"""Checks on answer buttons: complete, known intents, the same in every language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from content.checks.located import line_of
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.sources import Domain
from content.responses import FALLBACK_LANGUAGE

_INTENT_PAYLOAD = re.compile(r"^/(?P<intent>[^{]*)(?P<entities>\{.*\})?$", re.DOTALL)
_GATEWAY_PAYLOAD = re.compile(r"""["'](gw:[^"'\s]+)["']""")
TITLE_MAX = 64  # Telegram shows at most 64 characters of a button title
_Seen = tuple[str, str, int | None, tuple[str, ...]]  # language, file, line, payloads


def gateway_payloads(bot_dir: Path) -> set[str]:
    """Return the gw: payloads the gateway (bot/) acts on."""
    found: set[str] = set()
    for path in sorted(bot_dir.rglob("*.py")):
        found |= set(_GATEWAY_PAYLOAD.findall(path.read_text(encoding="utf-8")))
    return found


def check_buttons(
    responses: Iterable[tuple[Path, dict[str, Any]]],
    domain: Domain | None,
    gateway: set[str],
) -> list[Problem]:
    """Report broken buttons, and answers whose buttons differ between languages."""
    problems: list[Problem] = []
    seen: dict[str, list[_Seen]] = {}
    for path, answers in responses:
        for name, spec in answers.items():
            if not isinstance(spec, dict):
                continue
            buttons = spec.get("buttons") or []
            line = line_of(spec, "buttons", line_of(answers, name))
            if not isinstance(buttons, list):
                problems.append(
                    Problem(
                        ERROR,
                        str(path),
                        str(name),
                        "'buttons:' must be a list of "
                        "buttons, each with a title: and a payload:",
                        line,
                    )
                )
                continue
            payloads = []
            for i, button in enumerate(buttons):
                where = (str(path), str(name), line_of(buttons, i, line))
                payload, found = _check_button(button, where, domain, gateway)
                problems += found
                payloads.append(payload)
            language = path.parent.name
            seen.setdefault(str(name), []).append(
                (language, str(path), line, tuple(payloads))
            )
    for name, versions in seen.items():
        problems += _compare_languages(name, versions)
    return problems


def _check_button(
    button: Any,
    where: tuple[str, str, int | None],
    domain: Domain | None,
    gateway: set[str],
) -> tuple[str, list[Problem]]:
    """Return the button's payload (normalised) and its problems."""

    def error(message: str, part: str = "payload") -> Problem:
        return Problem(ERROR, *where[:2], message, line_of(button, part, where[2]))

    if not isinstance(button, dict):
        return "", [error("a button needs a title: and a payload:")]
    problems = []
    title, payload = button.get("title"), button.get("payload")
    if not isinstance(title, str) or not title.strip():
        problems.append(
            error("this button has no title: (the words on the button)", "title")
        )
    elif len(title) > TITLE_MAX:
        problems.append(
            Problem(
                WARNING,
                *where[:2],
                f"button title '{title[:20]}…' has {len(title)} "
                f"characters; Telegram shows only the first {TITLE_MAX}",
                line_of(button, "title", where[2]),
            )
        )
    if not isinstance(payload, str) or not payload.strip():
        return "", [*problems, error("this button has no payload: (what a tap means)")]
    payload = payload.strip()
    if payload.startswith("gw:"):
        if payload not in gateway:
            known = ", ".join(sorted(gateway)) or "none"
            problems.append(
                error(f"unknown gateway button '{payload}' (known: {known})")
            )
        return payload, problems
    match = _INTENT_PAYLOAD.match(payload)
    if match is None:
        problems.append(
            error(
                f"payload '{payload}' must start with '/' and an intent name "
                "(e.g. /ask_helplines), or with 'gw:' for a gateway button"
            )
        )
        return payload, problems
    intent = match["intent"].strip()
    if domain is not None and intent not in domain.intents:
        problems.append(error(f"payload '{payload}': unknown intent '{intent}'"))
    if match["entities"] is None:
        return f"/{intent}", problems
    try:
        values = json.loads(match["entities"])
    except json.JSONDecodeError:
        values = None
    if not isinstance(values, dict):
        problems.append(
            error(
                f"payload '{payload}': the part in {{ }} must look like "
                '{"entity": "value"}, with double quotes and a colon'
            )
        )
        return payload, problems
    if domain is not None:
        problems += [
            error(
                f"payload '{payload}': unknown entity '{entity}' (known: "
                f"{', '.join(sorted(domain.entities))})"
            )
            for entity in values
            if entity not in domain.entities
        ]
    return f"/{intent}{json.dumps(values, sort_keys=True)}", problems


def _compare_languages(name: str, versions: list[_Seen]) -> list[Problem]:
    """Compare each language's payloads with what most languages have."""
    groups: dict[tuple[str, ...], list[_Seen]] = {}
    for version in versions:
        groups.setdefault(version[3], []).append(version)
    ref_payloads = max(
        groups, key=lambda p: (len(groups[p]), FALLBACK_LANGUAGE in _langs(groups[p]))
    )
    ref = groups[ref_payloads]
    _, ref_path, ref_line, _ = ref[0]
    ref_where = f"{ref_path}:{ref_line}" if ref_line else ref_path
    ref_names = " and ".join(_langs(ref))
    problems = []
    for language, path, line, payloads in versions:
        if payloads == ref_payloads:
            continue
        if sorted(payloads) == sorted(ref_payloads):
            problems.append(
                Problem(
                    WARNING,
                    path,
                    name,
                    f"buttons are in a different order than in "
                    f"{ref_names} ({ref_where})",
                    line,
                )
            )
            continue
        parts = [
            f"{language} has {len(payloads)} button(s), {ref_names} "
            f"{'has' if len(ref) == 1 else 'have'} {len(ref_payloads)} "
            f"({ref_where})"
        ]
        extra = [p for p in payloads if p not in ref_payloads]
        lacking = [p for p in ref_payloads if p not in payloads]
        if extra:
            parts.append(f"only {language} has {', '.join(extra)}")
        if lacking:
            parts.append(f"{language} lacks {', '.join(lacking)}")
        problems.append(
            Problem(
                ERROR,
                path,
                name,
                "; ".join(parts) + ". Payloads must be the same in "
                "every language (only titles are translated)",
                line,
            )
        )
    return problems


def _langs(versions: list[_Seen]) -> list[str]:
    return [v[0] for v in versions]
