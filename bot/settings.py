"""Gateway configuration, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs to know about its deployment."""

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout_s: float = 8.0
    telegram_token: str | None = None
    default_language: str = "en"
    default_country: str | None = None
    responses_dir: Path = REPO_ROOT / "data" / "responses"
    helplines_path: Path = REPO_ROOT / "data" / "helplines.yml"
    state_dir: Path = REPO_ROOT / "var"
    retention_hours: float = 24.0
    pseudonym_secret: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from environment variables (see README for the list)."""
        env = dict(os.environ if env is None else env)
        defaults = cls()
        return cls(
            rasa_url=env.get("RASA_URL", defaults.rasa_url).rstrip("/"),
            rasa_timeout_s=float(env.get("RASA_TIMEOUT_S", defaults.rasa_timeout_s)),
            telegram_token=env.get("TELEGRAM_TOKEN") or None,
            default_language=env.get("DEFAULT_LANGUAGE", defaults.default_language),
            default_country=env.get("DEFAULT_COUNTRY") or None,
            responses_dir=Path(env.get("RESPONSES_DIR", defaults.responses_dir)),
            helplines_path=Path(env.get("HELPLINES_PATH", defaults.helplines_path)),
            state_dir=Path(env.get("STATE_DIR", defaults.state_dir)),
            retention_hours=float(env.get("RETENTION_HOURS", defaults.retention_hours)),
            pseudonym_secret=env.get("PSEUDONYM_SECRET") or None,
        )
