"""Anonymous 👍/👎 counts per answer and language: nothing else is stored.

No user key, chat id, message text or time is written, so a vote can never be traced
back to a person and there is nothing to erase on /forget. The table is created on
the first vote; SQLite gets the same settings as the handoff store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from handoff.store import make_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO_ROOT / "var" / "feedback.db"

metadata = sa.MetaData()

votes = sa.Table(
    "feedback_votes",
    metadata,
    sa.Column("response", sa.String(80), primary_key=True),
    sa.Column("language", sa.String(8), primary_key=True),
    sa.Column("up", sa.Integer, nullable=False, default=0),
    sa.Column("down", sa.Integer, nullable=False, default=0),
)


@dataclass(frozen=True)
class Tally:
    """The votes one answer got in one language."""

    response: str
    language: str
    up: int
    down: int

    @property
    def votes(self) -> int:
        """Return the number of votes."""
        return self.up + self.down


def database_url(location: str | None = None) -> str:
    """Return a database URL from FEEDBACK_DB: a file path, a URL, or the default."""
    if not location:
        return f"sqlite:///{DEFAULT_PATH}"
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


class FeedbackStore:
    """Count votes; read the counts for the editors' report."""

    def __init__(self, url: str | None = None) -> None:
        """Remember where the counts live; nothing is opened or created yet."""
        self.url = url or database_url()
        self._engine: Engine | None = None

    def _ready(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
            metadata.create_all(self._engine)
        return self._engine

    def _exists(self) -> bool:
        if self._engine is not None or not self.url.startswith("sqlite"):
            return True
        path = self.url.split("///", 1)[-1]
        return path == ":memory:" or Path(path).is_file()

    def record(self, response: str, language: str, helpful: bool) -> None:
        """Add one 👍 (helpful) or 👎 to an answer in a language."""
        column = votes.c.up if helpful else votes.c.down
        where = (votes.c.response == response) & (votes.c.language == language)
        bump = votes.update().where(where).values({column.name: column + 1})
        engine = self._ready()
        for _ in range(2):  # a second gateway may insert the same row first
            try:
                with engine.begin() as db:
                    if db.execute(bump).rowcount:
                        return
                    db.execute(
                        votes.insert().values(
                            response=response,
                            language=language,
                            up=int(helpful),
                            down=int(not helpful),
                        )
                    )
                    return
            except IntegrityError:
                continue

    def tallies(self) -> list[Tally]:
        """Return every answer's counts; none when nobody has voted yet."""
        if not self._exists():
            return []  # the report must not create an empty database
        with self._ready().connect() as db:
            rows = db.execute(
                sa.select(votes).order_by(votes.c.response, votes.c.language)
            )
            return [Tally(r.response, r.language, r.up, r.down) for r in rows]
