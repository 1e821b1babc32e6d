from pathlib import Path

import pytest

from feedback.report import main, markdown, rank, wilson_lower_bound
from feedback.store import FeedbackStore, Tally, database_url
from feedback.topics import Place, answer_places

ROOT = Path(__file__).resolve().parents[2]


def test_wilson_lower_bound_is_cautious_with_few_votes():
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(6, 10) < wilson_lower_bound(60, 100) < 0.6
    assert wilson_lower_bound(10, 10) == pytest.approx(0.722, abs=0.001)


def test_weakest_first_per_language_and_too_few_apart():
    tallies = [
        Tally("utter_ask_rights", "en", up=40, down=60),
        Tally("utter_ask_loverboy", "en", up=4, down=6),
        Tally("utter_helplines", "en", up=95, down=5),
        Tally("utter_ask_sextortion", "en", up=0, down=3),  # too few to judge
        Tally("utter_ask_loverboy", "nb", up=2, down=8),
    ]
    judged, too_few = rank(tallies, {}, min_votes=5)
    assert [r.tally.response for r in judged["en"]] == [
        "utter_ask_rights",
        "utter_ask_loverboy",
        "utter_helplines",
    ]
    assert [r.tally.response for r in judged["nb"]] == ["utter_ask_loverboy"]
    assert [r.tally.response for r in too_few] == ["utter_ask_sextortion"]


def test_report_names_the_file_and_line_to_edit():
    places = answer_places(ROOT / "data" / "responses")
    text = markdown([Tally("utter_ask_loverboy", "sv", up=1, down=9)], places, 5, ROOT)
    row = next(line for line in text.splitlines() if "utter_ask_loverboy" in line)
    place = places[("utter_ask_loverboy", "sv")]
    assert f"data/responses/sv/loverboy.yml:{place.line}" in row
    assert "90%" in row
    lines = (ROOT / "data/responses/sv/loverboy.yml").read_text().splitlines()
    assert lines[place.line - 1].strip() == "utter_ask_loverboy:"


def test_answer_no_longer_written_is_said_plainly():
    text = markdown([Tally("utter_gone", "nl", 0, 7)], {}, 5)
    assert "not in data/responses/nl/ any more" in text


def test_no_votes_gives_a_clear_message(tmp_path, capsys):
    out = tmp_path / "feedback.md"
    db = tmp_path / "none.db"
    assert main(["--db", str(db), "--out", str(out)]) == 0
    assert "No votes yet" in capsys.readouterr().out
    assert "No votes yet" in out.read_text()
    assert not db.exists()


def test_report_command_writes_markdown(tmp_path, capsys):
    db = tmp_path / "f.db"
    store = FeedbackStore(database_url(str(db)))
    for helpful in (False, False, False, False, True, False):
        store.record("utter_ask_job_offer", "nl", helpful)
    out = tmp_path / "feedback.md"
    main(["--db", str(db), "--out", str(out)])
    text = out.read_text()
    assert "## Nederlands (nl)" in text
    assert "| 1 | utter_ask_job_offer | data/responses/nl/job_offers.yml:" in text
    assert str(out) in capsys.readouterr().out


def test_place_topic_is_the_file_name():
    assert Place(Path("data/responses/en/grooming.yml"), 3).topic == "grooming"
