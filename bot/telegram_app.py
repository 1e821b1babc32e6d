"""Telegram front end: thin python-telegram-bot callbacks over the gateway core.

Young people use private chats; counsellors use one team chat (or their private chat
with the bot). Group chats that are not the team chat are left at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.contact_cipher import ContactCipher
from bot.core import Gateway
from bot.counsellor_desk import CounsellorDesk
from bot.feedback_ask import FEEDBACK_PREFIX
from bot.pseudonyms import Pseudonymizer
from bot.relay import Relay
from bot.render import Reply
from bot.settings import Settings
from bot.telegram_send import ChatLog, Payloads, exit_keyboard, send_replies
from bot.texts import GatewayTexts
from handoff.store import YOUTH

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
MEDIA_KINDS = (
    "photo", "video", "voice", "video_note", "document", "sticker", "location",
    "contact", "animation", "audio",
)  # fmt: skip
COMMANDS = (
    "start", "help", "language", "age", "country", "counsellor", "helplines",
    "check", "privacy", "hide", "forget",
)  # fmt: skip


@dataclass
class TelegramFrontEnd:
    """Everything the callbacks need; built once by `build_application`."""

    settings: Settings
    gateway: Gateway
    relay: Relay
    texts: GatewayTexts
    pseudonyms: Pseudonymizer
    cipher: ContactCipher
    desk: CounsellorDesk
    payloads: Payloads = field(default_factory=Payloads)
    log: ChatLog = field(default_factory=ChatLog)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    exit_button_shown: set[int] = field(default_factory=set)

    # Young people ---------------------------------------------------------

    async def _send_youth(
        self, bot: Any, chat_id: int, replies: list[Reply], user: str
    ) -> None:
        """Send replies; the first time, add the persistent quick-exit button."""
        exit_button = None
        if chat_id not in self.exit_button_shown and replies:
            prefs = self.gateway.preferences(user)
            label = self.texts.render(
                "utter_label_hide_chat", prefs.language, prefs.age_group
            )
            if label:
                exit_button = exit_keyboard(label[0].text)
                self.exit_button_shown.add(chat_id)
        await send_replies(
            bot, chat_id, replies, self.payloads, self.log, exit_button=exit_button
        )

    def _who(self, update: Update) -> tuple[str, str | None, tuple[str, str]]:
        user = update.effective_user
        chat = update.effective_chat
        assert user is not None and chat is not None
        key = self.pseudonyms.key(CHANNEL, user.id)
        return key, user.language_code, (CHANNEL, self.cipher.seal(str(chat.id)))

    async def on_private_text(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Answer a young person's text or command."""
        message = update.effective_message
        assert message is not None and message.text is not None
        self.log.add(message.chat_id, message.message_id)
        key, tag, contact = self._who(update)
        typing = asyncio.create_task(self._typing(context, message.chat_id))
        try:
            if message.forward_origin is not None:
                # A message they received: name its warning signs, store nothing.
                replies = self.gateway.check_message(key, message.text, tag)
            else:
                replies = await self.gateway.handle_text(
                    key, message.text, tag, contact
                )
        finally:
            typing.cancel()
        await self._send_youth(context.bot, message.chat_id, replies, key)

    async def on_private_edit(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """An edited message is not answered again; say so."""
        message = update.effective_message
        if message is None:
            return
        key, tag, _ = self._who(update)
        replies = await self.gateway.handle_edited(key, tag)
        await self._send_youth(context.bot, message.chat_id, replies, key)

    async def on_private_media(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Never download, store or forward media; explain why."""
        message = update.effective_message
        assert message is not None
        self.log.add(message.chat_id, message.message_id)
        kind = next((k for k in MEDIA_KINDS if getattr(message, k, None)), "document")
        key, tag, _ = self._who(update)
        replies = await self.gateway.handle_media(key, kind, tag)
        await self._send_youth(context.bot, message.chat_id, replies, key)

    async def on_callback(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Handle a button tap: counsellor claims, or a young person's choice."""
        query = update.callback_query
        assert query is not None
        data = query.data or ""
        if data.startswith("claim:"):
            await self.desk.on_claim(update, context)
            return
        await query.answer()
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        payload = self.payloads.decode(data)
        if payload and payload.startswith(FEEDBACK_PREFIX):
            # One vote per question: the 👍/👎 disappear once one is tapped.
            with contextlib.suppress(TelegramError):
                await query.edit_message_reply_markup(reply_markup=None)
        key, tag, contact = self._who(update)
        # An unknown token (e.g. from before a restart) gets the menu, not silence.
        replies = await self.gateway.handle_button(key, payload or "", tag, contact)
        await self._send_youth(context.bot, chat.id, replies, key)

    async def on_foreign_group(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """The bot serves private chats only: say so kindly and leave."""
        chat = update.effective_chat
        if chat is None or chat.id == self.settings.counsellor_chat_id:
            return
        member = update.my_chat_member
        if member is not None and member.new_chat_member.status in ("left", "kicked"):
            return
        language = (
            update.effective_user.language_code if update.effective_user else None
        )
        replies = self.texts.render("utter_private_only", language or "en", None)
        with contextlib.suppress(TelegramError):
            await send_replies(context.bot, chat.id, replies, self.payloads, self.log)
        with contextlib.suppress(TelegramError):
            await context.bot.leave_chat(chat.id)
        logger.info("Left a group chat: the bot serves private chats only.")

    async def on_error(
        self, update: object, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Log the kind of failure (never text or ids); tell a young person kindly."""
        logger.error("Handling an update failed: %s", type(context.error).__name__)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat = update.effective_chat
        if chat.type != ChatType.PRIVATE or chat.id in self.settings.counsellor_ids:
            return
        user = update.effective_user
        tag = user.language_code if user else None
        key = self.pseudonyms.key(CHANNEL, user.id) if user else ""
        replies = self.gateway.apology(key, tag)
        with contextlib.suppress(TelegramError):
            await send_replies(context.bot, chat.id, replies, self.payloads, self.log)

    async def _typing(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
        # Telegram shows "typing…" for 5 s; repeat while Rasa thinks.
        with contextlib.suppress(TelegramError, asyncio.CancelledError):
            while True:
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(4)

    # Background work ------------------------------------------------------

    async def deliver_to_youth(self, app: Application) -> None:
        """Deliver counsellor messages and case news to young people on Telegram."""
        store = self.relay.store
        for item in store.pending(YOUTH):
            case = store.case(item.case_id)
            contact = store.contact(case.user_key) if case else None
            if case is None or contact is None:
                store.delivered(item.id)  # erased meanwhile: nothing to deliver to
                continue
            channel, sealed = contact
            if channel != CHANNEL:
                continue
            chat_id = self.cipher.open(sealed)
            if chat_id is None:
                logger.error("Cannot open a stored contact; dropping one relay item.")
                store.delivered(item.id)
                continue
            replies = self.relay.youth_replies(case, item.kind, item.body)
            try:
                await send_replies(
                    app.bot, int(chat_id), replies, self.payloads, self.log
                )
            except Forbidden:
                logger.warning("A young person blocked the bot; dropping relay item.")
            except TelegramError as error:
                logger.warning(
                    "Relay to a young person failed: %s", type(error).__name__
                )
                store.retry_later(item.id, item.attempts, min(60, 2**item.attempts))
                continue
            store.delivered(item.id)

    async def run_forever(
        self,
        name: str,
        step: Callable[[Application], Awaitable[None]],
        app: Application,
    ) -> None:
        """Repeat a background step; a failure is logged, never fatal."""
        while True:
            try:
                await step(app)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - keep the loop alive
                logger.error("%s failed: %s", name, type(error).__name__)
            await asyncio.sleep(self.settings.poll_interval_s)

    async def sweep(self, _app: Application) -> None:
        """Apply the retention period (cheap when nothing is due)."""
        await self.gateway.sweep()

    async def post_init(self, app: Application) -> None:
        """Register commands, then start relay, announcements and retention."""
        await register_commands(app, self.texts)
        for name, step in (
            ("youth delivery", self.deliver_to_youth),
            ("counsellor delivery", self.desk.deliver),
            ("case announcements", self.desk.announce),
            ("retention sweep", self.sweep),
        ):
            self.tasks.append(asyncio.create_task(self.run_forever(name, step, app)))

    async def post_shutdown(self, _app: Application) -> None:
        """Stop background work and close the Rasa client."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.gateway.aclose()


def command_menu(texts: GatewayTexts, language: str) -> list[BotCommand]:
    """Return the command list with descriptions in one language."""
    menu = []
    for command in COMMANDS:
        name = (
            "utter_label_check_message"
            if command == "check"
            else f"utter_command_{command}"
        )
        rendered = texts.render(name, language, None)
        description = rendered[0].text[:256] if rendered else command
        menu.append(BotCommand(command, description))
    return menu


async def register_commands(app: Application, texts: GatewayTexts) -> None:
    """Publish the command menu in every supported language."""
    # "no" is the code Telegram sends for Norwegian apps; None is the default menu.
    for code, language in ((None, "en"), ("en", "en"), ("nb", "nb"), ("no", "nb"),
                           ("sv", "sv"), ("nl", "nl")):  # fmt: skip
        kwargs = {"language_code": code} if code else {}
        with contextlib.suppress(TelegramError):
            await app.bot.set_my_commands(command_menu(texts, language), **kwargs)


def build_application(front: TelegramFrontEnd) -> Application:
    """Create the PTB application with all handlers wired to `front`."""
    settings = front.settings
    assert settings.telegram_token
    app = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(front.post_init)
        .post_shutdown(front.post_shutdown)
        .build()
    )
    private = filters.ChatType.PRIVATE
    counsellors = filters.User(user_id=list(settings.counsellor_ids))
    team_chat = (
        filters.Chat(chat_id=settings.counsellor_chat_id)
        if settings.counsellor_chat_id is not None
        else filters.Chat(chat_id=[])
    )
    desk = front.desk
    media = (
        filters.PHOTO | filters.VIDEO | filters.VOICE | filters.VIDEO_NOTE
        | filters.Document.ALL | filters.Sticker.ALL | filters.LOCATION
        | filters.CONTACT | filters.ANIMATION | filters.AUDIO
    )  # fmt: skip
    app.add_error_handler(front.on_error)
    app.add_handler(CallbackQueryHandler(front.on_callback))
    # Counsellors: the team chat, and allowlisted people's private chats.
    app.add_handler(
        MessageHandler(team_chat & filters.UpdateType.MESSAGE, desk.on_message)
    )
    app.add_handler(
        MessageHandler(
            private & counsellors & filters.UpdateType.MESSAGE, desk.on_message
        )
    )
    # Young people: private chats only.
    app.add_handler(
        MessageHandler(
            private & filters.TEXT & filters.UpdateType.MESSAGE, front.on_private_text
        )
    )
    app.add_handler(
        MessageHandler(
            private & filters.UpdateType.EDITED_MESSAGE & ~counsellors,
            front.on_private_edit,
        )
    )
    app.add_handler(
        MessageHandler(
            private & media & filters.UpdateType.MESSAGE, front.on_private_media
        )
    )
    app.add_handler(
        MessageHandler(filters.ChatType.GROUPS & ~team_chat, front.on_foreign_group)
    )
    app.add_handler(
        ChatMemberHandler(front.on_foreign_group, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    return app


def run(front: TelegramFrontEnd) -> None:
    """Run the Telegram front end by long polling, or by webhook if configured."""
    app = build_application(front)
    settings = front.settings
    if settings.webhook_url:
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
