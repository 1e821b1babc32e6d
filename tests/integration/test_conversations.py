"""Multi-turn conversations through the gateway core against real Rasa and actions."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.render import split_bubbles
from content.responses import load_responses

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = load_responses(ROOT / "data" / "responses")
_ids = itertools.count()


def user() -> str:
    return f"it-user-{next(_ids)}"


def answer(name: str, language: str, band: str | None) -> str:
    """The first bubble of an answer as written in the content files."""
    for variation in ANSWERS[name]:
        values = tuple(c["value"] for c in variation["condition"])
        if values == ((language, band) if band else (language,)):
            return split_bubbles(variation["text"])[0]
    raise KeyError((name, language, band))


def joined(replies) -> str:
    return "\n".join(r.text for r in replies)


def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


async def test_first_reply_is_the_disclosure_then_language_then_age(gateway):
    me = user()
    replies = await gateway.handle_text(me, "/start", language_tag="en")
    assert replies[0].text[:25] == answer("utter_disclosure", "en", "young_teen")[:25]
    assert '/choose_language{"language": "nb"}' in payloads(replies)

    replies = await gateway.handle_button(me, '/choose_language{"language": "nb"}')
    assert replies[0].text.startswith(
        answer("utter_language_changed", "nb", "young_teen")[:20]
    )
    ages = payloads(replies)
    assert '/inform_age{"age": "child"}' in ages
    assert '/inform_age{"age": "unknown"}' in ages

    replies = await gateway.handle_button(me, '/inform_age{"age": "child"}')
    assert replies[0].text.startswith(answer("utter_age_changed", "nb", "child")[:20])
    assert gateway.preferences(me).age_group == "child"


async def test_disclosure_comes_first_even_when_the_first_message_is_a_question(
    gateway,
):
    replies = await gateway.handle_text(user(), "what are signs of grooming?")
    first = answer("utter_disclosure", "en", "young_teen")
    assert replies[0].text[:25] == first[:25]
    assert any(
        r.text.startswith(answer("utter_ask_grooming_signs", "en", "young_teen")[:30])
        for r in replies
    )


@pytest.mark.parametrize("age,band", [("11", "child"), ("16", "older_teen")])
async def test_grooming_answer_depends_on_age_band(gateway, age, band):
    me = user()
    await gateway.handle_text(me, "hi", language_tag="en")
    await gateway.handle_text(me, f"I'm {age}")
    assert gateway.preferences(me).age_group == band
    replies = await gateway.handle_text(me, "what are signs of grooming?")
    assert replies[0].text == answer("utter_ask_grooming_signs", "en", band)


GROOMING_QUESTION = (
    "is it normal that an adult online says i'm mature "
    "and wants to keep our chats secret"
)


async def test_child_and_older_teen_get_different_grooming_answers(gateway):
    texts = []
    for band in ("child", "older_teen"):
        me = user()
        await gateway.handle_text(me, "/start")
        await gateway.handle_button(me, f'/inform_age{{"age": "{band}"}}')
        texts.append(joined(await gateway.handle_text(me, GROOMING_QUESTION)))
    assert texts[0] != texts[1]
    assert answer("utter_ask_grooming_signs", "en", "child") in texts[0]


async def test_language_switch_by_saying_so(gateway):
    me = user()
    await gateway.handle_text(me, "hello", language_tag="en")
    replies = await gateway.handle_text(me, "can you speak swedish please")
    assert gateway.preferences(me).language == "sv"
    assert replies[0].text.startswith(
        answer("utter_language_changed", "sv", "young_teen")[:15]
    )
    replies = await gateway.handle_text(me, "are you a bot?")
    assert replies[0].text == answer("utter_bot_challenge", "sv", "young_teen")


async def test_norwegian_crisis_gets_norwegian_numbers(gateway):
    me = user()
    replies = await gateway.handle_text(
        me, "hjelp, jeg tør ikke gå hjem, han truer meg", language_tag="nb"
    )
    text = joined(replies)
    assert "112" in text and "116 111" in text and "Alarmtelefonen" in text
    assert "/request_counsellor" in payloads(replies)
    danger = answer("utter_crisis_danger", "nb", "young_teen")
    assert any(r.text[:15] == danger[:15] for r in replies)


@pytest.mark.parametrize(
    "tag,message,numbers",
    [
        (
            "sv",
            "hjälp någon följer efter mig och jag är rädd",
            ["112", "116 111", "Bris"],
        ),
        (
            "nl",
            "help er staat iemand voor mijn deur die me bedreigt",
            ["112", "0800-0432"],
        ),
    ],
)
async def test_crisis_numbers_follow_the_users_country(gateway, tag, message, numbers):
    text = joined(await gateway.handle_text(user(), message, language_tag=tag))
    for number in numbers:
        assert number in text


async def test_country_change_changes_crisis_numbers(gateway):
    me = user()
    await gateway.handle_text(me, "hi", language_tag="en")
    await gateway.handle_text(me, "/country GB")
    text = joined(
        await gateway.handle_text(me, "someone is hurting me right now please help")
    )
    assert "999" in text and "0800 1111" in text


async def test_self_harm_answer_has_helpline(gateway):
    text = joined(
        await gateway.handle_text(user(), "jeg vil ikke leve mer", language_tag="nb")
    )
    assert "116 111" in text and "113" in text


async def test_helplines_in_norwegian_for_a_norwegian_user(gateway):
    me = user()
    await gateway.handle_text(me, "hei", language_tag="nb")
    replies = await gateway.handle_text(me, "/helplines")
    text = joined(replies)
    assert "Norge" in text
    assert "Alarmtelefonen for barn og unge" in text and "116 111" in text
    assert "Politi: 112" in text
    header = answer("utter_helplines", "nb", "young_teen").split("{")[0]
    assert header.strip()[:10] in text


async def test_forget_erases_the_conversation(gateway):
    me = user()
    await gateway.handle_text(me, "hi")
    replies = await gateway.handle_text(me, "/forget")
    assert "erased" in joined(replies)
    again = await gateway.handle_text(me, "hi")
    # Erased means a new session: the disclosure comes first again.
    assert again[0].text[:25] == answer("utter_disclosure", "en", "young_teen")[:25]


async def test_sextortion_guidance_step_by_step_with_buttons(gateway):
    me = user()
    await gateway.handle_text(me, "hi")
    urgent = await gateway.handle_text(
        me, "someone says they will post my nudes unless i pay them"
    )
    # The safety screen sees blackmail: numbers first, then the guidance on request.
    assert urgent[0].text == answer("utter_crisis_sextortion", "en", "young_teen")
    assert "/ask_sextortion" in payloads(urgent)
    first = await gateway.handle_button(me, "/ask_sextortion")
    assert '/ask_sextortion{"step": "2"}' in payloads(first)
    second = await gateway.handle_button(me, '/ask_sextortion{"step": "2"}')
    assert second[0].text == answer(
        "utter_sextortion_step_evidence", "en", "young_teen"
    )
    assert '/ask_sextortion{"step": "3"}' in payloads(second)
    third = await gateway.handle_button(me, '/ask_sextortion{"step": "3"}')
    assert third[0].text == answer("utter_sextortion_step_removal", "en", "young_teen")
    assert "/ask_capabilities" in payloads(third)


async def test_every_topic_is_reachable_by_buttons_alone_in_norwegian(gateway):
    me = user()
    await gateway.handle_text(me, "/start", language_tag="nb")
    await gateway.handle_button(me, '/inform_age{"age": "child"}')
    menu = await gateway.handle_text(me, "/help")
    more = await gateway.handle_button(me, '/ask_capabilities{"step": "2"}')
    reachable = set(payloads(menu)) | set(payloads(more))
    for topic in ("/ask_grooming_signs", "/ask_sextortion", "/ask_job_offer",
                  "/ask_loverboy", "/ask_trafficking", "/ask_online_safety",
                  "/ask_image_removal", "/worried_about_friend", "/ask_rights",
                  "/ask_rights_migrant", "/ask_how_to_report", "/request_counsellor",
                  "/ask_helplines"):  # fmt: skip
        assert topic in reachable, topic
    loverboy = await gateway.handle_button(me, "/ask_loverboy")
    assert loverboy[0].text == answer("utter_ask_loverboy", "nb", "child")
