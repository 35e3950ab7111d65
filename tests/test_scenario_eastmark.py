"""The modern scenario: a fait accompli against a collective-defence alliance can be deterred.

Kordavia, played by the realist bot, attacks only if its gain outweighs the war's cost times its
belief that the alliance acts. Allies that speak and mobilise before the attack date deter it;
allies that sit still invite it.
"""

from __future__ import annotations

from conftest import play

NAME = "eastmark-2031"
ALLIES = ("eastmark", "valmont", "borvia", "meridia", "westerholm")
SEEDS = range(1, 5)


STEADY = ["actors.kordavia.resolve_sd=0"]  # the realist's rule, without this game's appetite for risk


def _seats(doctrine: str) -> list[str]:
    return ["kordavia=bot:realist", *(f"{a}=bot:{doctrine}" for a in ALLIES)]


def test_resolute_allies_deter_the_incursion() -> None:
    outcomes = [play(seed, _seats("resolute"), name=NAME, overrides=STEADY).summary() for seed in SEEDS]
    assert any(o.deterred for o in outcomes)
    assert all(o.invasion_day is None for o in outcomes if o.deterred)


def test_passive_allies_invite_the_incursion() -> None:
    outcomes = [play(seed, _seats("passive"), name=NAME, overrides=STEADY).summary() for seed in SEEDS]
    assert not any(o.deterred for o in outcomes)
    assert all(o.protege_survival_days is not None for o in outcomes)  # the fait accompli


def test_the_reference_play_is_a_fait_accompli_the_council_does_not_stop() -> None:
    session = play(1, name=NAME, record=True)
    summary = session.summary()
    assert not summary.deterred
    assert summary.protege_survival_days is not None and summary.protege_survival_days < 10
    minutes = [e for e in session.events if e.kind == "council" and e.data.step == "decision"]
    assert minutes and not any(e.data.adopted for e in minutes)  # Meridia's veto under consensus
    assert all(e.data.positions["meridia"] == "against" for e in minutes)


def test_a_protected_member_of_the_council_is_not_asked_whether_to_inform_itself() -> None:
    session = play(1, name=NAME, record=True)
    sittings = [e for e in session.events if e.kind == "council" and e.data.step == "sitting"]
    assert sittings and all("inform_protected" not in e.data.agenda for e in sittings)
