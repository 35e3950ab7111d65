"""The after-action review's plots, as PNG bytes (matplotlib, headless Agg backend).

* **front** — each front over time: the attacker's and defender's divisions and the defender's
  cohesion (the share of its fighting power left; the front breaks at the scenario's threshold);
* **estimates** — each seat's assessment of the aggressor's forces on each front (with its
  interval) against the truth: where the two lines part, the seat was deceived or blind;
* **credibility** — each guarantor's credibility as each seat perceived it, against the
  credibility from everything that happened (dashed).

matplotlib is imported only here, and only when a plot is drawn.
"""

from __future__ import annotations

from wargame.analysis.aar.capture import TRUTH
from wargame.analysis.aar.types import AfterAction
from wargame.analysis.pngplot import png, pyplot
from wargame.model.clock import DAY

PLOTS = ("front", "estimates", "credibility")


def _days(aar: AfterAction) -> list[float]:
    return [s.t / DAY for s in aar.samples]


def plot_front(aar: AfterAction) -> bytes:
    plt = pyplot()
    fronts = sorted({f for s in aar.samples for f in s.fronts})
    fig, axes = plt.subplots(len(fronts), 1, figsize=(8, 2.6 * len(fronts)), squeeze=False, sharex=True)
    days = _days(aar)
    for ax, front in zip(axes[:, 0], fronts, strict=True):
        ax.plot(days, [s.fronts[front].attacker for s in aar.samples], label="attacker divisions")
        ax.plot(days, [s.fronts[front].defender for s in aar.samples], label="defender divisions")
        ax.set_title(f"front: {aar.fronts.get(front, front)}")
        ax.set_ylabel("divisions")
        twin = ax.twinx()
        twin.plot(
            days, [s.fronts[front].cohesion for s in aar.samples], color="grey", ls=":", label="cohesion"
        )
        twin.set_ylim(0, 1.05)
        twin.set_ylabel("defender cohesion")
        ax.legend(loc="upper left", fontsize="small")
    axes[-1, 0].set_xlabel("days from the start")
    return png(fig)


def estimate_subjects(aar: AfterAction) -> list[str]:
    """The subjects plotted: the aggressor's forces on each front (what the guarantors had to judge)."""
    return sorted(s for s in aar.labels if s.startswith("forces."))


def plot_estimates(aar: AfterAction) -> bytes:
    plt = pyplot()
    subjects = estimate_subjects(aar) or sorted(s for s in aar.labels if s != "attack_date")[:1]
    fig, axes = plt.subplots(len(subjects), 1, figsize=(8, 3 * len(subjects)), squeeze=False, sharex=True)
    days = _days(aar)
    for ax, subject in zip(axes[:, 0], subjects, strict=True):
        ax.plot(days, [s.truths.get(subject) for s in aar.samples], color="black", lw=2, label="truth")
        for seat in sorted(aar.seats):
            held = [s.assessments.get(seat, {}).get(subject) for s in aar.samples]
            if not any(held):
                continue
            xs = [d for d, h in zip(days, held, strict=True) if h]
            line = ax.plot(xs, [h[0] for h in held if h], label=aar.names.get(seat, seat))[0]
            ax.fill_between(
                xs, [h[1] for h in held if h], [h[2] for h in held if h], color=line.get_color(), alpha=0.15
            )
        ax.set_title(aar.labels.get(subject, subject))
        ax.set_ylabel("divisions")
        ax.legend(loc="upper left", fontsize="small")
    axes[-1, 0].set_xlabel("days from the start")
    return png(fig)


def plot_credibility(aar: AfterAction) -> bytes:
    plt = pyplot()
    guarantors = sorted({g for s in aar.samples for per in s.credibility.values() for g in per})
    fig, axes = plt.subplots(len(guarantors), 1, figsize=(8, 2.8 * max(1, len(guarantors))), squeeze=False)
    days = _days(aar)
    for ax, g in zip(axes[:, 0], guarantors, strict=True):
        for observer in [*sorted(aar.seats), TRUTH]:
            values = [s.credibility.get(observer, {}).get(g) for s in aar.samples]
            if not any(v is not None for v in values):
                continue
            style = {"color": "black", "ls": "--", "lw": 2} if observer == TRUTH else {}
            name = (
                "from everything" if observer == TRUTH else f"as {aar.names.get(observer, observer)} sees it"
            )
            ax.plot(days, values, label=name, **style)
        ax.set_ylim(0, 1)
        ax.set_title(f"credibility of {aar.names.get(g, g)}")
        ax.legend(loc="upper left", fontsize="small")
    axes[-1, 0].set_xlabel("days from the start")
    return png(fig)


def plots(aar: AfterAction) -> dict[str, bytes]:
    """Every plot of the review: name -> PNG bytes."""
    return {"front": plot_front(aar), "estimates": plot_estimates(aar), "credibility": plot_credibility(aar)}
