"""What the room sees when the app fails: the error, where the journal is and how to resume.

Textual's own crash report prints a traceback *with each frame's local variables* — in this app
the session, the world and the ground truth, on the screen a seat is looking at. Here the report
names the error and the last places it passed through (file, line, function), never a value of a
variable; the journal, flushed after every act, is where the game is kept.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App

FRAMES = 4  # the innermost frames named in the report


def crash_text(error: BaseException, journal: Path | None) -> Text:
    """The crash report: error, innermost frames (no locals, no source), journal and resume."""
    frames = traceback.extract_tb(error.__traceback__)[-FRAMES:]
    out = Text()
    out.append("The game stopped on an error in the program (not in your decisions).\n\n", style="bold red")
    out.append(f"{type(error).__name__}: {error}\n", style="bold")
    for f in frames:
        out.append(f"  at {f.filename}:{f.lineno} in {f.name}\n")
    out.append("\n")
    if journal is not None:
        out.append(f"Every decision so far is in the journal {journal}.\nResume the game with:\n")
        out.append(f"  wargame play --resume {journal}\n", style="bold")
    else:
        out.append("No journal was being written; the game cannot be resumed.\n")
    return out


class CrashReport(App[Any]):
    """An app whose crash report is :func:`crash_text` (mixed into the seminar app)."""

    journal: Path | None

    def _fatal_error(self) -> None:
        error = sys.exc_info()[1] or self._exception
        self.bell()
        if error is not None:
            self._exit_renderables.append(crash_text(error, getattr(self, "journal", None)))
        self._close_messages_no_wait()
