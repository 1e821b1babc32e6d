"""Case topic and risk level from what the young person asked about."""

from __future__ import annotations

from collections.abc import Iterable

HIGH, MEDIUM, LOW = 2, 1, 0
RISK_NAMES = {HIGH: "high", MEDIUM: "medium", LOW: "low"}

# Categories follow Child Helpline International / OCSEA reporting where they exist.
INTENT_TOPICS = {
    "crisis_danger": ("violence_danger", HIGH),
    "crisis_self_harm": ("self_harm", HIGH),
    "disclose_exploitation": ("sexual_exploitation", HIGH),
    "ask_sextortion": ("sextortion", MEDIUM),
    "ask_image_removal": ("image_abuse", MEDIUM),
    "ask_grooming_signs": ("grooming", MEDIUM),
    "ask_loverboy": ("trafficking", MEDIUM),
    "ask_job_offer": ("trafficking", MEDIUM),
    "ask_trafficking": ("trafficking", MEDIUM),
    "ask_online_safety": ("online_safety", LOW),
    "worried_about_friend": ("third_party_concern", LOW),
    "ask_rights_migrant": ("migration", LOW),
}


def topic_and_risk(intents: Iterable[str]) -> tuple[str, int]:
    """Return the topic of the riskiest intent seen (latest wins ties)."""
    topic, risk = "general", LOW
    for intent in intents:
        found = INTENT_TOPICS.get(intent)
        if found and found[1] >= risk:
            topic, risk = found
    return topic, risk
