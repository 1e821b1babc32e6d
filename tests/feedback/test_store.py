import sqlite3

import pytest

from feedback.store import FeedbackStore, Tally, database_url


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "feedback.db"


def test_votes_are_counted_per_answer_and_language(db_path):
    store = FeedbackStore(database_url(str(db_path)))
    store.record("utter_ask_loverboy", "nb", helpful=True)
    store.record("utter_ask_loverboy", "nb", helpful=False)
    store.record("utter_ask_loverboy", "nb", helpful=False)
    store.record("utter_ask_loverboy", "sv", helpful=True)
    store.record("utter_helplines", "nb", helpful=True)
    assert store.tallies() == [
        Tally("utter_ask_loverboy", "nb", 1, 2),
        Tally("utter_ask_loverboy", "sv", 1, 0),
        Tally("utter_helplines", "nb", 1, 0),
    ]
    assert store.tallies()[0].votes == 3


def test_database_is_created_on_first_vote_only(db_path):
    store = FeedbackStore(database_url(str(db_path)))
    assert store.tallies() == []
    assert not db_path.exists()  # reading (the report) creates nothing
    store.record("utter_ask_rights", "en", helpful=True)
    assert db_path.exists()


def test_counts_survive_a_restart(db_path):
    FeedbackStore(database_url(str(db_path))).record("utter_ask_rights", "en", True)
    again = FeedbackStore(database_url(str(db_path)))
    again.record("utter_ask_rights", "en", False)
    assert again.tallies() == [Tally("utter_ask_rights", "en", 1, 1)]


def test_only_counts_are_stored(db_path):
    FeedbackStore(database_url(str(db_path))).record("utter_ask_rights", "en", True)
    with sqlite3.connect(db_path) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master")]
        columns = [r[1] for r in db.execute("pragma table_info(feedback_votes)")]
    assert [t for t in tables if not t.startswith("sqlite_")] == ["feedback_votes"]
    assert columns == ["response", "language", "up", "down"]


def test_database_location_from_path_or_url(tmp_path):
    assert database_url(str(tmp_path / "f.db")) == f"sqlite:///{tmp_path / 'f.db'}"
    assert database_url("postgresql://db/x") == "postgresql://db/x"
    assert database_url(None).endswith("/var/feedback.db")
