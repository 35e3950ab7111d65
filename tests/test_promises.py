"""One promise per guarantor, strategic ambiguity, the honour grade over committed guarantors, the
penetration's default subjects, and grammar for any count and list (issue #17, items 4 and 6).

The games are eastmark-2031 (one guarantee, four guarantors: Valmont, Borvia, Meridia and
Westerholm) with Kordavia played by the resolute bot, so that it invades; the scenario's text is
edited the way an author would write it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest
from conftest import journal
from hypothesis import given
from hypothesis import strategies as st

from wargame.engine import credibility
from wargame.engine.events import (
    EndData,
    InvasionData,
    InvasionTruth,
    PromiseData,
    PromptData,
    WarData,
)
from wargame.engine.outcome import measures
from wargame.engine.penetration import subjects_of
from wargame.model.commitments import binds, committed, promises_of, uncommitted
from wargame.model.lint import suspicious
from wargame.model.scenario import Guarantee, Penetration, Promise, Scenario
from wargame.model.scenario_files import scenarios
from wargame.model.wording import and_list, count, noun_for, plural, verb_for
from wargame.session.doctrines.beliefs import promised
from wargame.session.session import Session

EASTMARK = Path(scenarios.__file__).resolve().parents[3] / "scenarios" / "eastmark-2031.toml"
AGGRESSOR = {"kordavia": "bot:resolute"}  # it invades: the guarantee is tested


def edited(tmp_path: Path, *pairs: tuple[str, str]) -> str:
    """A copy of eastmark-2031 with each (old, new) text replaced once; its path."""
    text = EASTMARK.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "eastmark-edited.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


LIMITED = ('action = "limited_offensive"\n', 'action = "limited_offensive"\nby = ["valmont"]\n')
AMBIGUOUS_MERIDIA = (
    'guarantors = ["valmont", "borvia", "meridia", "westerholm"]\n',
    'guarantors = ["valmont", "borvia", "meridia", "westerholm"]\nambiguous = ["meridia"]\n',
)


def promises_kept(session: Session) -> list[tuple[str, str]]:
    return [(e.data.guarantor, e.data.action) for e in session.events if isinstance(e.data, PromiseData)]


# -- promises per guarantor ------------------------------------------------------------------------


def test_a_promise_by_one_guarantor_falls_due_for_it_alone(tmp_path: Path) -> None:
    session = Session(scenarios.load(edited(tmp_path, LIMITED)), seed=1, seats=AGGRESSOR)
    session.run_to_end()
    graded = promises_kept(session)
    assert [g for g, action in graded if action == "limited_offensive"] == ["valmont"]
    for other in ("borvia", "meridia", "westerholm"):  # the promises with no 'by' bind everyone
        assert (other, "air_action") in graded and (other, "main_offensive") in graded
        assert (other, "limited_offensive") not in graded


def test_an_ambiguous_guarantor_holds_no_promise_but_is_asked_to_declare_war(tmp_path: Path) -> None:
    session = Session(scenarios.load(edited(tmp_path, AMBIGUOUS_MERIDIA)), seed=1, seats=AGGRESSOR)
    session.run_to_end()
    graded = promises_kept(session)
    assert graded and "meridia" not in {g for g, _ in graded}
    assert {g for g, _ in graded} == {"valmont", "borvia", "westerholm"}
    asked = [e for e in session.events if isinstance(e.data, PromptData) and e.data.decision == "declare_war"]
    assert "meridia" in {e.actors[0] for e in asked}  # a party: asked, though it promised nothing


def test_binding_rules() -> None:
    g = Guarantee(
        id="g",
        name="G",
        guarantors=("a", "b", "c"),
        protected="p",
        against=("x",),
        signed=scenarios.load("tutorial").scenario.guarantees[0].signed,
        promises=(Promise(action="declare_war", day=1), Promise(action="aid", day=5, by=("a",))),
        ambiguous=("c",),
    )
    assert [p.action for p in promises_of(g, "a")] == ["declare_war", "aid"]
    assert [p.action for p in promises_of(g, "b")] == ["declare_war"]
    assert promises_of(g, "c") == ()  # not even the promise of an empty 'by'
    assert not binds(g, g.promises[0], "c") and not binds(g, g.promises[0], "z")
    assert committed(g) == ("a", "b") and uncommitted(g) == ("c",)
    silent = attrs.evolve(g, promises=(), ambiguous=("b",))
    assert committed(silent) == ("a", "c")  # no dated promise: the treaty itself commits the rest


def test_doctrines_read_only_their_own_promises() -> None:
    tutorial = scenarios.load("tutorial").scenario
    g = attrs.evolve(
        tutorial.guarantees[0],
        guarantors=("corvia", "ardenia"),
        promises=(Promise(action="declare_war", day=1, by=("ardenia",)),),
    )
    assert promised(SimpleNamespace(seat="ardenia", treaties=(g,)), "declare_war")  # type: ignore[arg-type]
    assert not promised(SimpleNamespace(seat="corvia", treaties=(g,)), "declare_war")  # type: ignore[arg-type]
    ambiguous = attrs.evolve(g, promises=(Promise(action="declare_war", day=1),), ambiguous=("corvia",))
    assert not promised(SimpleNamespace(seat="corvia", treaties=(ambiguous,)), "declare_war")  # type: ignore[arg-type]


def test_check_refuses_by_and_ambiguous_naming_no_guarantor(tmp_path: Path) -> None:
    bad_by = ('action = "limited_offensive"\n', 'action = "limited_offensive"\nby = ["valmnot"]\n')
    with pytest.raises(scenarios.ScenarioError) as err:
        scenarios.load(edited(tmp_path, bad_by))
    problem = err.value.problems[0]
    assert problem.path == "guarantees[0].promises[1].by[0]" and "did you mean 'valmont'" in problem.message
    lines = Path(problem.file).read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and lines[problem.line - 1] == 'by = ["valmnot"]'
    both = (
        AMBIGUOUS_MERIDIA,
        ('action = "limited_offensive"\n', 'action = "limited_offensive"\nby = ["meridia"]\n'),
    )
    with pytest.raises(scenarios.ScenarioError) as err:
        scenarios.load(edited(tmp_path, *both))
    assert "'meridia' is ambiguous in this guarantee" in str(err.value.problems[0])
    stranger = (AMBIGUOUS_MERIDIA[0], AMBIGUOUS_MERIDIA[0].replace("\n", '\nambiguous = ["kordavia"]\n'))
    with pytest.raises(scenarios.ScenarioError) as err:
        scenarios.load(edited(tmp_path, stranger))
    assert "guarantees[0].ambiguous[0]: unknown guarantor 'kordavia'" in str(err.value.problems[0])


def test_check_warns_of_a_guarantor_no_promise_binds() -> None:
    tutorial = scenarios.load("tutorial").scenario
    g = attrs.evolve(
        tutorial.guarantees[0],
        guarantors=("corvia", "ardenia"),
        promises=tuple(attrs.evolve(p, by=("corvia",)) for p in tutorial.guarantees[0].promises),
    )
    warned = [m for path, m in suspicious(attrs.evolve(tutorial, guarantees=(g,))) if path[0] == "guarantees"]
    assert any("binds 'ardenia'" in m and "ambiguous" in m for m in warned)
    silent = attrs.evolve(g, ambiguous=("ardenia",))
    assert not [m for p, m in suspicious(attrs.evolve(tutorial, guarantees=(silent,))) if "binds" in m]


# -- the honour grade -------------------------------------------------------------------------------


def graded(s: Scenario, *at_war: str) -> str:
    events = journal(
        (11, InvasionData(aggressor="kordavia", target="eastmark"), InvasionTruth(postponements=0)),
        *((11.5, WarData(actor=g, on="kordavia")) for g in at_war),
        (30, EndData(fronts={})),
    )
    return measures(events, s).guarantee_honoured


@pytest.fixture(scope="module")
def eastmark() -> Scenario:
    return scenarios.load("eastmark-2031").scenario


def with_ambiguous(s: Scenario, *ambiguous: str) -> Scenario:
    return attrs.evolve(s, guarantees=tuple(attrs.evolve(g, ambiguous=ambiguous) for g in s.guarantees))


def test_formal_when_every_committed_guarantor_is_at_war_and_the_ambiguous_one_is_not(
    eastmark: Scenario,
) -> None:
    three = ("valmont", "borvia", "westerholm")
    assert graded(eastmark, *three) == "partial"  # today: Meridia promised, and stayed out
    silent = with_ambiguous(eastmark, "meridia")
    assert graded(silent, *three) == "formal"
    assert graded(silent, "valmont", "borvia") == "partial"
    assert graded(silent, "meridia") == "partial"  # the silent one came: not abandoned
    assert graded(silent) == "abandoned"


def test_a_guarantee_of_ambiguous_guarantors_only_is_graded_by_what_they_all_did(eastmark: Scenario) -> None:
    everyone = ("valmont", "borvia", "meridia", "westerholm")
    silent = with_ambiguous(eastmark, *everyone)
    assert graded(silent, *everyone) == "formal"
    assert graded(silent, "borvia") == "partial"
    assert graded(silent) == "abandoned"


def test_ambiguity_changes_nothing_when_unused(eastmark: Scenario) -> None:
    for g in eastmark.guarantors_of():
        assert "ambiguity" not in credibility.drivers(eastmark, g)
        assert credibility.ambiguity(eastmark, g) == 0.0


# -- credibility ------------------------------------------------------------------------------------


def test_ambiguity_lowers_what_observers_believe_graded_by_interests(eastmark: Scenario) -> None:
    silent = with_ambiguous(eastmark, "meridia")
    before, after = credibility.prior(eastmark, "meridia"), credibility.prior(silent, "meridia")
    assert after < before
    assert credibility.prior(silent, "valmont") == credibility.prior(eastmark, "valmont")
    assert credibility.alliance_credibility(silent, "eastmark", ()) < credibility.alliance_credibility(
        eastmark, "eastmark", ()
    )

    def discount(convergence: float) -> float:
        actors = tuple(
            attrs.evolve(a, interest_convergence=convergence) if a.id == "meridia" else a
            for a in silent.actors
        )
        return credibility.drivers(attrs.evolve(silent, actors=actors), "meridia")["ambiguity"]

    assert discount(1.0) == pytest.approx(-credibility.AMBIGUITY_FLOOR)
    assert discount(0.2) < discount(0.6) < discount(1.0) < 0  # the less it shares, the less believed


def test_ambiguity_is_graded_by_the_share_of_guarantees_that_leave_it_silent() -> None:
    s = scenarios.load("norway-1940").scenario
    uk = next(g for g in s.guarantees if "uk" in g.guarantors)
    two = attrs.evolve(s, guarantees=(*s.guarantees, attrs.evolve(uk, id="second", ambiguous=("uk",))))
    one = attrs.evolve(
        s, guarantees=tuple(attrs.evolve(g, ambiguous=("uk",)) if g is uk else g for g in s.guarantees)
    )
    assert credibility.ambiguity(two, "uk") == 0.5 and credibility.ambiguity(one, "uk") == 1.0
    assert credibility.drivers(one, "uk")["ambiguity"] == pytest.approx(
        2 * credibility.drivers(two, "uk")["ambiguity"]
    )


# -- the penetration's subjects ---------------------------------------------------------------------


def test_a_penetration_without_subjects_biases_every_front_the_aggressor_fights_on() -> None:
    s = scenarios.load("drole-de-guerre-1939").scenario
    pen = s.penetrations[0]
    assert subjects_of(s, pen) == ("forces.west",)  # the file says so: unchanged
    bare = Penetration(id="x", target="france", leaks_to="germany")
    assert bare.subjects == ()
    assert subjects_of(s, bare) == ("forces.poland", "forces.west")
    eastmark = scenarios.load("eastmark-2031").scenario
    assert subjects_of(eastmark, bare) == tuple(
        f"forces.{f.id}" for f in eastmark.fronts if "kordavia" in (f.attacker, f.defender)
    )


def test_the_default_subjects_bias_the_target_in_play() -> None:
    loaded = scenarios.load("drole-de-guerre-1939")
    s = loaded.scenario
    bare = attrs.evolve(s.penetrations[0], subjects=())
    session = Session(attrs.evolve(loaded, scenario=attrs.evolve(s, penetrations=(bare,))), seed=1)
    first = next(e for e in session.events if e.text.startswith("(white cell) dedal"))
    assert (  # its subjects in words (the white cell reads it), the ids in its truth
        "Germany's divisions on the Polish front and Germany's divisions on the Franco-German border "
        "are biased" in first.text
    )
    assert first.truth.subjects == ("forces.poland", "forces.west")  # type: ignore[union-attr]


# -- grammar ----------------------------------------------------------------------------------------

NAMES = st.lists(
    st.sampled_from(["Daxia", "Arland", "Borea", "Cassia", "United Kingdom", "France"]), max_size=8
)


@given(NAMES)
def test_and_list_reads_right_for_any_list(names: list[str]) -> None:
    text = and_list(names)
    unique = list(dict.fromkeys(names))
    assert all(text.count(n) == 1 for n in unique)  # each once: never "Daxia and Daxia"
    assert ", and" not in text  # no Oxford comma
    assert text.count(" and ") == (1 if len(unique) > 1 else 0)
    assert text.count(", ") == max(0, len(unique) - 2)
    assert verb_for(names, "holds", "hold") == ("holds" if len(unique) == 1 else "hold")


@given(st.integers(0, 10_000), st.sampled_from(["guarantee", "report", "front", "army", "process", "day"]))
def test_count_is_singular_for_one_only(n: int, noun: str) -> None:
    text = count(n, noun)
    assert text.startswith(f"{n} ")
    assert text.endswith(noun if n == 1 else plural(noun))
    assert noun_for(n, noun) == (noun if n == 1 else plural(noun))


def test_plurals() -> None:
    assert [plural(w) for w in ("guarantee", "army", "process", "day", "inject", "false alarm")] == [
        "guarantees",
        "armies",
        "processes",
        "days",
        "injects",
        "false alarms",
    ]
    assert count(1.5, "division") == "1.5 divisions" and count(1.0, "division") == "1 division"


def test_check_counts_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.cli import main

    assert main(["check", "tutorial"]) == 0
    out = capsys.readouterr().out
    assert "1 guarantee," in out and "1 guarantees" not in out and "2 fronts" in out


def test_an_alliance_of_four_is_triggered_in_words(tmp_path: Path) -> None:
    session = Session(scenarios.load("eastmark-2031"), seed=1, seats=AGGRESSOR)
    session.run_to_end()
    text = next(e.text for e in session.events if "is triggered" in e.text)
    assert "Valmont, Borvia, Meridia and Westerholm bound to assist Eastmark." in text


def test_the_brief_tells_each_seat_who_is_bound(tmp_path: Path) -> None:
    from wargame.analysis.brief import seat_brief_markdown

    loaded = scenarios.load(edited(tmp_path, LIMITED, AMBIGUOUS_MERIDIA))
    text = seat_brief_markdown(loaded, "meridia")
    assert "Valmont, Borvia, Meridia and Westerholm guarantee Eastmark" in text
    assert "Meridia has said nothing (strategic ambiguity)" in text
    assert "It binds Valmont only." in text
    lone = seat_brief_markdown(scenarios.load("tutorial"), "corvia")
    assert "Corvia guarantees Belmark" in lone
