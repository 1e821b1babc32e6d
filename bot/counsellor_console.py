"""`make counsellor`: answer handoffs in a terminal, against the same handoff store."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from bot import counsellor_text
from bot.console import read_line_async
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.settings import Settings
from bot.texts import GatewayTexts
from handoff.store import COUNSELLOR, HandoffStore
from helplines.directory import HelplineDirectory

PROMPT = "counsellor> "
HELP = (
    "Commands: /onduty, /offduty, /cases, /claim N, /end, /transfer, /quit. "
    "Anything else is sent to the young person of your current case."
)


class CounsellorConsole:
    """One counsellor in a terminal: duty, claims and relay."""

    def __init__(self, relay: Relay, name: str, out: TextIO = sys.stdout) -> None:
        """Act as counsellor `name` (reference console:<name>)."""
        self.relay = relay
        self.store = relay.store
        self.name = name
        self.ref = f"console:{name}"
        self.out = out
        self.current: int | None = None
        self._announced: set[int] = set()

    def say(self, text: str) -> None:
        """Print a line for the counsellor."""
        self.out.write(text + "\n")
        self.out.flush()

    async def handle(self, line: str) -> bool:
        """Handle one typed line; return False to quit."""
        line = line.strip()
        if not line:
            return True
        if not line.startswith("/"):
            case = self.store.case(self.current) if self.current else None
            if case is None or case.status != "active":
                self.say("No open case. Use /cases and /claim N.")
            else:
                self.relay.counsellor_text(case, line)
            return True
        command, _, argument = line[1:].partition(" ")
        if command in ("quit", "exit"):
            return False
        if command in ("onduty", "offduty"):
            self.store.set_on_duty(self.ref, self.name, command == "onduty")
            self.say("You are on duty." if command == "onduty" else "You are off duty.")
        elif command == "cases":
            now = time.time()
            lines = [counsellor_text.case_line(c, now) for c in self.store.waiting()]
            lines += [
                counsellor_text.case_line(
                    c, now, self.store.display_name(c.claimed_by or "")
                )
                for c in self.store.active()
            ]
            self.say("\n".join(lines) or "No open cases.")
        elif command == "claim":
            self._claim(argument.strip().lstrip("#"))
        elif command in ("end", "transfer"):
            case = self.store.case(self.current) if self.current else None
            if case is None:
                self.say("No open case.")
            elif command == "end" and await self.relay.counsellor_end(case):
                self.say(f"Case #{case.id} is closed.")
                self.current = None
            elif command == "transfer" and self.relay.transfer(case, self.ref):
                self.say(f"Case #{case.id} is back in the queue.")
                self.current = None
        else:
            self.say(HELP)
        return True

    def _claim(self, argument: str) -> None:
        if not argument.isdigit():
            self.say("Which case? For example /claim 3")
            return
        case_id = int(argument)
        self.store.set_on_duty(self.ref, self.name, True)
        if self.relay.claim(case_id, self.ref):
            self.current = case_id
            case = self.store.case(case_id)
            assert case is not None
            self.say(counsellor_text.case_intro(case, time.time()))
        else:
            self.say(f"Case #{case_id} is not waiting (already claimed or closed).")

    def poll(self) -> None:
        """Show new waiting cases and deliver messages of this counsellor's cases."""
        now = time.time()
        for case in self.store.waiting():
            if case.id not in self._announced:
                self._announced.add(case.id)
                self.say(
                    "\n" + counsellor_text.case_card(case, now) + f"\n/claim {case.id}"
                )
        for item in self.store.pending(COUNSELLOR):
            case = self.store.case(item.case_id)
            if case is None or case.claimed_by != self.ref:
                continue
            self.say("\n" + counsellor_text.relayed(case, item))
            self.store.delivered(item.id)


async def run(
    console: CounsellorConsole, read_line: Callable[[], str], interval_s: float = 0.5
) -> None:
    """Read commands while polling the store in the background."""

    async def poll_forever() -> None:
        while True:
            console.poll()
            await asyncio.sleep(interval_s)

    console.say("Counsellor console. " + HELP)
    poller = asyncio.create_task(poll_forever())
    try:
        while True:
            console.out.write(PROMPT)
            console.out.flush()
            line = await read_line_async(read_line)
            if line == "" or not await console.handle(line):
                break
    finally:
        poller.cancel()


def main() -> None:
    """Open the counsellor console (COUNSELLOR_NAME, default: your user name)."""
    settings = Settings.from_env()
    texts = GatewayTexts.load(settings.responses_dir)
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_s)
    relay = Relay(
        HandoffStore.from_url(settings.database_url),
        rasa,
        texts,
        HelplineDirectory.load(settings.helplines_path),
    )
    name = os.environ.get("COUNSELLOR_NAME") or os.environ.get("USER") or "counsellor"
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(CounsellorConsole(relay, name), sys.stdin.readline))


if __name__ == "__main__":
    main()
