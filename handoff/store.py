"""Handoff store: counsellors on duty, cases and the relay outbox (SQLAlchemy Core).

SQLite file by default, PostgreSQL when DATABASE_URL says so. Several processes share
it (action server, gateway, counsellor console), so every state change is one
statement or one transaction, and claims are decided by the database.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{REPO_ROOT / 'var' / 'handoff.db'}"

WAITING, ACTIVE, CLOSED = "waiting", "active", "closed"
YOUTH, COUNSELLOR = "youth", "counsellor"

metadata = sa.MetaData()

counsellors = sa.Table(
    "counsellors",
    metadata,
    sa.Column("ref", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(64), nullable=False),
    sa.Column("on_duty", sa.Boolean, nullable=False, default=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_key", sa.String(64), nullable=False, index=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("age_group", sa.String(16), nullable=False),
    sa.Column("country", sa.String(8), nullable=False),
    sa.Column("topic", sa.String(32), nullable=False),
    sa.Column("risk", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claimed_at", sa.Float),
    sa.Column("closed_at", sa.Float),
    sa.Column("thread_id", sa.Integer),
    sa.Column("card_message_id", sa.Integer),
    sa.Column("announced_at", sa.Float),
    sa.Column("history_consent", sa.Boolean),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, nullable=False, index=True),
    sa.Column("recipient", sa.String(16), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False, default=0.0),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("user_key", sa.String(64), primary_key=True),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# Anonymous counters survive erasure: no user key, no text.
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)


@dataclass(frozen=True)
class Case:
    """One handoff case as the card and the relay need it."""

    id: int
    user_key: str
    language: str
    age_group: str
    country: str
    topic: str
    risk: int
    status: str
    created_at: float
    claimed_by: str | None = None
    claimed_at: float | None = None
    closed_at: float | None = None
    thread_id: int | None = None
    card_message_id: int | None = None
    announced_at: float | None = None
    history_consent: bool | None = None


@dataclass(frozen=True)
class OutboxItem:
    """A message waiting to be delivered to one side of a case."""

    id: int
    case_id: int
    recipient: str
    kind: str
    body: str
    attempts: int


def make_engine(url: str | None = None) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout for several processes."""
    url = url or DEFAULT_URL
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 15}, future=True)

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=15000")
            # Deleted rows are overwritten, so erased text cannot be read back.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, future=True)


class HandoffStore:
    """All reads and writes of handoff state."""

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine; call `create()` once at start-up to make the tables."""
        self.engine = engine

    @classmethod
    def from_url(cls, url: str | None = None) -> HandoffStore:
        """Open (and create if needed) the store at a database URL."""
        store = cls(make_engine(url))
        store.create()
        return store

    def create(self) -> None:
        """Create missing tables; existing data is kept."""
        metadata.create_all(self.engine)

    # Counsellors -----------------------------------------------------------

    def set_on_duty(self, ref: str, display_name: str, on_duty: bool) -> None:
        """Record that a counsellor started or ended a shift."""
        values = {"display_name": display_name, "on_duty": on_duty}
        with self.engine.begin() as db:
            _upsert(
                db,
                counsellors,
                counsellors.c.ref,
                ref,
                updated_at=time.time(),
                **values,
            )

    def on_duty(self) -> list[str]:
        """Return the refs of counsellors on duty."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(counsellors.c.ref).where(counsellors.c.on_duty.is_(True))
            )
            return [r.ref for r in rows]

    def display_name(self, ref: str) -> str:
        """Return the name counsellors see for a colleague (never shown to youth)."""
        with self.engine.connect() as db:
            name = db.execute(
                sa.select(counsellors.c.display_name).where(counsellors.c.ref == ref)
            ).scalar()
        return name or ref

    # Cases ---------------------------------------------------------------

    def open_case(
        self, user_key: str, language: str, age_group: str, country: str,
        topic: str, risk: int,
    ) -> Case:  # fmt: skip
        """Open a waiting case, or return the one this person already has open."""
        existing = self.open_case_for(user_key)
        if existing:
            return existing
        with self.engine.begin() as db:
            case_id = db.execute(
                cases.insert().values(
                    user_key=user_key, language=language, age_group=age_group,
                    country=country, topic=topic, risk=risk, status=WAITING,
                    created_at=time.time(),
                )
            ).inserted_primary_key[0]  # fmt: skip
            _count(db, "cases_opened")
            _count(db, f"cases_topic_{topic}")
        case = self.case(int(case_id))
        assert case is not None
        return case

    def case(self, case_id: int) -> Case | None:
        """Return a case by number."""
        with self.engine.connect() as db:
            row = db.execute(sa.select(cases).where(cases.c.id == case_id)).first()
        return Case(**row._mapping) if row else None

    def open_case_for(self, user_key: str) -> Case | None:
        """Return the person's waiting or active case, if any."""
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(cases)
                .where(cases.c.user_key == user_key, cases.c.status != CLOSED)
                .order_by(cases.c.id.desc())
            ).first()
        return Case(**row._mapping) if row else None

    def waiting(self) -> list[Case]:
        """Return waiting cases, highest risk first, then oldest first."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(cases)
                .where(cases.c.status == WAITING)
                .order_by(cases.c.risk.desc(), cases.c.created_at, cases.c.id)
            )
            return [Case(**r._mapping) for r in rows]

    def active(self, counsellor_ref: str | None = None) -> list[Case]:
        """Return active cases (of one counsellor), newest claim first."""
        query = sa.select(cases).where(cases.c.status == ACTIVE)
        if counsellor_ref:
            query = query.where(cases.c.claimed_by == counsellor_ref)
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(cases.c.claimed_at.desc()))
            return [Case(**r._mapping) for r in rows]

    def queue_position(self, case_id: int) -> int:
        """Return 1 for the next case to be claimed, 2 for the one after, ..."""
        ids = [c.id for c in self.waiting()]
        return ids.index(case_id) + 1 if case_id in ids else 0

    def claim(self, case_id: int, counsellor_ref: str) -> bool:
        """Claim a waiting case; exactly one of several simultaneous claims wins."""
        with self.engine.begin() as db:
            won = db.execute(
                cases.update()
                .where(cases.c.id == case_id, cases.c.status == WAITING)
                .values(
                    status=ACTIVE, claimed_by=counsellor_ref, claimed_at=time.time()
                )
            ).rowcount
            if won:
                _count(db, "cases_claimed")
        return bool(won)

    def close(self, case_id: int) -> bool:
        """Close a waiting or active case; False if it was already closed."""
        with self.engine.begin() as db:
            closed = db.execute(
                cases.update()
                .where(cases.c.id == case_id, cases.c.status != CLOSED)
                .values(status=CLOSED, closed_at=time.time())
            ).rowcount
            db.execute(
                outbox.delete().where(
                    outbox.c.case_id == case_id, outbox.c.recipient == COUNSELLOR
                )
            )
        return bool(closed)

    def transfer(self, case_id: int, counsellor_ref: str) -> bool:
        """Give an active case back to the queue (it is announced again)."""
        with self.engine.begin() as db:
            moved = db.execute(
                cases.update()
                .where(
                    cases.c.id == case_id,
                    cases.c.status == ACTIVE,
                    cases.c.claimed_by == counsellor_ref,
                )
                .values(
                    status=WAITING, claimed_by=None, claimed_at=None,
                    announced_at=None, thread_id=None,
                )
            ).rowcount  # fmt: skip
        return bool(moved)

    def update_case(self, case_id: int, **values: Any) -> None:
        """Set card, thread, announcement or consent fields of a case."""
        allowed = {"thread_id", "card_message_id", "announced_at", "history_consent"}
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        with self.engine.begin() as db:
            db.execute(cases.update().where(cases.c.id == case_id).values(**values))

    def due_for_announcement(self, now: float, every_s: float) -> list[Case]:
        """Return waiting cases never announced or announced too long ago."""
        return [
            c for c in self.waiting()
            if c.announced_at is None or now - c.announced_at >= every_s
        ]  # fmt: skip

    # Relay outbox --------------------------------------------------------

    def enqueue(self, case_id: int, recipient: str, kind: str, body: str = "") -> int:
        """Queue a message for one side of a case; it is kept until delivered."""
        with self.engine.begin() as db:
            return int(
                db.execute(
                    outbox.insert().values(
                        case_id=case_id, recipient=recipient, kind=kind, body=body,
                        created_at=time.time(), attempts=0, next_attempt_at=0.0,
                    )
                ).inserted_primary_key[0]
            )  # fmt: skip

    def pending(
        self,
        recipient: str,
        case_ids: list[int] | None = None,
        now: float | None = None,
        limit: int = 50,
    ) -> list[OutboxItem]:
        """Return undelivered messages for one side, oldest first."""
        now = time.time() if now is None else now
        query = sa.select(outbox).where(
            outbox.c.recipient == recipient, outbox.c.next_attempt_at <= now
        )
        if case_ids is not None:
            if not case_ids:
                return []
            query = query.where(outbox.c.case_id.in_(case_ids))
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(outbox.c.id).limit(limit))
            return [
                OutboxItem(r.id, r.case_id, r.recipient, r.kind, r.body, r.attempts)
                for r in rows
            ]  # fmt: skip

    def delivered(self, item_id: int) -> None:
        """Drop a delivered message: relayed text is not kept."""
        with self.engine.begin() as db:
            db.execute(outbox.delete().where(outbox.c.id == item_id))

    def retry_later(self, item_id: int, attempts: int, delay_s: float) -> None:
        """Keep a message whose delivery failed and try again after a delay."""
        with self.engine.begin() as db:
            db.execute(
                outbox.update()
                .where(outbox.c.id == item_id)
                .values(attempts=attempts + 1, next_attempt_at=time.time() + delay_s)
            )

    # Contacts ------------------------------------------------------------

    def remember_contact(self, user_key: str, channel: str, address: str) -> None:
        """Store how to reach a person (the address is encrypted by the caller)."""
        with self.engine.begin() as db:
            _upsert(
                db, contacts, contacts.c.user_key, user_key,
                channel=channel, address=address, updated_at=time.time(),
            )  # fmt: skip

    def contact(self, user_key: str) -> tuple[str, str] | None:
        """Return (channel, encrypted address) for a person."""
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(contacts.c.channel, contacts.c.address).where(
                    contacts.c.user_key == user_key
                )
            ).first()
        return (row.channel, row.address) if row else None

    # Erasure -------------------------------------------------------------

    def erase_user(self, user_key: str) -> int:
        """Erase a person: contact, queued messages and the link to their cases.

        Case rows stay as anonymous card data (no user key) so a counsellor still
        receives the "ended" notice of a case that was open.
        """
        with self.engine.begin() as db:
            ids = [
                r.id
                for r in db.execute(
                    sa.select(cases.c.id).where(cases.c.user_key == user_key)
                )
            ]
            if ids:
                keep_notice = sa.and_(
                    outbox.c.recipient == COUNSELLOR, outbox.c.kind == "ended_by_youth"
                )
                db.execute(
                    outbox.delete().where(
                        outbox.c.case_id.in_(ids), sa.not_(keep_notice)
                    )
                )
                db.execute(
                    cases.update()
                    .where(cases.c.id.in_(ids))
                    .values(user_key="", status=CLOSED, history_consent=None)
                )
            db.execute(contacts.delete().where(contacts.c.user_key == user_key))
            _count(db, "erasures")
        self.compact()
        return len(ids)

    def purge_older_than(self, cutoff: float) -> int:
        """Retention: drop relayed text, contacts and case links older than cutoff.

        Open cases keep their link and contact: the person is still being helped.
        """
        with self.engine.begin() as db:
            removed = db.execute(
                outbox.delete().where(
                    outbox.c.created_at < cutoff, outbox.c.kind == "text"
                )
            ).rowcount
            old_closed = sa.and_(
                cases.c.status == CLOSED,
                sa.func.coalesce(cases.c.closed_at, cases.c.created_at) < cutoff,
                cases.c.user_key != "",
            )
            removed += db.execute(
                cases.update().where(old_closed).values(user_key="")
            ).rowcount
            open_users = sa.select(cases.c.user_key).where(cases.c.status != CLOSED)
            removed += db.execute(
                contacts.delete().where(
                    contacts.c.updated_at < cutoff,
                    contacts.c.user_key.not_in(open_users),
                )
            ).rowcount
        if removed:
            self.compact()
        return int(removed)

    def compact(self) -> None:
        """Move SQLite's write-ahead log into the file so deleted text is gone."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as db:
            db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def counter(self, name: str) -> int:
        """Return an anonymous counter."""
        with self.engine.connect() as db:
            value = db.execute(
                sa.select(counters.c.value).where(counters.c.name == name)
            ).scalar()
        return int(value or 0)


def _upsert(
    db: Any, table: sa.Table, key: sa.Column, value: str, **values: Any
) -> None:
    """Update the row whose `key` is `value`, or insert it (no dialect SQL)."""
    if not db.execute(table.update().where(key == value).values(**values)).rowcount:
        db.execute(table.insert().values({key.name: value, **values}))


def _count(db: Any, name: str) -> None:
    updated = db.execute(
        counters.update()
        .where(counters.c.name == name)
        .values(value=counters.c.value + 1)
    ).rowcount
    if not updated:
        db.execute(counters.insert().values(name=name, value=1))
