"""`make run`: train if needed, start Rasa and the action server, open the gateway."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from launcher.processes import (
    StartupError,
    action_server,
    port_in_use,
    rasa_server,
    running,
)
from launcher.training import TrainingError, ensure_model


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Run the whole assistant in this terminal; Ctrl-C stops everything."""
    root = Path.cwd()
    rasa_port = int(os.environ.get("RASA_PORT", "5005"))
    action_port = int(os.environ.get("ACTION_PORT", "5055"))
    busy = [p for p in (rasa_port, action_port) if port_in_use(p)]
    if busy:
        print(
            f"run: port(s) {busy} already in use; is the assistant running "
            "elsewhere? Set RASA_PORT / ACTION_PORT to use others.",
            file=sys.stderr,
        )
        return 1
    # A terminal closing or `kill` must clean up as Ctrl-C does.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    signal.signal(signal.SIGHUP, _raise_keyboard_interrupt)
    started = time.monotonic()
    try:
        status = ensure_model(root)
        print(
            f"run: trained a new model in {status.seconds:.0f} s"
            if status.trained
            else "run: data unchanged, using the existing model"
        )
        log_dir = root / "var" / "log"
        processes = [
            action_server(root, action_port, log_dir),
            rasa_server(root, status.path, rasa_port, action_port, log_dir),
        ]
        print("run: starting the action server and Rasa (logs in var/log/) ...")
        with running(processes, root):
            print(f"run: ready after {time.monotonic() - started:.0f} s")
            os.environ.setdefault("RASA_URL", f"http://127.0.0.1:{rasa_port}")
            from bot.__main__ import main as gateway_main

            gateway_main()
    except KeyboardInterrupt:
        print("\nrun: stopping ...")
    except (StartupError, TrainingError) as error:
        print(f"run: {error}", file=sys.stderr)
        return 1
    print("run: all processes stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
