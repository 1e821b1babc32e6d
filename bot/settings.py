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
    rasa_timeout_s: float = 2.5
    telegram_token: str | None = None
    default_language: str = "en"
    default_country: str | None = None
    responses_dir: Path = REPO_ROOT / "data" / "responses"
    helplines_path: Path = REPO_ROOT / "data" / "helplines.yml"
    state_dir: Path = REPO_ROOT / "var"
    retention_hours: float = 24.0
    pseudonym_secret: str | None = field(default=None, repr=False)
    telegram_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    counsellor_chat_id: int | None = None
    counsellor_ids: frozenset[int] = frozenset()
    database_url: str | None = None
    reannounce_after_s: float = 300.0
    poll_interval_s: float = 0.5
    # The anonymous "was this helpful?" after topic answers (FEEDBACK=off: never).
    feedback: bool = True
    feedback_db: str | None = None  # a file path or database URL; var/feedback.db

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
            telegram_base_url=env.get("TELEGRAM_BASE_URL", defaults.telegram_base_url),
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_listen=env.get("WEBHOOK_LISTEN", defaults.webhook_listen),
            webhook_port=int(env.get("WEBHOOK_PORT", defaults.webhook_port)),
            webhook_secret=env.get("WEBHOOK_SECRET") or None,
            counsellor_chat_id=_int_or_none(env.get("COUNSELLOR_CHAT_ID")),
            counsellor_ids=frozenset(
                int(part)
                for part in env.get("COUNSELLOR_IDS", "").replace(",", " ").split()
            ),
            database_url=env.get("DATABASE_URL") or None,
            reannounce_after_s=float(
                env.get("REANNOUNCE_AFTER_S", defaults.reannounce_after_s)
            ),
            poll_interval_s=float(env.get("POLL_INTERVAL_S", defaults.poll_interval_s)),
            feedback=env.get("FEEDBACK", "on").strip().lower()
            not in ("off", "0", "false", "no"),
            feedback_db=env.get("FEEDBACK_DB") or None,
        )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None
