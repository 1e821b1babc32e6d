"""The domain's custom actions and the action server's actions must match."""

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

ROOT = Path(__file__).resolve().parents[2]


def test_registered_actions_equal_domain_actions():
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert set(executor.actions) == set(domain["actions"])


def test_domain_has_every_intent_of_the_design_catalogue():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    catalogue = {
        "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge",
        "ask_capabilities", "privacy_question", "delete_my_data", "out_of_scope",
        "crisis_danger", "crisis_self_harm", "request_counsellor",
        "disclose_exploitation", "ask_grooming_signs", "ask_sextortion",
        "ask_image_removal", "ask_loverboy", "ask_job_offer", "ask_trafficking",
        "ask_online_safety", "worried_about_friend", "ask_rights",
        "ask_not_my_fault", "ask_rights_migrant", "ask_how_to_report",
        "ask_helplines", "choose_language", "inform_age",
    }  # fmt: skip
    assert set(domain["intents"]) == catalogue
    assert {"language", "age_group", "country"} <= set(domain["slots"])
