"""The emergency number and child helpline to put into an answer."""

from __future__ import annotations

from actions.settings import helpline_directory
from helplines.formatting import contact


def crisis_contacts(
    country: str | None, language: str | None, use: str | None = None
) -> dict[str, str]:
    """Return the {emergency} and {helpline} placeholders for a country."""
    directory = helpline_directory()
    lang = language or "en"
    return {
        "emergency": directory.emergency(country, use=use).phone or "112",
        "helpline": contact(directory.child_helpline(country), lang),
    }
