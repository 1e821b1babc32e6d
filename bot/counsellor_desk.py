"""Counsellors on Telegram: duty, case cards, claims, relay and closing.

Only allowlisted Telegram users (COUNSELLOR_IDS) can act; everyone else is refused
and learns nothing about cases.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot import counsellor_text
from bot.relay import Relay
from bot.settings import Settings
from bot.telegram_send import chunks, with_retries
from handoff.store import ACTIVE, CLOSED, COUNSELLOR, Case, HandoffStore

logger = logging.getLogger(__name__)

REFUSAL = "Only registered counsellors can use this."
_HELP = (
    "Commands: /onduty, /offduty, /cases. Inside a case: /end closes it, "
    "/transfer gives it back to the queue."
)


def counsellor_ref(user_id: int) -> str:
    """Return the store's reference for a Telegram counsellor."""
    return f"tg:{user_id}"


@dataclass
class CounsellorDesk:
    """Counsellor-side callbacks and background steps for the Telegram front end."""

    settings: Settings
    relay: Relay

    @property
    def store(self) -> HandoffStore:
        """Return the handoff store."""
        return self.relay.store

    def allowed(self, user_id: int | None) -> bool:
        """Tell whether a Telegram user may act as a counsellor."""
        return user_id is not None and user_id in self.settings.counsellor_ids

    # Commands and messages ------------------------------------------------

    async def on_message(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Handle a message in the team chat or a counsellor's private chat."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None:
            return
        text = (message.text or "").strip()
        is_command = text.startswith("/")
        if not self.allowed(user.id):
            if is_command:
                await message.reply_text(REFUSAL)
            return
        thread = message.message_thread_id if message.is_topic_message else None
        if is_command:
            command = text[1:].split()[0].split("@")[0].lower()
            await self._command(command, update, context, thread)
            return
        case = self._case_for(user.id, message.chat_id, thread)
        if case is None:
            if message.chat.type == "private":
                await message.reply_text("You have no open case. " + _HELP)
            return
        if not text:
            await message.reply_text(
                "Only text is relayed. Media from counsellors is not forwarded."
            )
            return
        self.relay.counsellor_text(case, text)

    async def _command(
        self, command: str, update: Update, context: ContextTypes.DEFAULT_TYPE,
        thread: int | None,
    ) -> None:  # fmt: skip
        message = update.effective_message
        user = update.effective_user
        assert message is not None and user is not None
        ref = counsellor_ref(user.id)
        if command == "onduty":
            self.store.set_on_duty(ref, user.first_name, True)
            await message.reply_text(f"You are on duty, {user.first_name}. " + _HELP)
        elif command == "offduty":
            self.store.set_on_duty(ref, user.first_name, False)
            await message.reply_text("You are off duty. Your open cases stay with you.")
        elif command == "cases":
            await message.reply_text(self._cases_text())
        elif command in ("end", "transfer"):
            case = self._case_for(user.id, message.chat_id, thread)
            if case is None:
                await message.reply_text("No open case of yours here.")
            elif command == "end":
                await self.relay.counsellor_end(case)
                await message.reply_text(f"Case #{case.id} is closed.")
                if thread is not None:
                    with contextlib.suppress(TelegramError):
                        await context.bot.close_forum_topic(message.chat_id, thread)
            elif self.relay.transfer(case, ref):
                await message.reply_text(f"Case #{case.id} is back in the queue.")
        else:
            await message.reply_text(_HELP)

    def _case_for(self, user_id: int, chat_id: int, thread: int | None) -> Case | None:
        """Find the counsellor's case for a topic thread or their private chat."""
        mine = self.store.active(counsellor_ref(user_id))
        if thread is not None:
            return next((c for c in mine if c.thread_id == thread), None)
        if chat_id == self.settings.counsellor_chat_id:
            return None  # the general topic of the team chat is not a case
        return mine[0] if mine else None

    def _cases_text(self) -> str:
        now = time.time()
        waiting = self.store.waiting()
        active = self.store.active()
        lines = [counsellor_text.case_line(c, now) for c in waiting]
        lines += [
            counsellor_text.case_line(
                c, now, self.store.display_name(c.claimed_by or "")
            )
            for c in active
        ]
        return "\n".join(lines) if lines else "No open cases."

    # Claims ---------------------------------------------------------------

    async def on_claim(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Claim a case from its card; first claim wins, others see the holder."""
        query = update.callback_query
        user = update.effective_user
        assert query is not None
        if user is None or not self.allowed(user.id):
            await query.answer(REFUSAL, show_alert=True)
            return
        try:
            case_id = int((query.data or "").split(":", 1)[1])
        except (IndexError, ValueError):
            await query.answer()
            return
        ref = counsellor_ref(user.id)
        self.store.set_on_duty(ref, user.first_name, True)
        if not self.relay.claim(case_id, ref):
            case = self.store.case(case_id)
            holder = (
                self.store.display_name(case.claimed_by)
                if case and case.claimed_by
                else None
            )
            await query.answer(
                f"Already with {holder}."
                if holder
                else "This case is no longer waiting.",
                show_alert=True,
            )
            return
        await query.answer(f"Case #{case_id} is yours.")
        case = self.store.case(case_id)
        assert case is not None
        if query.message is not None:
            with contextlib.suppress(TelegramError):
                await query.message.edit_text(
                    counsellor_text.claimed_card(case, user.first_name)
                )
        await self._open_case_room(context.bot, case, user.id)

    async def _open_case_room(self, bot: Bot, case: Case, user_id: int) -> None:
        """Create a forum topic for the case, or use the counsellor's private chat."""
        intro = counsellor_text.case_intro(case, time.time())
        chat_id = self.settings.counsellor_chat_id
        if chat_id is not None:
            try:
                chat = await bot.get_chat(chat_id)
                if getattr(chat, "is_forum", False):
                    topic = await bot.create_forum_topic(chat_id, f"Case #{case.id}")
                    self.store.update_case(case.id, thread_id=topic.message_thread_id)
                    await bot.send_message(
                        chat_id, intro, message_thread_id=topic.message_thread_id
                    )
                    return
            except TelegramError as error:
                logger.warning("No forum topic for a case: %s", type(error).__name__)
        try:
            await bot.send_message(user_id, intro)
        except (Forbidden, BadRequest):
            # The counsellor never opened a private chat with the bot: hand it back.
            self.relay.transfer(case, counsellor_ref(user_id))
            if chat_id is not None:
                with contextlib.suppress(TelegramError):
                    await bot.send_message(
                        chat_id,
                        f"Case #{case.id} went back to the queue: please open a private"
                        " chat with me and press Start, then claim again.",
                    )

    # Background steps -------------------------------------------------------

    async def announce(self, app: Application) -> None:
        """Post cards for new cases; repeat while unclaimed, high risk first."""
        chat_id = self.settings.counsellor_chat_id
        if chat_id is None:
            return
        now = time.time()
        for case in self.store.due_for_announcement(
            now, self.settings.reannounce_after_s
        ):
            if case.card_message_id is not None:
                with contextlib.suppress(TelegramError):
                    await app.bot.delete_message(chat_id, case.card_message_id)
            keyboard = InlineKeyboardMarkup(
                [[InlineKeyboardButton("Claim", callback_data=f"claim:{case.id}")]]
            )
            message = await with_retries(
                lambda case=case, keyboard=keyboard: app.bot.send_message(
                    chat_id, counsellor_text.case_card(case, now), reply_markup=keyboard
                )
            )
            self.store.update_case(
                case.id, announced_at=now, card_message_id=message.message_id
            )

    async def deliver(self, app: Application) -> None:
        """Deliver the young people's messages to Telegram counsellors."""
        for item in self.store.pending(COUNSELLOR):
            case = self.store.case(item.case_id)
            if case is None:
                self.store.delivered(item.id)
                continue
            holder = case.claimed_by or ""
            if case.status == CLOSED and not holder:
                self.store.delivered(item.id)  # cancelled before anyone claimed it
                continue
            if not holder.startswith("tg:") or case.status not in (ACTIVE, CLOSED):
                continue  # waiting cases keep their messages until claimed
            if (
                case.thread_id is not None
                and self.settings.counsellor_chat_id is not None
            ):
                chat_id, extra = (
                    self.settings.counsellor_chat_id,
                    {"message_thread_id": case.thread_id},
                )
            else:
                chat_id, extra = int(holder[3:]), {}
            text = counsellor_text.relayed(case, item)
            try:
                for part in chunks(text):
                    await with_retries(
                        lambda part=part, chat_id=chat_id, extra=extra: (
                            app.bot.send_message(chat_id, part, **extra)
                        )
                    )
            except TelegramError as error:
                logger.warning("Relay to a counsellor failed: %s", type(error).__name__)
                self.store.retry_later(
                    item.id, item.attempts, min(60, 2**item.attempts)
                )
                continue
            self.store.delivered(item.id)
