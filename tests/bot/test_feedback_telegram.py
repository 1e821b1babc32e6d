"""On Telegram (a local fake Bot API), a 👍/👎 tap removes the buttons and thanks."""

from __future__ import annotations

from telegram import Update

from bot.core import Gateway
from bot.counsellor_desk import CounsellorDesk
from bot.feedback_ask import UP_LABEL, FeedbackAsker
from bot.pseudonyms import Pseudonymizer
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.settings import Settings
from bot.telegram_app import TelegramFrontEnd, build_application
from feedback.store import FeedbackStore, Tally, database_url
from handoff.store import HandoffStore
from tests.bot.test_feedback import TEXTS, TOPICS, scripted
from tests.fakes import FakeRasa, small_directory
from tests.telegram_fake import FakeTelegram

KID = 5101


def front_end(fake: FakeTelegram, tmp_path, store: FeedbackStore) -> TelegramFrontEnd:
    settings = Settings(
        telegram_token=fake.token,
        telegram_base_url=fake.base_url,
        state_dir=tmp_path,
        pseudonym_secret="test-secret-for-pseudonyms-0123456789",
    )
    client = RasaClient("http://rasa.test", transport=FakeRasa(scripted).transport())
    handoff = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")
    relay = Relay(handoff, client, TEXTS, small_directory())
    asker = FeedbackAsker(store, TOPICS, TEXTS)
    gateway = Gateway(client, TEXTS, small_directory(), relay=relay, feedback=asker)
    pseudonyms = Pseudonymizer.from_settings(settings.pseudonym_secret, tmp_path)
    return TelegramFrontEnd(
        settings=settings,
        gateway=gateway,
        relay=relay,
        texts=TEXTS,
        pseudonyms=pseudonyms,
        cipher=pseudonyms.contact_cipher(),
        desk=CounsellorDesk(settings, relay),
    )


def thumbs_up_data(fake: FakeTelegram) -> str | None:
    for call in fake.calls_to("sendMessage", chat_id=KID):
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
        for row in rows:
            for button in row:
                if button.get("text") == UP_LABEL:
                    return button["callback_data"]
    return None


async def test_a_tap_removes_the_thumbs_counts_once_and_thanks(tmp_path):
    store = FeedbackStore(database_url(str(tmp_path / "feedback.db")))
    with FakeTelegram() as fake:
        app = build_application(front_end(fake, tmp_path, store))
        async with app:
            for text in ("hi", "/helplines"):
                update = fake.push_message(KID, text, language_code="nb")
                await app.process_update(Update.de_json(update, app.bot))
            data = thumbs_up_data(fake)
            assert data == "gw:fb:up:utter_helplines"
            for _ in range(2):  # the second tap (e.g. a double tap) does nothing
                update = fake.push_callback(KID, data, message_id=77)
                await app.process_update(Update.de_json(update, app.bot))
        edits = fake.calls_to("editMessageReplyMarkup", chat_id=KID, message_id=77)
        thanks = TEXTS.render("utter_feedback_thanks", "nb", None)[0].text
        assert edits and fake.sent_texts(KID).count(thanks) == 1
    assert store.tallies() == [Tally("utter_helplines", "nb", 1, 0)]
