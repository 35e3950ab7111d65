"""The seats' order forms: a decision answering a prompt, an order given at will, a report
shared. Each fills a :class:`~ui.form.FormScreen`; the order goes through the session, which
writes it to the journal before the form closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.form import Field, FormScreen
from ui.text import short_when, time_left
from wargame.engine.decisions import DecisionError
from wargame.engine.events import ReportData
from wargame.engine.journal import Event

if TYPE_CHECKING:
    from ui.app import WargameApp

FREE_LABELS = {
    "convene_council": "Convene the council",
    "escort": "Escort the protected state's shipping through the blockade",
    "halt_offensive": "Halt your offensive",
    "launch_offensive": "Launch or widen an offensive",
    "mobilise": "Mobilise (partial, general) or cancel",
    "negotiate": "Open talks with the aggressor",
    "oversight_review": "Review your intelligence services (oversight)",
    "send_aid": "Send aid to the protected state",
    "share_assessment": "Share an assessment with your liaison partners",
    "share_report": "Share a report with your liaison partners",
    "statement": "Make a public statement of resolve",
    "support": "Send air or naval forces to the protected state's defence",
}


def submit(app: WargameApp, seat: str, prompt: str | None, kind: str, values: dict[str, str]) -> str | None:
    """Give the order (``app.order``: into the session here, over the wire when joined); an
    error message, or None once it is taken."""
    return app.order(seat, prompt, kind, values["choice"], values.get("reason", ""))


def order(app: WargameApp, seat: str, prompt: str | None, kind: str, choice: str, reason: str) -> str | None:
    """An order into the local session: written to the journal before the form closes."""
    try:
        app.session.submit(seat, prompt, choice, reason, kind=kind)
    except DecisionError as err:
        return str(err)
    app.after_act()
    app.notify("Order recorded in the journal.", timeout=3)
    app.refresh_screen()
    return None


def decide(app: WargameApp, seat: str) -> None:
    """Open the order form for the seat's oldest waiting decision."""
    pending = app.session.pending(seat)
    if not pending:
        app.notify("No decision is waiting for you. Free orders: o.")
        return
    p = pending[0]
    note = (
        f"Deadline: {short_when(app.setting(seat).scenario.start, p.deadline)} "
        f"(in {time_left(p.deadline - app.session.now)}); if you do not decide: {p.default}."
    )
    if len(pending) > 1:
        note += f" {len(pending) - 1} more after this one."
    form = FormScreen(
        f"{app.name_of(seat)} must decide: {p.question}",
        [
            Field("choice", "Your decision", p.options, p.default, required=True),
            Field("reason", "Your reason", placeholder="why — recorded in the journal and the hot wash"),
        ],
        lambda v: submit(app, seat, p.id, p.kind, v),
        note=note,
    )
    app.push_screen(form)
    app.time_form(form, p.id)  # the form counts the time box down


def free_orders(app: WargameApp, seat: str) -> None:
    """Choose an order the seat may give at any time, then fill it in."""
    open_now = [(k, opts) for k, opts, why in app.session.free_decisions(seat) if why is None]
    closed = [f"{FREE_LABELS.get(k, k)}: {why}" for k, _, why in app.session.free_decisions(seat) if why]
    if not open_now:
        app.notify("No order is open to you now.", severity="warning")
        return
    labels = {FREE_LABELS.get(k, k): (k, opts) for k, opts in open_now}

    def chosen(values: dict[str, str]) -> str | None:
        kind, options = labels[values["order"]]
        app.call_later(free_form, app, seat, kind, options)
        return None

    app.push_screen(
        FormScreen(
            f"{app.name_of(seat)}: give an order",
            [Field("order", "Order", tuple(labels), required=True)],
            chosen,
            note="Not open now: " + "; ".join(closed) if closed else "",
        )
    )


def free_form(app: WargameApp, seat: str, kind: str, options: tuple[str, ...]) -> None:
    app.push_screen(
        FormScreen(
            f"{app.name_of(seat)}: {FREE_LABELS.get(kind, kind)}",
            [
                Field("choice", "Choice", options, options[0] if len(options) == 1 else "", required=True),
                Field("reason", "Your reason", placeholder="why — recorded in the journal and the hot wash"),
            ],
            lambda v: submit(app, seat, None, kind, v),
        )
    )


def share(app: WargameApp, seat: str, report: Event) -> None:
    if not isinstance(report.data, ReportData):
        raise TypeError(f"only a report can be shared, not a {report.kind} event")
    origin = report.data.origin
    app.push_screen(
        FormScreen(
            f"Share this report with your liaison partners: {report.text}",
            [
                Field("choice", "Report", (origin,), origin, required=True),
                Field("reason", "Your reason", placeholder="why share it"),
            ],
            lambda v: submit(app, seat, None, "share_report", v),
        )
    )
