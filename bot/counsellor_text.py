"""What counsellors read: case cards and relayed items (English, staff-facing)."""

from __future__ import annotations

from handoff.store import Case, OutboxItem
from handoff.topics import RISK_NAMES

_AGE_LABELS = {
    "child": "12 or younger",
    "young_teen": "13-15",
    "older_teen": "16-17",
    "adult": "18+",
    "unknown": "not given",
}
_MEDIA_NAMES = {
    "photo": "a photo",
    "video": "a video",
    "voice": "a voice message",
    "video_note": "a video message",
    "document": "a file",
    "sticker": "a sticker",
    "location": "a location",
    "contact": "a contact",
    "animation": "an animation",
    "audio": "an audio file",
}


def waiting_minutes(case: Case, now: float) -> int:
    """Return whole minutes since the case was opened."""
    return max(0, int((now - case.created_at) // 60))


def case_card(case: Case, now: float) -> str:
    """Return the card posted to the counsellors; never anything identifying."""
    risk = RISK_NAMES.get(case.risk, "low").upper()
    return (
        f"🆕 Case #{case.id} · risk {risk}\n"
        f"Topic: {case.topic}\n"
        f"Language: {case.language} · Age: {_AGE_LABELS.get(case.age_group, '?')}"
        f" · Country: {case.country}\n"
        f"Waiting: {waiting_minutes(case, now)} min"
    )


def claimed_card(case: Case, counsellor_name: str) -> str:
    """Return the card text once a counsellor holds the case."""
    return f"✅ Case #{case.id} is with {counsellor_name}."


def case_intro(case: Case, now: float) -> str:
    """Return the first message of a claimed case for its counsellor."""
    return (
        case_card(case, now).replace("🆕", "💬", 1)
        + "\n\nWrite here to answer. The young person sees your words after"
        " 'Counsellor:', never your name. /end closes the case, /transfer gives it"
        " back to the queue."
    )


def case_line(case: Case, now: float, holder: str | None = None) -> str:
    """Return one line of the /cases list."""
    state = f"with {holder}" if holder else f"waiting {waiting_minutes(case, now)} min"
    risk = RISK_NAMES.get(case.risk, "low")
    return f"#{case.id} {state} · {risk} · {case.topic} · {case.language}"


def relayed(case: Case, item: OutboxItem) -> str:
    """Return what a counsellor sees for one item from the young person's side."""
    if item.kind == "text":
        return f"👤 #{case.id}: {item.body}"
    if item.kind == "withheld":
        what = _MEDIA_NAMES.get(item.body, "media")
        return (
            f"⚠️ #{case.id}: the young person sent {what}. It was not forwarded or"
            " stored, and they were told why."
        )
    if item.kind == "history":
        lines = [f"• {line}" for line in item.body.splitlines() if line.strip()]
        shown = "\n".join(lines) if lines else "(nothing written before)"
        return f"📜 #{case.id}, earlier messages to the bot:\n{shown}"
    if item.kind == "history_declined":
        return f"🔒 #{case.id}: the young person keeps earlier messages private."
    if item.kind == "ended_by_youth":
        return f"⏹ #{case.id} was ended by the young person. The case is closed."
    return f"#{case.id}: {item.kind}"
