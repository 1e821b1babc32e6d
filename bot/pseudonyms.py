"""Keyed pseudonyms: Rasa, logs and stores never see a channel's user id."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from bot.contact_cipher import ContactCipher


class Pseudonymizer:
    """Map (channel, user id) to a stable keyed hash."""

    def __init__(self, secret: bytes) -> None:
        """Use `secret` as the HMAC key; keep it out of the repository."""
        if len(secret) < 16:
            raise ValueError("pseudonym secret must be at least 16 bytes")
        self._secret = secret

    @classmethod
    def from_settings(cls, secret: str | None, state_dir: Path) -> Pseudonymizer:
        """Use the configured secret, else one generated once into state_dir."""
        if secret:
            return cls(secret.encode("utf-8"))
        key_file = state_dir / "pseudonym.key"
        if not key_file.exists():
            state_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_hex(32), encoding="utf-8")
            key_file.chmod(0o600)
        return cls(key_file.read_text(encoding="utf-8").strip().encode("utf-8"))

    def contact_cipher(self) -> ContactCipher:
        """Return the cipher for stored chat addresses (same secret, own key)."""
        return ContactCipher(self._secret)

    def key(self, channel: str, user_id: str | int) -> str:
        """Return the pseudonym of one user on one channel."""
        message = f"{channel}:{user_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]
