"""Encrypt the chat address kept for relaying, so the store never holds a plain id."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken


class ContactCipher:
    """Fernet encryption keyed from the gateway's pseudonym secret."""

    def __init__(self, secret: bytes) -> None:
        """Derive a separate key for contacts from the gateway secret."""
        digest = hashlib.sha256(b"contacts:" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, address: str) -> str:
        """Return the encrypted form of a chat address."""
        return self._fernet.encrypt(address.encode()).decode()

    def open(self, sealed: str) -> str | None:
        """Return the chat address, or None if it was sealed with another key."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except (InvalidToken, ValueError):
            return None
