"""Checks on data/helplines.yml: every entry complete, sourced and recently checked."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from content.checks.problems import ERROR, WARNING, Problem

KINDS = {
    "emergency", "child_helpline", "trafficking", "reporting", "image_removal",
    "missing_child", "other",
}  # fmt: skip
USES = {"general", "police", "medical", "fire"}
_PHONE = re.compile(r"^\+?[0-9][0-9 \-.]{1,20}[0-9]$")


def check_helplines(path: Path, today: date, warn_days: int) -> list[Problem]:
    """Return schema and freshness problems, naming country and service."""
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        return [Problem(ERROR, where, "file", f"not valid YAML: {error}")]
    review_days = data.get("review_after_days")
    if not isinstance(review_days, int) or review_days <= 0:
        return [Problem(ERROR, where, "review_after_days", "must be a number of days")]
    countries = data.get("countries") or {}
    problems = []
    if "INT" not in countries:
        problems.append(
            Problem(ERROR, where, "INT", "the international fallback is missing")
        )
    for code, country in countries.items():
        services = (country or {}).get("services") or []
        if not any(
            s.get("kind") == "emergency" and s.get("verified") for s in services
        ):
            problems.append(
                Problem(ERROR, where, str(code), "no verified emergency number")
            )
        for i, service in enumerate(services):
            entry = f"{code} · {_label(service, i)}"
            problems += _check_service(
                service, entry, where, today, review_days, warn_days
            )
    return problems


def _label(service: dict[str, Any], index: int) -> str:
    name = service.get("name")
    if isinstance(name, dict):
        name = name.get("en")
    return str(name or f"service {index + 1}")


def _check_service(
    service: dict[str, Any], entry: str, where: str, today: date,
    review_days: int, warn_days: int,
) -> list[Problem]:  # fmt: skip
    problems = []

    def error(message: str) -> None:
        problems.append(Problem(ERROR, where, entry, message))

    if service.get("kind") not in KINDS:
        error(f"kind must be one of {', '.join(sorted(KINDS))}")
    if service.get("kind") == "emergency" and service.get("use") not in USES:
        error(f"an emergency number needs use: {', '.join(sorted(USES))}")
    if service.get("verified") and not service.get("phone") and not service.get("url"):
        error("a verified entry needs a phone number or a web address")
    phone = service.get("phone")
    if phone is not None and not _PHONE.match(str(phone)):
        error(f"phone {phone!r} is not a phone number")
    url = service.get("url")
    if url is not None and not str(url).startswith("https://"):
        error(f"web address {url!r} must start with https://")
    if not service.get("source"):
        error("needs a source (where the number was found)")
    if not isinstance(service.get("verified"), bool):
        error("needs verified: true or false")
    checked = service.get("last_checked")
    if not isinstance(checked, date):
        error("needs last_checked: YYYY-MM-DD")
    else:
        due = checked + timedelta(days=review_days)
        if today > due:
            error(f"last checked {checked}, review was due {due}: check it again")
        elif today > due - timedelta(days=warn_days):
            problems.append(Problem(
                WARNING, where, entry, f"review due {due}: check it against its source"
            ))  # fmt: skip
    return problems
