"""Pure helpers that read the young person's settings from a tracker."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from preferences.parsing import (
    normalize_age_group,
    normalize_country,
    normalize_language,
)

PREFERENCE_SLOTS = ("language", "age_group", "country")
_NORMALIZERS = {
    "language": normalize_language,
    "age_group": normalize_age_group,
    "country": normalize_country,
}


def preferences_from_metadata(metadata: Any) -> dict[str, str]:
    """Return the valid settings found in gateway metadata, ignoring the rest."""
    if not isinstance(metadata, dict):
        return {}
    found = {}
    for slot in PREFERENCE_SLOTS:
        value = _NORMALIZERS[slot](metadata.get(slot))
        if value:
            found[slot] = value
    return found


def latest_metadata(tracker: Tracker) -> dict[str, Any]:
    """Return the metadata the gateway sent with the latest message."""
    metadata = (tracker.latest_message or {}).get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def entity_value(tracker: Tracker, entity: str) -> Any:
    """Return the first value of an entity in the latest message, if any."""
    return next(tracker.get_latest_entity_values(entity), None)


def latest_intent(tracker: Tracker) -> str | None:
    """Return the intent name of the latest message."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def preferences_message(**changed: str) -> dict[str, Any]:
    """Return the custom payload that tells the gateway a setting changed."""
    return {"prefs": changed}
