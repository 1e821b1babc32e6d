from pathlib import Path

import pytest

from feedback.topics import AnswerTopics

ROOT = Path(__file__).resolve().parents[2]
TOPICS = AnswerTopics(ROOT / "data" / "responses")


@pytest.mark.parametrize(
    "name",
    [
        "utter_ask_grooming_signs",
        "utter_worried_about_friend",
        "utter_helplines",
        "utter_privacy_question",
        "utter_ask_sextortion",
        "utter_job_offer_step_check",
    ],
)
def test_topic_answers_are_rated(name):
    assert TOPICS.is_rated(name)


@pytest.mark.parametrize(
    "name",
    [
        "utter_crisis_danger",
        "utter_crisis_self_harm",
        "utter_crisis_sextortion",  # lives in safety.yml
        "utter_disclose_exploitation",
        "utter_greet",
        "utter_ask_capabilities",
        "utter_disclosure",
        "utter_language_changed",
        "utter_no_counsellor_available",
        "utter_handoff_queued",
        "utter_button_expired",
        "utter_service_unavailable",
        "utter_delete_my_data",
        "utter_feedback_thanks",
        "utter_not_written_anywhere",
    ],
)
def test_other_answers_are_never_rated(name):
    assert not TOPICS.is_rated(name)


def test_crisis_answers_are_known_as_such():
    assert TOPICS.is_crisis("utter_crisis_sextortion")
    assert TOPICS.is_crisis("utter_disclose_exploitation")
    assert not TOPICS.is_crisis("utter_ask_sextortion")


def test_topic_is_the_answer_file():
    assert TOPICS.topic("utter_ask_grooming_signs") == "grooming"
    assert TOPICS.topic("utter_sextortion_step_evidence") == "sextortion"
    assert TOPICS.topic("utter_missing") is None
