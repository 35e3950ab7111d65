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

FRAMES = 4  # the innermost frames of the game's own code named in the report


def crash_text(error: BaseException, journal: Path | None, resume: str = "") -> Text:
    """The crash report: error, innermost frames (no locals, no source), journal and resume."""
    every = traceback.extract_tb(error.__traceback__)
    ours = [f for f in every if "site-packages" not in f.filename]  # the game's, not Textual's
    frames = (ours or every)[-FRAMES:]
    out = Text()
    out.append("The game stopped on an error in the program (not in your decisions).\n\n", style="bold red")
    out.append(f"{type(error).__name__}: {error}\n", style="bold")
    for f in frames:
        out.append(f"  at {f.filename}:{f.lineno} in {f.name}\n")
    out.append("\n")
    if journal is not None:
        out.append(f"Every decision so far is in the journal {journal}.\nResume the game with:\n")
        out.append(f"  {resume or f'wargame play --resume {journal}'}\n", style="bold")
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
            journal = getattr(self, "journal", None)
            resume = getattr(self, "resume_command", "")
            self._exit_renderables.append(crash_text(error, journal, resume))
        self._close_messages_no_wait()
