"""What a seat's screen shows, built from that seat's view alone.

Plain functions from a :class:`~wargame.session.views.SeatView` (and the scenario's public names)
to Rich renderables; the screen only places them. Because nothing here receives the session or
the world, a seat's screen cannot show what its seat does not know.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ui.text import DAY, estimate_words, plain, short_when, time_left, when
from wargame.engine.events import (
    AidData,
    AssessmentData,
    CouncilData,
    DecisionData,
    FrontData,
    GuaranteeData,
    InterventionData,
    InvasionData,
    MobilisationData,
    OffensiveData,
    OnFront,
    PromiseData,
    ReportData,
    StatementData,
    TalksData,
    WarData,
)
from wargame.engine.intelligence import subject_label
from wargame.engine.journal import Event
from wargame.engine.kinds import Kind
from wargame.model.commitments import binds
from wargame.model.scenario import Scenario
from wargame.model.units import forces_text
from wargame.session.setting import Setting
from wargame.session.views import SeatView

INBOX_KINDS = (
    Kind.REPORT,
    Kind.ASSESSMENT,
    Kind.WARNING,
    Kind.FALSE_ALARM,
    Kind.LEAK,
    Kind.INJECT,
    Kind.DETECTED,
)
PUBLIC_ACTS = (WarData, StatementData, MobilisationData, TalksData, AidData, InterventionData)
"""The allies' acts shown as their public positions."""
BARS = "▁▂▃▄▅▆▇█"
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def spark(values: Sequence[float], width: int = 24) -> str:
    """A one-line chart of ``values`` (the last ``width`` of them)."""
    values = list(values)[-width:]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1.0
    return "".join(BARS[min(len(BARS) - 1, int((v - low) / span * (len(BARS) - 1)))] for v in values)


def inbox_row(scenario: Scenario | Setting, e: Event) -> tuple[str, str, str, str, str]:
    """(arrived, channel, grade, subject, summary) of an inbox item."""
    start = scenario.scenario.start
    d = e.data
    if isinstance(d, ReportData):
        channel = f"{d.channel} ({d.shared_by})" if d.shared_by else d.channel
        return short_when(start, e.t), channel, d.grade, subject_label(scenario, d.subject), e.text
    if isinstance(d, AssessmentData):
        return short_when(start, e.t), "", "", subject_label(scenario, d.subject), e.text
    label = {
        Kind.INJECT: "news",
        Kind.WARNING: "warning",
        Kind.FALSE_ALARM: "warning",
        Kind.LEAK: "source",
        Kind.DETECTED: "security",
    }[e.kind]
    return short_when(start, e.t), label, "", "", e.text


def report_detail(scenario: Scenario | Setting, e: Event) -> Text:
    """A whole inbox item, with what its grade means."""
    out = Text()
    out.append(f"{when(scenario.scenario.start, e.t)}\n", style="bold")
    out.append(e.text + "\n\n")
    d = e.data
    grade = d.grade if isinstance(d, ReportData) else ""
    if grade:
        letter, number = grade[0], int(grade[1:])
        out.append(f"Grade {grade}: ", style="bold")
        out.append(
            f"source {RELIABILITY.get(letter, '?')} ({letter}); report {CREDIBILITY.get(number, '?')} "
            f"({number}).\n"
        )
    if isinstance(d, ReportData | AssessmentData) and d.service:
        out.append(f"Service: {d.service}. ")
    if isinstance(d, ReportData) and d.shared_by:
        out.append(f"Shared by {d.shared_by}. ")
    if isinstance(d, ReportData):
        out.append("\nPress s to share this report with your liaison partners.", style="italic")
    return out


def own_situation(view: SeatView, scenario: Scenario | Setting) -> Group:
    """The seat's own forces and mobilisation, phase by phase, with progress bars."""
    out: list[RenderableType] = []
    own = view.own
    war = ", ".join(own.at_war_with) or "no one"
    out.append(
        plain(
            f"{view.name}: {forces_text(own.divisions, own.air, own.naval)} ready; "
            f"mobilisation {own.mobilisation}; "
            f"at war with {war}.",
            "bold",
        )
    )
    plan = next((m for m in scenario.mobilisation if m.actor == view.seat), None)
    if plan is not None:
        table = Table(title="Mobilisation plan", expand=True, title_justify="left")
        table.add_column("Phase")
        table.add_column("Due (from the order)")
        table.add_column("Divisions", justify="right")
        domains = any(p.air or p.naval for p in plan.phases) or plan.standing_air or plan.standing_naval
        if domains:  # air and naval forces: shown only where the plan has any
            table.add_column("Squadrons", justify="right")
            table.add_column("Ships", justify="right")
        table.add_column("Progress")
        for phase in plan.phases:
            share = min(1.0, own.divisions / phase.divisions) if phase.divisions else 1.0
            bar = "█" * int(share * 12) + "░" * (12 - int(share * 12))
            extra = (f"{phase.air:.0f}", f"{phase.naval:.0f}") if domains else ()
            table.add_row(
                phase.name, f"J+{phase.day:g}", f"{phase.divisions:.0f}", *extra, f"{bar} {share:.0%}"
            )
        out.append(table)
    return Group(*out)


def fronts_known(view: SeatView, scenario: Scenario | Setting) -> Table:
    """The fronts as the seat knows them: the last public report of each, and its estimate."""
    table = Table(title="Fronts (as you know them)", expand=True, title_justify="left")
    table.add_column("Front")
    table.add_column("Last report")
    table.add_column("Enemy divisions (your estimate)")
    last: dict[str, Event] = {}
    for e in view.events:
        d = e.data
        if isinstance(d, FrontData | OffensiveData | OnFront):
            last[d.front] = e
        elif isinstance(d, InvasionData):
            last[""] = e
    for f in scenario.fronts:
        seen = last.get(f.id)
        estimate = view.assessments.get(f"forces.{f.id}")
        table.add_row(
            f.name,
            plain(f"{short_when(scenario.scenario.start, seen.t)}: {seen.text}") if seen else plain("quiet"),
            f"{estimate.value:.0f} ({estimate.low:.0f}–{estimate.high:.0f})" if estimate else "no reports",
        )
    return table


def assessments_table(view: SeatView, scenario: Scenario | Setting, history: dict[str, list[float]]) -> Table:
    """The seat's analysts' estimates in estimative words, with a chart of each over time."""
    table = Table(title="Your analysts' assessments", expand=True, title_justify="left")
    table.add_column("Subject")
    table.add_column("Assessment")
    table.add_column("Over time")
    for subject, est in view.assessments.items():
        table.add_row(
            subject_label(scenario, subject),
            plain(estimate_words(scenario, subject, est.value, est.low, est.high, est.reports)),
            spark(history.get(subject, [])),
        )
    if not view.assessments:
        table.add_row("—", "No reports yet.", "")
    return table


def treaties(view: SeatView, scenario: Scenario | Setting) -> Table:
    """The seat's obligations (and those owed to it), each promise dated against today."""
    start = scenario.scenario.start
    triggered = {e.data.guarantee: e.t for e in view.events if isinstance(e.data, GuaranteeData)}
    judged = {
        (e.data.guarantee, e.data.guarantor, e.data.action): e.data.kept
        for e in view.events
        if isinstance(e.data, PromiseData)
    }
    table = Table(title="Treaties", expand=True, title_justify="left")
    table.add_column("Guarantee")
    table.add_column("Promise")
    table.add_column("Due")
    table.add_column("Status")
    for g in view.treaties:
        trig = triggered.get(g.id)
        head = f"{g.name}: {', '.join(g.guarantors)} → {g.protected}"
        if not g.promises:
            table.add_row(head, "assistance", "—", "triggered" if trig is not None else "not triggered")
        for p in g.promises:
            if p.condition:  # a conditional promise: its date depends on when its condition holds
                due, status = f"J+{p.day:g} from {p.condition}", "conditional"
                verdicts = [judged.get((g.id, a, p.action)) for a in g.guarantors]
                if trig is not None and any(v is not None for v in verdicts):
                    status = ", ".join(
                        f"{a}: {'kept' if v else 'broken'}"
                        for a, v in zip(g.guarantors, verdicts, strict=True)
                        if v is not None
                    )
            elif trig is None:
                due, status = f"J+{p.day:g}", "not triggered"
            else:
                at = trig + int(p.day * DAY)
                due = short_when(start, at)
                bound = [a for a in g.guarantors if binds(g, p, a)]
                verdicts = [judged.get((g.id, a, p.action)) for a in bound]
                if any(v is not None for v in verdicts):
                    status = ", ".join(
                        f"{a}: {'kept' if v else 'broken'}"
                        for a, v in zip(bound, verdicts, strict=True)
                        if v is not None
                    )
                else:
                    status = "due in " + time_left(at - view.now) if at > view.now else "overdue"
            table.add_row(head, p.action.replace("_", " "), due, status)
            head = ""
        if g.secret_clauses:
            table.add_row("", plain("secret clause: " + g.secret_clauses), "", "")
    return table


def council_and_positions(view: SeatView, scenario: Scenario | Setting) -> Group:
    """Council business the seat has seen, and the allies' public acts."""
    start = scenario.scenario.start
    council = [e for e in view.events if isinstance(e.data, CouncilData)]
    public = [
        e
        for e in view.events
        if isinstance(e.data, PUBLIC_ACTS) and e.see == ("all",) and e.data.actor != view.seat
    ]
    text = Text()
    text.append("Council\n", style="bold")
    for e in council[-8:]:
        text.append(f"  {short_when(start, e.t)}  ")
        text.append(e.text + "\n")
    if not council:
        text.append("  No meetings yet. (o → convene council)\n")
    text.append("\nPublic positions\n", style="bold")
    for e in public[-8:]:
        text.append(f"  {short_when(start, e.t)}  ")
        text.append(e.text + "\n")
    if not public:
        text.append("  Nothing public yet.\n")
    return Group(text)


def credibility_table(view: SeatView, history: dict[str, list[float]]) -> Table:
    """Each guarantor's credibility as this seat perceives it, now and over time."""
    table = Table(title="Credibility of the guarantees (as you see it)", expand=True, title_justify="left")
    table.add_column("Guarantor")
    table.add_column("Now", justify="right")
    table.add_column("Over time")
    for g, value in view.credibility.items():
        table.add_row(g, f"{value:.0%}", spark(history.get(g, [])))
    return table


def pending_table(view: SeatView, scenario: Scenario | Setting) -> Table:
    """Decisions the seat must take, with their deadlines."""
    table = Table(title="Decisions waiting for you (d to decide)", expand=True, title_justify="left")
    table.add_column("#")
    table.add_column("Question")
    table.add_column("Options")
    table.add_column("Deadline")
    for i, p in enumerate(view.pending, 1):
        table.add_row(
            str(i),
            plain(p.question),
            ", ".join(p.options),
            f"{short_when(scenario.scenario.start, p.deadline)} (in {time_left(p.deadline - view.now)}; "
            f"else {p.default})",
        )
    if not view.pending:
        table.add_row("", "None now.", "", "")
    return table


def orders_table(view: SeatView, scenario: Scenario | Setting) -> Table:
    """The seat's own decisions so far, and what followed each."""
    start = scenario.scenario.start
    table = Table(title="Your orders", expand=True, title_justify="left")
    table.add_column("When")
    table.add_column("Decision")
    table.add_column("By")
    table.add_column("Reason")
    mine = [(e.t, e.data) for e in view.events if isinstance(e.data, DecisionData)]
    for t, d in mine[-12:]:
        table.add_row(
            short_when(start, t), f"{d.decision.replace('_', ' ')} → {d.choice}", d.by, plain(d.reason)
        )
    if not mine:
        table.add_row("", "None yet.", "", "")
    return table


def log_line(scenario: Scenario | Setting, e: Event) -> str:
    return f"{short_when(scenario.scenario.start, e.t)}  {e.kind:<12} {e.text}"
