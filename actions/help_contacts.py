"""The emergency number and child helpline to put into an answer."""

from __future__ import annotations

from actions.settings import helpline_directory
from helplines.formatting import crisis_placeholders


def crisis_contacts(
    country: str | None, language: str | None, use: str | None = None
) -> dict[str, str]:
    """Return the {emergency} and {helpline} placeholders for a country."""
    return crisis_placeholders(helpline_directory(), country, language, use)
