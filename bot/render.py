"""Turn Rasa's REST messages into chat bubbles with buttons (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """A choice the young person can tap; the payload goes back to Rasa."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One chat bubble, optionally with buttons under it."""

    text: str
    buttons: tuple[Button, ...] = ()
    # "message", or "clear_chat": the front end removes the chat from the screen.
    kind: str = "message"


@dataclass
class Rendered:
    """What the front end shows, plus setting changes the actions reported."""

    replies: list[Reply] = field(default_factory=list)
    preferences: dict[str, str] = field(default_factory=dict)
    handoff_case: int | None = None
    # The answers (utter_ names) this turn came from, in order; see nlg/generator.py.
    responses: list[str] = field(default_factory=list)


def split_bubbles(text: str) -> list[str]:
    """Split a text into bubbles at blank lines."""
    return [
        part.strip()
        for part in text.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]


def buttons_from(raw: Any) -> tuple[Button, ...]:
    """Keep only well-formed buttons (a title and a payload)."""
    if not isinstance(raw, list):
        return ()
    return tuple(
        Button(str(b["title"]), str(b["payload"]))
        for b in raw
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    )


def bubbles(text: str, buttons: tuple[Button, ...] = ()) -> list[Reply]:
    """Return the bubbles of one message; buttons go under the last bubble."""
    parts = split_bubbles(text) or ([""] if buttons else [])
    return [
        Reply(part, buttons if i == len(parts) - 1 else ())
        for i, part in enumerate(parts)
    ]


def render(messages: Iterable[dict[str, Any]]) -> Rendered:
    """Render Rasa's messages; custom `prefs` payloads become setting changes."""
    rendered = Rendered()
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("response"), str):
            custom = dict(custom)  # pure: the caller's message is left as it was
            rendered.responses.append(custom.pop("response"))
            if not custom:
                continue
        if isinstance(custom, dict) and isinstance(custom.get("prefs"), dict):
            rendered.preferences.update(
                {str(k): str(v) for k, v in custom["prefs"].items() if v}
            )
            continue
        if isinstance(custom, dict) and isinstance(custom.get("handoff"), dict):
            case = custom["handoff"].get("case")
            rendered.handoff_case = case if isinstance(case, int) else None
            continue
        rendered.replies += bubbles(
            str(message.get("text") or ""), buttons_from(message.get("buttons"))
        )
    return rendered
