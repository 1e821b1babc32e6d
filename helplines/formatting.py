"""Render help services as short, language-aware lines for chat messages."""

from __future__ import annotations

from helplines.directory import Country, HelplineDirectory, Service

_KIND_MARKS = {
    "emergency": "🚨",
    "child_helpline": "📞",
    "trafficking": "🛡️",
    "reporting": "📝",
    "image_removal": "🧹",
    "missing_child": "🔎",
}
_FREE = {"en": "free", "nb": "gratis", "sv": "gratis", "nl": "gratis"}
# Kinds listed in a helplines answer, in this order.
LISTED_KINDS = tuple(_KIND_MARKS) + ("other",)


def contact(service: Service, language: str) -> str:
    """Return 'Name 116 111' (or 'Name, https://…' when there is no phone)."""
    name = service.name(language)
    if service.phone:
        return f"{name} {service.phone}"
    return f"{name}, {service.url}" if service.url else name


# Which emergency number each crisis answer names: self-harm needs medical help first
# where numbers are split (Norway: 113), the others the police.
EMERGENCY_USE = {
    "utter_crisis_danger": "police",
    "utter_crisis_self_harm": "medical",
    "utter_disclose_exploitation": "police",
    "utter_crisis_sextortion": "police",
}


def crisis_placeholders(
    directory: HelplineDirectory,
    country: str | None,
    language: str | None,
    use: str | None = None,
) -> dict[str, str]:
    """Return the {emergency} and {helpline} placeholders for a country."""
    return {
        "emergency": directory.emergency(country, use=use).phone or "112",
        "helpline": contact(directory.child_helpline(country), language or "en"),
    }


def service_line(service: Service, language: str) -> str:
    """Return one bullet line with mark, name, number, web address and hours."""
    parts = [f"{_KIND_MARKS.get(service.kind, '•')} {service.name(language)}"]
    details = [d for d in (service.phone, service.url) if d]
    if details:
        parts.append(": " + " · ".join(details))
    notes = [service.hours] if service.hours else []
    if service.free:
        notes.append(_FREE.get(language, _FREE["en"]))
    if notes:
        parts.append(f" ({', '.join(notes)})")
    return "".join(parts)


def helpline_list(country: Country, fallback: Country, language: str) -> str:
    """Return every verified service of a country, plus international tools."""
    shown = country.shown()
    if not any(s.kind == "child_helpline" for s in shown):
        shown += fallback.shown("child_helpline")
    if country.code != fallback.code:
        shown += fallback.shown("image_removal")
    ordered = sorted(
        shown,
        key=lambda s: (
            LISTED_KINDS.index(s.kind) if s.kind in LISTED_KINDS else len(LISTED_KINDS)
        ),
    )
    return "\n".join(service_line(s, language) for s in ordered)
