"""Emergency numbers and help services per country, read from data/helplines.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

FALLBACK_COUNTRY = "INT"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "helplines.yml"


@dataclass(frozen=True)
class Service:
    """One help service or emergency number as published in helplines.yml."""

    kind: str
    names: dict[str, str]
    phone: str | None = None
    url: str | None = None
    hours: str | None = None
    use: str | None = None
    free: bool | None = None
    verified: bool = False
    source: str = ""
    last_checked: date | None = None
    note: str | None = None

    def name(self, language: str) -> str:
        """Return the service name in `language`, else English, else any."""
        return (
            self.names.get(language)
            or self.names.get("en")
            or next(iter(self.names.values()), "")
        )


@dataclass(frozen=True)
class Country:
    """All services of one country, in the order the file lists them."""

    code: str
    names: dict[str, str]
    services: tuple[Service, ...] = field(default_factory=tuple)

    def name(self, language: str) -> str:
        """Return the country name in `language`, else English, else its code."""
        return self.names.get(language) or self.names.get("en") or self.code

    def shown(self, kind: str | None = None) -> list[Service]:
        """Return verified services (of `kind`); unverified ones never reach a child."""
        return [
            s for s in self.services if s.verified and (kind is None or s.kind == kind)
        ]


class HelplineDirectory:
    """Look up help for a country, falling back to international services."""

    def __init__(self, countries: dict[str, Country]) -> None:
        """Wrap parsed countries; use `load()` to read the YAML file."""
        if FALLBACK_COUNTRY not in countries:
            raise ValueError("helplines.yml needs an INT (international) entry")
        self.countries = countries

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> HelplineDirectory:
        """Parse helplines.yml into a directory."""
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        countries = {
            str(code).upper(): _parse_country(str(code).upper(), body)
            for code, body in (raw.get("countries") or {}).items()
        }
        return cls(countries)

    def country(self, code: str | None) -> Country:
        """Return the country for an ISO code, or the international entry."""
        key = (code or "").strip().upper()
        return self.countries.get(key) or self.countries[FALLBACK_COUNTRY]

    def emergency(self, code: str | None, use: str | None = None) -> Service:
        """Return the emergency number to show for a danger (or `use`) situation."""
        for candidate in (self.country(code), self.countries[FALLBACK_COUNTRY]):
            numbers = candidate.shown("emergency")
            preferred = [s for s in numbers if use and s.use == use]
            if preferred or numbers:
                return (preferred or numbers)[0]
        raise LookupError("no verified emergency number, not even for INT")

    def child_helpline(self, code: str | None) -> Service:
        """Return the child helpline of the country, else the international one."""
        for candidate in (self.country(code), self.countries[FALLBACK_COUNTRY]):
            lines = candidate.shown("child_helpline")
            if lines:
                return lines[0]
        raise LookupError("no verified child helpline, not even for INT")


def _parse_country(code: str, body: dict[str, Any]) -> Country:
    names = _names(body.get("name"), code)
    services = tuple(_parse_service(s) for s in body.get("services") or [])
    return Country(code=code, names=names, services=services)


def _parse_service(raw: dict[str, Any]) -> Service:
    checked = raw.get("last_checked")
    if isinstance(checked, str):
        checked = date.fromisoformat(checked)
    return Service(
        kind=str(raw.get("kind", "other")),
        names=_names(raw.get("name"), ""),
        phone=_text(raw.get("phone")),
        url=_text(raw.get("url")),
        hours=_text(raw.get("hours")),
        use=_text(raw.get("use")),
        free=raw.get("free"),
        verified=bool(raw.get("verified", False)),
        source=str(raw.get("source", "")),
        last_checked=checked,
        note=_text(raw.get("note")),
    )


def _names(value: Any, default: str) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"en": str(value)} if value else {"en": default}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
