"""A local fake of the Telegram Bot API for tests.

Point python-telegram-bot at it with ``base_url=fake.base_url`` (in-process or in
a subprocess). Requests arrive as ``POST {base_url}{token}/{method}``; PTB sends
parameters as form fields (strings as-is, everything else JSON-encoded) or as
multipart when uploading files.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")

DEFAULT_TOKEN = "123456:TEST"
DEFAULT_GROUP_USER_ID = 4242
FORUM_ICON_COLOR = 7322096
LONG_POLL_CAP = 1.0

# Fields that are always plain strings in the Bot API; never JSON-decode them
# (a user typing "42" or "true" must stay a string).
STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "name",
        "title",
        "description",
        "short_description",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "question",
        "emoji",
        "language_code",
        "icon_custom_emoji_id",
        "business_connection_id",
        "message_effect_id",
        "address",
        "phone_number",
        "first_name",
        "last_name",
        "vcard",
        "file_id",
        "action",
    }
)

# Methods whose result is a Message.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendVoice",
        "sendAudio",
        "sendAnimation",
        "sendVideoNote",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendDice",
        "forwardMessage",
    }
)
EDIT_METHODS = frozenset(
    {"editMessageText", "editMessageReplyMarkup", "editMessageCaption"}
)
TRUE_METHODS = frozenset(
    {
        "deleteWebhook",
        "setWebhook",
        "sendChatAction",
        "answerCallbackQuery",
        "deleteMessage",
        "deleteMessages",
        "setMyCommands",
        "deleteMyCommands",
        "leaveChat",
        "closeForumTopic",
        "reopenForumTopic",
        "editForumTopic",
        "deleteForumTopic",
        "pinChatMessage",
        "unpinChatMessage",
    }
)


@dataclass
class Call:
    """One request received by the fake."""

    method: str
    params: dict[str, Any]
    at: float
    failed: bool = False


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    description: str | None


@dataclass
class _Chat:
    forum: bool = False
    next_message_id: int = 1
    texts: dict[int, str] = field(default_factory=dict)


def _decode_value(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _matches(params: dict[str, Any], filters: dict[str, Any]) -> bool:
    for key, expected in filters.items():
        if key not in params:
            if expected is None:
                continue
            return False
        actual = params[key]
        if actual != expected and str(actual) != str(expected):
            return False
    return True


class FakeTelegram:
    """Fake Bot API that records calls; runs in a background thread.

    Usage::

        with FakeTelegram() as fake:
            bot = Bot(fake.token, base_url=fake.base_url)
            fake.push_message(42, "/start")
            ...
            fake.wait_for_call("sendMessage", chat_id=42)
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_id: int = 123456,
        bot_username: str = "outreach_test_bot",
        bot_first_name: str = "Outreach Test Bot",
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.calls: list[Call] = []
        self._lock = threading.RLock()
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._chats: dict[int, _Chat] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._next_thread_id = 100
        self._ids = itertools.count(1)
        self._port: int | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._stopping = threading.Event()
        self._stop_event: asyncio.Event | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def port(self) -> int:
        """The bound TCP port (only after :meth:`start`)."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Bot API base URL for PTB's ``base_url`` (the token gets appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot as a User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def start(self) -> FakeTelegram:
        """Start the HTTP server on 127.0.0.1 (free port) in a daemon thread."""
        if self._thread is not None:
            return self
        self._stopping.clear()
        ready = threading.Event()
        errors: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._serve, args=(ready, errors), name="fake-telegram", daemon=True
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("FakeTelegram did not start within 10 s")
        if errors:
            self._thread = None
            raise RuntimeError("FakeTelegram failed to start") from errors[0]
        return self

    def stop(self) -> None:
        """Stop the server and join its thread."""
        thread = self._thread
        if thread is None:
            return
        self._stopping.set()
        loop, stop_event = self._loop, self._stop_event
        if loop is not None and stop_event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(10)
        self._thread = None
        self._port = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _serve(self, ready: threading.Event, errors: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._main(ready, errors))
        except BaseException as exc:  # pragma: no cover - reported via start()
            errors.append(exc)
            ready.set()
        finally:
            loop.close()

    async def _main(self, ready: threading.Event, errors: list[BaseException]) -> None:
        self._stop_event = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=2.0
        )
        await runner.setup()
        self._runner = runner
        try:
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            server = site._server
            assert server is not None
            self._port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        except BaseException as exc:
            errors.append(exc)
            ready.set()
            await runner.cleanup()
            return
        ready.set()
        await self._stop_event.wait()
        await runner.cleanup()
        # Connections the client dropped mid-request (e.g. a cancelled long poll)
        # can leave handler tasks behind; finish them before the loop closes.
        current = asyncio.current_task()
        leftovers = [t for t in asyncio.all_tasks() if t is not current]
        if leftovers:
            _, still_pending = await asyncio.wait(leftovers, timeout=LONG_POLL_CAP)
            for task in still_pending:
                task.cancel()
            await asyncio.gather(*leftovers, return_exceptions=True)

    # ------------------------------------------------------------------ HTTP

    async def _parse(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for key, value in request.query.items():
            params[key] = _decode_value(key, value)
        if request.method != "POST" or not request.body_exists:
            return params
        ctype = request.content_type
        if ctype == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
            return params
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    params[key] = {
                        "filename": value.filename,
                        "content_type": value.content_type,
                        "size": len(content),
                    }
                else:
                    params[key] = _decode_value(key, value)
            return params
        raw = await request.text()
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            if isinstance(body, dict):
                params.update(body)
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._parse(request)
        with self._lock:
            failure = self._take_failure(method)
            self.calls.append(
                Call(method, params, time.time(), failed=failure is not None)
            )
        if failure is not None:
            return self._failure_response(failure)
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
        else:
            with self._lock:
                result = self._result_for(method, params)
        return web.json_response({"ok": True, "result": result})

    def _take_failure(self, method: str) -> _Failure | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        return queue.pop(0)

    @staticmethod
    def _failure_response(failure: _Failure) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": failure.status}
        if failure.description is not None:
            body["description"] = failure.description
        elif failure.status == HTTPStatus.TOO_MANY_REQUESTS:
            body["description"] = (
                f"Too Many Requests: retry after {failure.retry_after or 1}"
            )
        else:
            try:
                body["description"] = HTTPStatus(failure.status).phrase
            except ValueError:
                body["description"] = f"Error {failure.status}"
        if failure.retry_after is not None:
            body["parameters"] = {"retry_after": failure.retry_after}
        return web.json_response(body, status=failure.status)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        limit = max(1, min(limit, 100))
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(max(timeout, 0.0), LONG_POLL_CAP)
        while True:
            with self._lock:
                if offset < 0:
                    pending = self._updates[offset:]
                    if pending:
                        first = pending[0]["update_id"]
                        self._updates = [
                            u for u in self._updates if u["update_id"] >= first
                        ]
                else:
                    self._updates = [
                        u for u in self._updates if u["update_id"] >= offset
                    ]
                    pending = self._updates
                if pending:
                    return [dict(u) for u in pending[:limit]]
            if self._stopping.is_set() or time.monotonic() >= deadline:
                return []
            await asyncio.sleep(0.02)

    # ------------------------------------------------------------------ results

    def _chat_state(self, chat_id: int) -> _Chat:
        state = self._chats.get(chat_id)
        if state is None:
            state = self._chats[chat_id] = _Chat()
        return state

    def _new_message_id(self, chat_id: int) -> int:
        state = self._chat_state(chat_id)
        message_id = state.next_message_id
        state.next_message_id += 1
        return message_id

    def _chat(self, chat_id: Any, chat_type: str | None = None) -> dict[str, Any]:
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            # "@channelusername": give it a stable negative id.
            cid = -1000000000000 - abs(hash(str(chat_id))) % 1000000
        if chat_type is None:
            chat_type = "private" if cid > 0 else "supergroup"
        chat: dict[str, Any] = {"id": cid, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Kid"
        else:
            chat["title"] = f"Test {chat_type} {cid}"
        if chat_type == "supergroup":
            chat["is_forum"] = self._chat_state(cid).forum
        return chat

    def _result_for(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                **self.bot_user,
                "can_join_groups": True,
                "can_read_all_group_messages": True,
                "supports_inline_queries": False,
            }
        if method == "getWebhookInfo":
            return {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }
        if method in MESSAGE_METHODS:
            return self._bot_message(params, new=True)
        if method in EDIT_METHODS:
            if "inline_message_id" in params and "chat_id" not in params:
                return True
            return self._bot_message(params, new=False)
        if method == "copyMessage":
            return {
                "message_id": self._new_message_id(self._chat(params["chat_id"])["id"])
            }
        if method == "createForumTopic":
            thread_id = self._next_thread_id
            self._next_thread_id += 1
            return {
                "message_thread_id": thread_id,
                "name": str(params.get("name", "")),
                "icon_color": int(params.get("icon_color") or FORUM_ICON_COLOR),
            }
        if method == "getChat":
            chat = self._chat(params.get("chat_id"))
            return {
                **chat,
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        if method == "getMyCommands":
            return []
        return True

    def _bot_message(self, params: dict[str, Any], *, new: bool) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        state = self._chat_state(chat["id"])
        if new:
            message_id = self._new_message_id(chat["id"])
        else:
            message_id = int(params.get("message_id") or 0)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
        }
        if new:
            message["text"] = params.get("text")
        else:
            message["edit_date"] = int(time.time())
            if "text" in params:
                state.texts[message_id] = str(params["text"])
            message["text"] = state.texts.get(message_id)
        if message["text"] is None:
            del message["text"]
        else:
            message["text"] = str(message["text"])
            state.texts[message_id] = message["text"]
        if "caption" in params:
            message["caption"] = str(params["caption"])
        markup = params.get("reply_markup")
        # Like Telegram: a message only reports inline keyboards, not reply keyboards.
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = int(params["message_thread_id"])
            if chat.get("is_forum"):
                message["is_topic_message"] = True
        return message

    # ------------------------------------------------------------------ control

    def fail_next(
        self,
        method: str,
        times: int = 1,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail.

        A 429 answers "Too Many Requests: retry after N" with
        ``parameters.retry_after``; other statuses get the HTTP phrase (e.g. 502
        "Bad Gateway") unless ``description`` is given, and carry ``retry_after``
        only when the status is 429.
        """
        if status != HTTPStatus.TOO_MANY_REQUESTS:
            retry_after = None
        with self._lock:
            queue = self._failures.setdefault(method, [])
            queue.extend(
                _Failure(status, retry_after, description) for _ in range(times)
            )

    def set_forum(self, chat_id: int, is_forum: bool = True) -> None:
        """Mark a (super)group as a forum; reflected in chat objects."""
        with self._lock:
            self._chat_state(int(chat_id)).forum = is_forum

    def reset(self) -> None:
        """Forget recorded calls, queued updates and pending failures."""
        with self._lock:
            self.calls.clear()
            self._updates.clear()
            self._failures.clear()

    # ------------------------------------------------------------------ updates

    def _enqueue(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            update = {"update_id": self._next_update_id, **payload}
            self._next_update_id += 1
            self._updates.append(update)
            return update

    def _user(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
        }
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _incoming(
        self,
        chat_id: int,
        user_id: int | None,
        chat_type: str,
        thread_id: int | None,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> dict[str, Any]:
        chat_id = int(chat_id)
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_GROUP_USER_ID
        with self._lock:
            chat = self._chat(chat_id, chat_type)
            if chat_type == "private":
                chat["first_name"] = first_name
                if username:
                    chat["username"] = username
            message: dict[str, Any] = {
                "message_id": self._new_message_id(chat_id),
                "date": int(time.time()),
                "chat": chat,
                "from": self._user(user_id, first_name, username, language_code),
            }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.get("is_forum"):
                message["is_topic_message"] = True
        return message

    def push_message(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        chat_type: str = "private",
        thread_id: int | None = None,
        first_name: str = "Kid",
        username: str | None = None,
        language_code: str | None = "en",
        entities_for_commands: bool = True,
        forwarded_from: str | None = None,
        edited: bool = False,
    ) -> dict[str, Any]:
        """Queue a text message update (or a forward, or an edit); returns it."""
        message = self._incoming(
            chat_id, user_id, chat_type, thread_id, first_name, username, language_code
        )
        message["text"] = text
        if forwarded_from is not None:
            message["forward_origin"] = {
                "type": "hidden_user",
                "date": int(time.time()) - 60,
                "sender_user_name": forwarded_from,
            }
        if edited:
            message["edit_date"] = int(time.time())
            return self._enqueue({"edited_message": message})
        if entities_for_commands and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        return self._enqueue({"message": message})

    def push_photo(
        self,
        chat_id: int,
        user_id: int | None = None,
        caption: str | None = None,
        chat_type: str = "private",
        thread_id: int | None = None,
        first_name: str = "Kid",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """Queue a photo message update (two sizes); returns the update dict."""
        message = self._incoming(
            chat_id, user_id, chat_type, thread_id, first_name, username, language_code
        )
        n = next(self._ids)
        message["photo"] = [
            {
                "file_id": f"photo-{n}-s",
                "file_unique_id": f"uphoto{n}s",
                "width": 90,
                "height": 67,
                "file_size": 1234,
            },
            {
                "file_id": f"photo-{n}-m",
                "file_unique_id": f"uphoto{n}m",
                "width": 800,
                "height": 600,
                "file_size": 56789,
            },
        ]
        if caption is not None:
            message["caption"] = caption
        return self._enqueue({"message": message})

    def push_media(
        self,
        chat_id: int,
        kind: str,
        user_id: int | None = None,
        caption: str | None = None,
        chat_type: str = "private",
        thread_id: int | None = None,
        first_name: str = "Kid",
        username: str | None = None,
        language_code: str | None = "en",
        payload: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Queue a non-text message update; returns the update dict.

        ``kind`` is one of voice, video, video_note, document, sticker, audio,
        animation, location, contact. ``payload`` overrides fields of the object.
        """
        n = next(self._ids)
        file_ids = {"file_id": f"{kind}-{n}", "file_unique_id": f"u{kind}{n}"}
        objects: dict[str, dict[str, Any]] = {
            "voice": {
                **file_ids,
                "duration": 2,
                "mime_type": "audio/ogg",
                "file_size": 4321,
            },
            "audio": {
                **file_ids,
                "duration": 30,
                "mime_type": "audio/mpeg",
                "file_size": 43210,
            },
            "video": {
                **file_ids,
                "width": 640,
                "height": 360,
                "duration": 5,
                "file_size": 98765,
            },
            "animation": {
                **file_ids,
                "width": 320,
                "height": 240,
                "duration": 3,
            },
            "video_note": {**file_ids, "length": 240, "duration": 3},
            "document": {
                **file_ids,
                "file_name": "file.pdf",
                "mime_type": "application/pdf",
                "file_size": 2048,
            },
            "sticker": {
                **file_ids,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "🙂",
            },
            "location": {"latitude": 52.52, "longitude": 13.405},
            "contact": {"phone_number": "+10000000000", "first_name": "Friend"},
        }
        if kind not in objects:
            raise ValueError(f"unsupported media kind: {kind!r}")
        obj = {**objects[kind], **(payload or {})}
        message = self._incoming(
            chat_id, user_id, chat_type, thread_id, first_name, username, language_code
        )
        message[kind] = obj
        if kind == "animation":
            # Telegram also sets "document" for animations.
            message["document"] = dict(obj)
        if caption is not None and kind not in ("location", "contact", "sticker"):
            message["caption"] = caption
        return self._enqueue({"message": message})

    def push_callback(
        self,
        chat_id: int,
        data: str,
        user_id: int | None = None,
        message_id: int = 1,
        chat_type: str = "private",
        thread_id: int | None = None,
        first_name: str = "Counsellor",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """Queue a callback_query update (button press on a bot message)."""
        chat_id = int(chat_id)
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_GROUP_USER_ID
        with self._lock:
            chat = self._chat(chat_id, chat_type)
            text = self._chat_state(chat_id).texts.get(message_id, "…")
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": text,
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.get("is_forum"):
                message["is_topic_message"] = True
        n = next(self._ids)
        return self._enqueue(
            {
                "callback_query": {
                    "id": f"cbq-{n}",
                    "from": self._user(user_id, first_name, username, language_code),
                    "message": message,
                    "chat_instance": f"ci-{chat_id}",
                    "data": data,
                }
            }
        )

    def push_member_added(
        self,
        chat_id: int,
        chat_type: str = "group",
        by_user_id: int = DEFAULT_GROUP_USER_ID,
        first_name: str = "Counsellor",
        as_message: bool = True,
    ) -> list[dict[str, Any]]:
        """Queue "bot added to a group" updates, like Telegram sends them.

        Pushes a ``my_chat_member`` update (left -> member) and, unless
        ``as_message`` is false, a service message with ``new_chat_members``
        containing the bot. Returns the pushed updates.
        """
        chat_id = int(chat_id)
        with self._lock:
            chat = self._chat(chat_id, chat_type)
        by = self._user(by_user_id, first_name, None, "en")
        now = int(time.time())
        updates = [
            self._enqueue(
                {
                    "my_chat_member": {
                        "chat": chat,
                        "from": by,
                        "date": now,
                        "old_chat_member": {"status": "left", "user": self.bot_user},
                        "new_chat_member": {"status": "member", "user": self.bot_user},
                    }
                }
            )
        ]
        if as_message:
            with self._lock:
                message_id = self._new_message_id(chat_id)
            updates.append(
                self._enqueue(
                    {
                        "message": {
                            "message_id": message_id,
                            "date": now,
                            "chat": chat,
                            "from": by,
                            "new_chat_members": [self.bot_user],
                        }
                    }
                )
            )
        return updates

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued but not yet acknowledged by an offset."""
        with self._lock:
            return [dict(u) for u in self._updates]

    # ------------------------------------------------------------------ queries

    def snapshot(self) -> list[Call]:
        """A copy of the recorded calls."""
        with self._lock:
            return list(self.calls)

    def calls_to(self, method: str, **filters: Any) -> list[Call]:
        """Calls of ``method`` whose params match ``filters`` (compared as str)."""
        return [
            c
            for c in self.snapshot()
            if c.method == method and _matches(c.params, filters)
        ]

    def sent_texts(self, chat_id: int | str) -> list[str]:
        """Texts successfully sent with sendMessage to ``chat_id``, in order."""
        return [
            str(c.params.get("text"))
            for c in self.calls_to("sendMessage", chat_id=chat_id)
            if not c.failed
        ]

    def wait_for(
        self, predicate: Callable[[list[Call]], T], timeout: float = 10.0
    ) -> T:
        """Poll until ``predicate(calls)`` is truthy and return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate(self.snapshot())
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"condition not met within {timeout} s; last calls:\n"
                    + self.format_calls(15)
                )
            time.sleep(0.02)

    def wait_for_call(self, method: str, timeout: float = 10.0, **filters: Any) -> Call:
        """Wait for any call of ``method`` matching ``filters``; return the first."""
        return self.wait_for_new_call(method, 0, timeout=timeout, **filters)

    def wait_for_new_call(
        self, method: str, after_index: int, timeout: float = 10.0, **filters: Any
    ) -> Call:
        """Like :meth:`wait_for_call`, but only calls recorded at ``after_index``+.

        Take ``after_index = len(fake.calls)`` before triggering an action.
        """

        def find(calls: list[Call]) -> Call | None:
            for call in calls[after_index:]:
                if call.method == method and _matches(call.params, filters):
                    return call
            return None

        try:
            return self.wait_for(find, timeout)
        except AssertionError as exc:
            raise AssertionError(
                f"no {method} call matching {filters} after index {after_index}: {exc}"
            ) from None

    def format_calls(self, last: int = 15) -> str:
        """Human-readable listing of the last ``last`` calls."""
        calls = self.snapshot()
        start = max(0, len(calls) - last)
        lines = []
        for i, call in enumerate(calls[start:], start):
            flag = " FAILED" if call.failed else ""
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 300:
                params = params[:300] + "…"
            lines.append(f"  [{i}] {call.method}{flag} {params}")
        return "\n".join(lines) or "  (no calls)"
