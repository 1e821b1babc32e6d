"""Client for Rasa's REST channel."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    """Send one young person's message to Rasa and return its messages."""

    def __init__(
        self,
        base_url: str,
        timeout_s: float = 8.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Create the HTTP client; pass `transport` to fake Rasa in tests."""
        self._client = httpx.AsyncClient(
            base_url=base_url, timeout=timeout_s, transport=transport
        )

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Post a message with metadata; raise RasaUnavailable on any failure."""
        body = {"sender": sender, "message": message, "metadata": metadata}
        try:
            response = await self._client.post(WEBHOOK_PATH, json=body)
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as error:
            logger.warning("Rasa request failed: %s", type(error).__name__)
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(messages, list):
            raise RasaUnavailable("unexpected response shape")
        return [m for m in messages if isinstance(m, dict)]

    async def intent(self, text: str) -> tuple[str | None, float]:
        """Return the NLU intent and confidence of a text; no conversation changes."""
        parsed = await self._call("POST", "/model/parse", {"text": text})
        intent = parsed.get("intent") if isinstance(parsed, dict) else None
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            return None, 0.0
        return intent["name"], float(intent.get("confidence") or 0.0)

    async def erase_conversation(self, sender: str) -> None:
        """Replace the conversation's events with none (needs `--enable-api`)."""
        await self.replace_events(sender, [])

    async def replace_events(self, sender: str, events: list[dict[str, Any]]) -> None:
        """Replace the conversation's events (needs `--enable-api`)."""
        await self._call("PUT", f"/conversations/{sender}/tracker/events", events)

    async def append_event(
        self, sender: str, event: dict[str, Any] | list[dict[str, Any]]
    ) -> None:
        """Append events (e.g. `resume`) to a conversation (needs `--enable-api`)."""
        await self._call("POST", f"/conversations/{sender}/tracker/events", event)

    async def events(self, sender: str) -> list[dict[str, Any]]:
        """Return the conversation's events since its last restart."""
        tracker = await self._call("GET", f"/conversations/{sender}/tracker", None)
        events = tracker.get("events") if isinstance(tracker, dict) else None
        return [e for e in events or [] if isinstance(e, dict)]

    async def _call(self, method: str, path: str, body: Any) -> Any:
        try:
            response = await self._client.request(method, path, json=body)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            logger.warning("Rasa %s failed: %s", method, type(error).__name__)
            raise RasaUnavailable(type(error).__name__) from error

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()
