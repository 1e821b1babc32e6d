"""`make preview LANG=sv BAND=young_teen`: the chat starts with those settings."""

import io

from bot import console
from bot.console import chat, preset_age_group
from bot.settings import Settings
from preview import chat as preview_chat
from preview.__main__ import main
from tests.bot.test_core import make_gateway
from tests.fakes import FakeRasa

SETTINGS_ENV = ("DEFAULT_LANGUAGE", "DEFAULT_COUNTRY", console.AGE_GROUP_ENV)


def test_preview_and_console_agree_on_the_variable():
    assert preview_chat.AGE_GROUP_ENV == console.AGE_GROUP_ENV


async def test_preset_band_reaches_rasa_with_the_first_message():
    fake = FakeRasa(lambda body: [{"text": "Hej!"}])
    gateway = make_gateway(fake)
    band = preset_age_group(gateway, "u", "sv", {console.AGE_GROUP_ENV: "young_teen"})
    assert band == "young_teen"
    lines = iter(["hej\n", "/quit\n"])
    await chat(gateway, "u", lambda: next(lines), io.StringIO(), language_tag="sv")
    [(_, _, body)] = fake.requests
    assert body["message"] == "hej"
    assert body["metadata"] == {
        "language": "sv",
        "country": "SE",
        "age_group": "young_teen",
    }


async def test_start_chat_hands_language_band_and_country_to_the_console(
    monkeypatch,
):
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)  # restored after the test
    started = []
    assert (
        preview_chat.start_chat(
            "nl",
            "older_teen",
            "BE",
            run=lambda: started.append(Settings.from_env()) or 0,
        )
        == 0
    )
    # What `make run` does once Rasa is up: settings -> gateway -> console chat.
    [settings] = started
    fake = FakeRasa(lambda body: [{"text": "Hallo!"}])
    gateway = make_gateway(
        fake,
        default_language=settings.default_language,
        default_country=settings.default_country,
    )
    lines = iter(["hoi\n", "/quit\n"])
    out = io.StringIO()
    await chat(
        gateway, "u", lambda: next(lines), out, language_tag=settings.default_language
    )
    [(_, _, body)] = fake.requests
    assert body["metadata"] == {
        "language": "nl",
        "country": "BE",
        "age_group": "older_teen",
    }
    assert "(preview: language nl, age band older_teen, country BE)" in out.getvalue()


def test_listing_uses_the_gateways_countries_and_emergency_numbers():
    from bot import core
    from preferences.parsing import country_for_language
    from preview import rendering

    gateway = make_gateway(FakeRasa())
    for language in ("en", "nb", "sv", "nl"):
        prefs = gateway.preferences(f"u-{language}", language)
        assert country_for_language(language) == prefs.country
    assert rendering.EMERGENCY_USE is core.EMERGENCY_USE
    assert set(core._CRISIS_ANSWERS.values()) <= set(rendering.EMERGENCY_USE)


async def test_without_a_preset_nothing_changes(monkeypatch):
    monkeypatch.delenv(console.AGE_GROUP_ENV, raising=False)
    fake = FakeRasa()
    lines = iter(["hi\n", "/quit\n"])
    out = io.StringIO()
    await chat(make_gateway(fake), "u", lambda: next(lines), out=out)
    assert "age_group" not in fake.requests[0][2]["metadata"]
    assert "preview" not in out.getvalue()


def test_no_topic_starts_the_chat(monkeypatch):
    started = []
    monkeypatch.setattr(
        "preview.__main__.start_chat", lambda *args: started.append(args) or 0
    )
    assert main(["--language", "nl", "--band", "child", "--country", "be"]) == 0
    assert started == [("nl", "child", "BE")]


def test_a_wrong_choice_stops_before_starting_anything(monkeypatch, capsys):
    started = []
    monkeypatch.setattr(
        "preview.__main__.start_chat", lambda *args: started.append(args) or 0
    )
    assert main(["--language", "sv", "--band", "teen"]) == 2
    assert main(["--language", "sv", "--country", "Sweden"]) == 2
    err = capsys.readouterr().err
    assert "unknown age band 'teen'" in err and "not a country code" in err
    assert started == []
