"""``wargame report JOURNAL``: the after-action review of a recorded game, as Markdown or HTML.

* Markdown to standard output: the review without plots (a note says how to get them);
* Markdown with ``--out game.md``: the plots are written beside it (``game-front.png``,
  ``game-estimates.png``, ``game-credibility.png``) and linked from the text;
* HTML: one self-contained page with the plots embedded, to ``--out`` or standard output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.analysis.aar.markdown import to_markdown
from wargame.analysis.aar.review import AfterActionError, after_action_from_journal

if TYPE_CHECKING:
    from wargame.session.journal.seal import Key

FORMATS = ("md", "html")


class ReportError(ValueError):
    """A report that cannot be made: a bad journal, or a file that cannot be written."""


def report(
    journal: str,
    fmt: str = "md",
    out: str | None = None,
    key: Key | None = None,
    say: Callable[[str], None] | None = None,
) -> str | None:
    """Make the report; return its text for standard output, or None once written to ``out``.
    The journal's chain and seal (with ``key``) are checked first; ``say`` hears what was
    checked, which the report also states below its title."""
    from wargame.analysis.aar.plots import plots

    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; choose md or html")
    try:
        aar = after_action_from_journal(journal, key)
    except AfterActionError as err:
        raise ReportError(str(err)) from None
    if say is not None:
        say(aar.integrity)
    target = Path(out) if out else None
    if target is not None and not target.parent.is_dir():
        raise ReportError(f"cannot write {out!r}: the folder {str(target.parent)!r} does not exist")
    if fmt == "html":
        from wargame.analysis.aar.report_html import to_html

        images = plots(aar)
        page = to_html(
            to_markdown(aar, {k: k for k in images}), images, title=f"After-action review: {aar.title}"
        )
        return _write(target, page.encode("utf-8"), page)
    if target is None:
        note = "\n_Plots: run `wargame report JOURNAL --out REPORT.md` to write them beside the report._\n"
        return to_markdown(aar) + note
    links = {}
    for name, png in plots(aar).items():
        path = target.with_name(f"{target.stem}-{name}.png")
        _write(path, png, None)
        links[name] = path.name
    return _write(target, to_markdown(aar, links).encode("utf-8"), None)


def _write(target: Path | None, data: bytes, text: str | None) -> str | None:
    if target is None:
        return text
    try:
        target.write_bytes(data)
    except OSError as err:
        raise ReportError(f"cannot write {str(target)!r}: {err.strerror or err}") from None
    return None
