"""The white cell's screen: the ground truth, each seat's belief beside it, and the master event
list under the facilitators' hand (publish, hold, skip, write an inject; override adjudication).

Every act goes through :meth:`WargameApp.direct` into the journal, and replays like a decision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Log, Static, TabbedContent, TabPane

from ui.form import Field, FormScreen
from ui.game_screen import GameScreen
from ui.panels import log_line
from ui.text import plain, short_when
from wargame.engine.intelligence import subject_label
from wargame.engine.penetration import subjects_of
from wargame.model.wording import and_list
from wargame.session.timeline import format_truth
from wargame.session.views import WhiteCellView

if TYPE_CHECKING:
    from ui.app import WargameApp


def truth_panel(app: WargameApp, w: WhiteCellView) -> Group:
    """Forces, fronts, the aggressor's plan and deception, penetrations: what really is."""
    s = app.session.scenario
    start = s.scenario.start
    fronts = Table(title="Fronts (truth)", expand=True, title_justify="left")
    for col in ("Front", "Status", "Attacker div.", "Defender div.", "Cohesion", "Ground km", "Capital"):
        fronts.add_column(col)
    for f in w.fronts:
        fronts.add_row(
            f.id,
            f.status,
            f"{f.attacker:.1f}",
            f"{f.defender:.1f}",
            f"{f.cohesion:.2f}",
            f"{f.ground_km:.0f}",
            "fallen" if f.capital_fallen else "held",
        )
    actors = Table(title="States (truth)", expand=True, title_justify="left")
    for col in ("State", "Divisions", "Mobilisation", "At war with", "Disposition"):
        actors.add_column(col)
    for a, sit in w.actors.items():
        actors.add_row(
            a,
            f"{sit.divisions:.0f}",
            sit.mobilisation,
            ", ".join(sit.at_war_with) or "—",
            disposition(sit.temper),
        )
    plan = Text()
    plan.append("The aggressor's plan\n", style="bold")
    plan.append(
        f"  Attack planned for {short_when(start, w.attack_at)}; divisions moved to the fronts "
        f"the aggressor defends: {w.moved_to_defended:.0f}; alliance functionality {w.functionality:.0%}.\n"
    )
    for d in s.deception:
        who = ", ".join(d.targets) or "all"
        plan.append(
            f"  Deception {d.id}: {subject_label(s, d.subject)} ×{d.factor:g}"
            f"{f' shifted {d.shift_days:+g} d' if d.shift_days else ''} through "
            f"{', '.join(d.channels)}, against {who}, {d.share:.0%} of reports.\n"
        )
    for p in s.penetrations:
        plan.append(
            f"  Penetration {p.id}: in {p.target}, leaking to {p.leaks_to}; biases "
            f"{and_list(subjects_of(s, p))} ×{p.bias:g}.\n"
        )
    for observer, cred in w.credibility.items():
        plan.append(
            f"  Credibility as {observer} sees it: "
            + ", ".join(f"{g} {v:.0%}" for g, v in cred.items())
            + "\n"
        )
    if w.notes:
        plan.append("\nNotes for the white cell\n", style="bold")
        plan.append(w.notes.strip() + "\n")
    return Group(plan, fronts, actors)


def beliefs_panel(app: WargameApp, w: WhiteCellView) -> Table:
    """Each seat's assessment of each subject beside the truth."""
    s = app.session.scenario
    seats = [a for a in w.assessments if w.assessments[a]]
    table = Table(title="Beliefs against truth", expand=True, title_justify="left")
    table.add_column("Subject")
    table.add_column("Truth", justify="right")
    for seat in seats:
        table.add_column(seat, justify="right")
    for subject, truth in w.truths.items():
        cells = []
        for seat in seats:
            est = w.assessments[seat].get(subject)
            if est is None:
                cells.append("—")
            else:
                ratio = est.ratio_to(truth)
                flag = " !" if ratio > 1.5 or ratio < 0.67 else ""
                cells.append(f"{est.value:.0f} ({ratio:.1f}×){flag}")
        table.add_row(subject_label(s, subject), f"{truth:.0f}", *cells)
    return table


class WhiteCellScreen(GameScreen):
    """The facilitators' screen."""

    BINDINGS = [
        Binding("p", "publish", "Publish"),
        Binding("x", "hold", "Hold"),
        Binding("k", "skip", "Skip"),
        Binding("u", "app.undo_hold", "Undo hold/skip"),
        Binding("i", "adhoc", "Ad hoc inject"),
        Binding("v", "override", "Override"),
        Binding("a", "app.hot_wash", "Hot wash"),
        Binding("b", "briefing", "Pack"),
        Binding("1", "tab('truth')", "Truth", show=False),
        Binding("2", "tab('beliefs')", "Beliefs", show=False),
        Binding("3", "tab('mel')", "Events list", show=False),
        Binding("4", "tab('all')", "All events", show=False),
    ]
    DEFAULT_CSS = """
    WhiteCellScreen #clockbar { height: 1; background: $warning; color: $text; text-style: bold;
        padding: 0 1; }
    WhiteCellScreen TabbedContent { height: 1fr; }
    WhiteCellScreen TabPane { padding: 0; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static(id="clockbar")
        with TabbedContent(initial="mel"):
            with TabPane("1 Truth", id="truth"), VerticalScroll():
                yield Static(id="truthpanel")
            with TabPane("2 Beliefs vs truth", id="beliefs"), VerticalScroll():
                yield Static(id="beliefpanel")
            with TabPane("3 Master event list", id="mel"):
                yield DataTable(id="injects", cursor_type="row", zebra_stripes=True)
            with TabPane("4 All events", id="all"):
                yield Log(id="alllog", max_lines=10000)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#injects", DataTable).add_columns("Due", "Id", "To", "Status", "Text")
        self.refresh_view()
        self.query_one("#injects", DataTable).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "mel":
            self.query_one("#injects", DataTable).focus()

    def on_screen_resume(self) -> None:
        """Back from a form: the arrow keys move the master event list again."""
        if self.focused is None and self.query_one(TabbedContent).active == "mel":
            self.query_one("#injects", DataTable).focus()

    def refresh_view(self) -> None:
        game = self.game
        w = game.session.white_cell()
        start = game.session.scenario.scenario.start
        with self.app.batch_update():
            self.query_one("#clockbar", Static).update(plain(game.clock_text("white") + " — GROUND TRUTH"))
            self.query_one("#truthpanel", Static).update(truth_panel(game, w))
            self.query_one("#beliefpanel", Static).update(beliefs_panel(game, w))
            table = self.query_one("#injects", DataTable)
            chosen = self._selected()  # the highlight stays on its inject, whatever the list does
            row = table.cursor_row
            table.clear()
            for i in w.injects:
                table.add_row(
                    short_when(start, i.at), i.id, ",".join(i.to), i.status, plain(i.text), key=i.id
                )
            ids = [i.id for i in w.injects]
            if ids:
                table.move_cursor(row=ids.index(chosen) if chosen in ids else min(row, len(ids) - 1))
            new = w.events[self.shown :]
            self.shown = len(w.events)
            if new:
                self.query_one("#alllog", Log).write_lines(
                    "  ".join(filter(None, (log_line(game.session.scenario, e), format_truth(e))))
                    for e in new
                )

    def _selected(self) -> str | None:
        table = self.query_one("#injects", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _act(self, kind: str, verb: str) -> None:
        if self.query_one(TabbedContent).active != "mel":  # never act on an inject out of sight
            self.action_tab("mel")
            self.notify("Highlight the inject on the master event list (↑↓), then press the key again.")
            return
        inject = self._selected()
        if inject is None:
            self.notify("The scenario has no injects.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                f"{verb} inject {inject!r}",
                [Field("reason", "Reason (for the record)")],
                lambda v: self.game.direct(kind, inject, v["reason"]),
            )
        )

    def action_briefing(self) -> None:
        self.game.show_briefing("white")

    def action_publish(self) -> None:
        self._act("publish_inject", "Publish now")

    def action_hold(self) -> None:
        self._act("hold_inject", "Hold")

    def action_skip(self) -> None:
        self._act("skip_inject", "Skip")

    def action_adhoc(self) -> None:
        seats = ("all", *self.game.session.scenario.actor_ids)
        self.app.push_screen(
            FormScreen(
                "Write an ad hoc inject",
                [
                    Field("to", "Audience", seats, "all", required=True),
                    Field(
                        "text",
                        "Text the audience reads",
                        required=True,
                        placeholder="e.g. Shots reported at the border",
                    ),
                    Field("reason", "Reason (for the record)"),
                ],
                lambda v: self.game.direct("adhoc_inject", v["to"], v["reason"], v["text"]),
            )
        )

    def action_override(self) -> None:
        s = self.game.session
        paths = tuple(
            f"front.{f.id}.{x}" for f in s.scenario.fronts for x in ("attacker", "defender", "cohesion")
        )
        paths += tuple(f"actor.{a}.divisions" for a in s.scenario.actor_ids)
        self.app.push_screen(
            FormScreen(
                "Adjudication override",
                [
                    Field("path", "What to set", paths, required=True),
                    Field("value", "New value", required=True, placeholder="a number (cohesion 0 to 1)"),
                    Field(
                        "reason",
                        "Reason",
                        required=True,
                        placeholder="why the white cell overrides the model",
                    ),
                ],
                lambda v: self.game.direct("override", v["path"], v["reason"], v["value"]),
            )
        )


def disposition(temper: float) -> str:
    """A government's hidden disposition in this game, in words (its resolve as a guarantor, its
    appetite for risk as an aggressor): the white cell sees it, no seat sees another's."""
    word = (
        "bold"
        if temper >= 1
        else "firm"
        if temper >= 0.3
        else "wary"
        if temper <= -1
        else "hesitant"
        if temper <= -0.3
        else "steady"
    )
    return f"{temper:+.1f} {word}"
