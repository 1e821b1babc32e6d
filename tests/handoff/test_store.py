import threading

import pytest

from handoff.store import ACTIVE, CLOSED, COUNSELLOR, WAITING, YOUTH, HandoffStore
from handoff.topics import HIGH, LOW, MEDIUM, topic_and_risk


@pytest.fixture
def store(tmp_path):
    return HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")


def open_case(store, user="u1", risk=LOW, topic="general"):
    return store.open_case(user, "nb", "child", "NO", topic, risk)


def test_duty_roster(store):
    store.set_on_duty("tg:1", "Anna", True)
    store.set_on_duty("tg:2", "Ben", True)
    store.set_on_duty("tg:2", "Ben", False)
    assert store.on_duty() == ["tg:1"]
    assert store.display_name("tg:1") == "Anna"


def test_one_open_case_per_person(store):
    first = open_case(store)
    assert open_case(store).id == first.id
    assert store.open_case_for("u1").status == WAITING


def test_queue_puts_high_risk_first(store):
    low = open_case(store, "a")
    high = open_case(store, "b", HIGH, "self_harm")
    medium = open_case(store, "c", MEDIUM, "grooming")
    assert [c.id for c in store.waiting()] == [high.id, medium.id, low.id]
    assert store.queue_position(low.id) == 3


def test_only_one_of_many_simultaneous_claims_wins(store):
    case = open_case(store)
    results = []
    barrier = threading.Barrier(8)

    def claim(i):
        barrier.wait()
        results.append(store.claim(case.id, f"tg:{i}"))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    assert store.case(case.id).status == ACTIVE


def test_outbox_keeps_messages_until_delivered_and_retries(store):
    case = open_case(store)
    item_id = store.enqueue(case.id, COUNSELLOR, "text", "hello")
    [item] = store.pending(COUNSELLOR)
    store.retry_later(item.id, item.attempts, delay_s=60)
    assert store.pending(COUNSELLOR) == []
    assert store.pending(COUNSELLOR, now=10**12)[0].attempts == 1
    store.delivered(item_id)
    assert store.pending(COUNSELLOR, now=10**12) == []


def test_close_drops_unread_counsellor_messages_but_not_youth_notices(store):
    case = open_case(store)
    store.enqueue(case.id, COUNSELLOR, "text", "secret")
    store.enqueue(case.id, YOUTH, "ended_by_counsellor")
    assert store.close(case.id)
    assert not store.close(case.id)
    assert store.pending(COUNSELLOR) == []
    assert [i.kind for i in store.pending(YOUTH)] == ["ended_by_counsellor"]
    assert store.case(case.id).status == CLOSED


def test_transfer_returns_case_to_queue_for_announcement(store):
    case = open_case(store)
    store.claim(case.id, "tg:1")
    store.update_case(case.id, announced_at=1.0, thread_id=7)
    assert not store.transfer(case.id, "tg:2")  # only the holder can transfer
    assert store.transfer(case.id, "tg:1")
    moved = store.case(case.id)
    assert moved.status == WAITING and moved.thread_id is None
    assert store.due_for_announcement(now=2.0, every_s=300) == [moved]


def test_announcements_repeat_only_after_the_interval(store):
    case = open_case(store)
    store.update_case(case.id, announced_at=100.0)
    assert store.due_for_announcement(now=200.0, every_s=300) == []
    assert [c.id for c in store.due_for_announcement(now=400.0, every_s=300)] == [
        case.id
    ]


def test_erasure_keeps_only_anonymous_counters(store):
    case = open_case(store, "gone")
    store.enqueue(case.id, YOUTH, "text", "hi")
    store.remember_contact("gone", "telegram", "sealed")
    store.enqueue(case.id, COUNSELLOR, "text", "secret words")
    store.enqueue(case.id, COUNSELLOR, "ended_by_youth")
    assert store.erase_user("gone") == 1
    assert store.open_case_for("gone") is None
    anonymous = store.case(case.id)
    assert anonymous.user_key == "" and anonymous.status == CLOSED
    assert [i.kind for i in store.pending(COUNSELLOR)] == ["ended_by_youth"]
    assert store.contact("gone") is None
    assert store.pending(YOUTH) == []
    assert store.counter("cases_opened") == 1
    assert store.counter("erasures") == 1


def test_unknown_case_fields_are_refused(store):
    case = open_case(store)
    with pytest.raises(ValueError):
        store.update_case(case.id, status="closed")


@pytest.mark.parametrize(
    "intents,expected",
    [
        ([], ("general", LOW)),
        (["greet", "ask_grooming_signs"], ("grooming", MEDIUM)),
        (["crisis_self_harm", "ask_grooming_signs"], ("self_harm", HIGH)),
        (["ask_online_safety", "disclose_exploitation"], ("sexual_exploitation", HIGH)),
    ],
)
def test_topic_and_risk(intents, expected):
    assert topic_and_risk(intents) == expected
