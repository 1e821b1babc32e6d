import io

from bot.counsellor_console import CounsellorConsole
from bot.relay import Relay
from handoff.store import COUNSELLOR, YOUTH
from tests.bot.test_relay import TEXTS, setup  # noqa: F401 - fixture
from tests.fakes import small_directory


async def test_console_counsellor_claims_relays_and_ends(setup):  # noqa: F811
    _, store, relay, _, case = setup
    out = io.StringIO()
    console = CounsellorConsole(relay, "alex", out)
    await console.handle("/onduty")
    assert store.on_duty() == ["console:alex"]
    console.poll()
    assert f"Case #{case.id}" in out.getvalue() and "kid" not in out.getvalue()
    await console.handle(f"/claim {case.id}")
    store.enqueue(case.id, COUNSELLOR, "text", "hei")
    console.poll()
    assert f"👤 #{case.id}: hei" in out.getvalue()
    await console.handle("Hei, jeg er her")
    assert [i.body for i in store.pending(YOUTH) if i.kind == "text"] == [
        "Hei, jeg er her"
    ]
    await console.handle("/end")
    assert store.case(case.id).status == "closed"
    assert await console.handle("/quit") is False


async def test_claim_of_a_taken_case_is_refused(setup):  # noqa: F811
    _, store, relay, _, case = setup
    relay.claim(case.id, "tg:1")
    out = io.StringIO()
    console = CounsellorConsole(
        Relay(store, relay._rasa, TEXTS, small_directory()), "b", out
    )
    await console.handle(f"/claim {case.id}")
    assert "not waiting" in out.getvalue()
