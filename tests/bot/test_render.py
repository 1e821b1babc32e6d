from bot.render import Button, Reply, bubbles, buttons_from, render, split_bubbles


def test_blank_lines_split_bubbles_and_buttons_go_last():
    replies = bubbles("One.\n\nTwo.\n\n\nThree.", (Button("Help", "/ask_helplines"),))
    assert [r.text for r in replies] == ["One.", "Two.", "Three."]
    assert (
        replies[0].buttons == () and replies[-1].buttons[0].payload == "/ask_helplines"
    )


def test_buttons_without_text_still_shown():
    assert bubbles("", (Button("A", "/a"),)) == [Reply("", (Button("A", "/a"),))]


def test_malformed_buttons_are_dropped():
    raw = [{"title": "ok", "payload": "/x"}, {"title": "no payload"}, "junk", None]
    assert buttons_from(raw) == (Button("ok", "/x"),)
    assert buttons_from("nope") == ()


def test_prefs_payload_is_a_setting_change_not_a_bubble():
    rendered = render(
        [
            {"recipient_id": "u", "custom": {"prefs": {"language": "sv"}}},
            {"recipient_id": "u", "text": "Hej!"},
            {"recipient_id": "u", "image": "http://x"},
        ]
    )
    assert rendered.preferences == {"language": "sv"}
    assert rendered.replies == [Reply("Hej!")]


def test_windows_newlines_split_too():
    assert split_bubbles("a\r\n\r\nb") == ["a", "b"]
