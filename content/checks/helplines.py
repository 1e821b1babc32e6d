"""Checks on data/helplines.yml: every entry complete, sourced and recently checked."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from content.checks.located import line_of
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.sources import read_yaml

KINDS = {
    "emergency", "child_helpline", "trafficking", "reporting", "image_removal",
    "missing_child", "other",
}  # fmt: skip
USES = {"general", "police", "medical", "fire"}
_PHONE = re.compile(r"^\+?[0-9][0-9 \-.]{1,20}[0-9]$")


def check_helplines(path: Path, today: date, warn_days: int) -> list[Problem]:
    """Return schema and freshness problems, naming country, service and line."""
    where = str(path)
    data, problems = read_yaml(path, {"countries": dict})
    if data is None:
        return problems
    review_days = data.get("review_after_days")
    if not isinstance(review_days, int) or review_days <= 0:
        return [*problems, Problem(ERROR, where, "review_after_days",
                                   "must be a number of days",
                                   line_of(data, "review_after_days", 1))]  # fmt: skip
    countries = data.get("countries") or {}
    if "INT" not in countries:
        problems.append(Problem(ERROR, where, "INT", "the international fallback is "
                                "missing", line_of(data, "countries")))  # fmt: skip
    for code, country in countries.items():
        line = line_of(countries, code)
        services = (
            (country or {}).get("services") if isinstance(country, dict) else None
        )
        if not isinstance(services, list):
            message = "needs 'services:', a list of entries"
            problems.append(Problem(ERROR, where, str(code), message, line))
            continue
        if not any(
            isinstance(s, dict) and s.get("kind") == "emergency" and s.get("verified")
            for s in services
        ):
            problems.append(
                Problem(ERROR, where, str(code), "no verified emergency number", line)
            )
        for i, service in enumerate(services):
            at = line_of(services, i, line)
            if not isinstance(service, dict):
                message = "an entry needs kind:, name:, source: ..."
                problems.append(Problem(ERROR, where, f"{code} · {i + 1}", message, at))
                continue
            entry = f"{code} · {_label(service, i)}"
            problems += _check_service(
                service, (where, entry, at), today, review_days, warn_days
            )
    return problems


def _label(service: dict[str, Any], index: int) -> str:
    name = service.get("name")
    if isinstance(name, dict):
        name = name.get("en")
    return str(name or f"service {index + 1}")


def _check_service(
    service: dict[str, Any], place: tuple[str, str, int | None], today: date,
    review_days: int, warn_days: int,
) -> list[Problem]:  # fmt: skip
    problems = []
    where, entry, line = place

    def error(message: str, field: str | None = None) -> None:
        at = line_of(service, field, line) if field in service else line
        problems.append(Problem(ERROR, where, entry, message, at))

    if service.get("kind") not in KINDS:
        error(f"kind must be one of {', '.join(sorted(KINDS))}", "kind")
    if service.get("kind") == "emergency" and service.get("use") not in USES:
        error(f"an emergency number needs use: {', '.join(sorted(USES))}", "use")
    if service.get("verified") and not service.get("phone") and not service.get("url"):
        error("a verified entry needs a phone number or a web address")
    phone = service.get("phone")
    if phone is not None and not _PHONE.match(str(phone)):
        error(f"phone {phone!r} is not a phone number", "phone")
    url = service.get("url")
    if url is not None and not str(url).startswith("https://"):
        error(f"web address {url!r} must start with https://", "url")
    if not service.get("source"):
        error("needs a source (where the number was found)", "source")
    if not isinstance(service.get("verified"), bool):
        error("needs verified: true or false", "verified")
    checked = service.get("last_checked")
    if not isinstance(checked, date):
        error("needs last_checked: YYYY-MM-DD", "last_checked")
    else:
        due = checked + timedelta(days=review_days)
        if today > due:
            error(f"last checked {checked}, review was due {due}: check it again",
                  "last_checked")  # fmt: skip
        elif today > due - timedelta(days=warn_days):
            problems.append(Problem(
                WARNING, where, entry, f"review due {due}: check it against its source",
                line_of(service, "last_checked", line),
            ))  # fmt: skip
    return problems
