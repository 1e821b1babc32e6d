"""Shared test helpers: trackers, a fake Rasa, a tiny helpline directory."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
from rasa_sdk import Tracker

from helplines.directory import Country, HelplineDirectory, Service


def make_tracker(
    slots: dict[str, Any] | None = None,
    intent: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    text: str = "",
    metadata: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "pseudonym-1",
) -> Tracker:
    """Build an action-server tracker like the one Rasa sends."""
    latest = {
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
        "text": text,
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id, dict(slots or {}), latest, events or [], False, None, {}, None
    )


def service(kind: str, phone: str, name: str, **extra: Any) -> Service:
    return Service(
        kind=kind,
        names={"en": name},
        phone=phone,
        verified=extra.pop("verified", True),
        source="test",
        last_checked=date(2026, 1, 1),
        **extra,
    )


def small_directory() -> HelplineDirectory:
    """Two countries and INT, enough to tell countries apart in assertions."""
    return HelplineDirectory(
        {
            "NO": Country(
                "NO",
                {"en": "Norway", "nb": "Norge"},
                (
                    service("emergency", "112", "Police", use="police"),
                    service("emergency", "113", "Ambulance", use="medical"),
                    service("child_helpline", "116 111", "Alarmtelefonen"),
                ),
            ),
            "XK": Country(
                "XK",
                {"en": "Kosovo"},
                (
                    service("emergency", "112", "Emergency", use="general"),
                    service("child_helpline", "999 999", "Unverified", verified=False),
                ),
            ),
            "INT": Country(
                "INT",
                {"en": "International"},
                (
                    service("emergency", "112", "Emergency (Europe)", use="general"),
                    service(
                        "child_helpline",
                        None,  # type: ignore[arg-type]
                        "Child Helpline International",
                        url="https://www.childhelplineinternational.org",
                    ),
                    service(
                        "image_removal",
                        None,  # type: ignore[arg-type]
                        "Take It Down",
                        url="https://takeitdown.ncmec.org",
                    ),
                ),
            ),
        }
    )


class FakeRasa:
    """An httpx transport that plays Rasa's REST channel and records requests."""

    def __init__(
        self,
        answer: Callable[[dict[str, Any]], Any] | None = None,
        status: int = 200,
        events: list[dict[str, Any]] | None = None,
    ) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self._answer = answer or (lambda body: [{"text": "ok"}])
        self._status = status
        self._events = events or []

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.requests.append((request.method, request.url.path, body))
        if self._status != 200:
            return httpx.Response(self._status, text="error")
        if request.method in ("PUT", "POST") and "/tracker/events" in request.url.path:
            return httpx.Response(200, json={})
        if request.method == "GET":
            return httpx.Response(200, json={"events": self._events})
        return httpx.Response(200, json=self._answer(body))
