"""The public picture with its hot wash: what a projector shows, from start to end.

:func:`wargame.session.public.public_view` builds the public picture; the hot wash it shows at the
end is the analysis layer's (:mod:`.hotwash`), so this fills it in::

    view = public_picture(session, running=True, speed="12 hours/s")

Once the game is over the view carries the hot wash the room reads on the seminar's own screen
(:class:`ui.hotwash.HotWashScreen`), one paragraph a line (:func:`hot_wash_paragraphs`) so that
each screen wraps it to its own width. The hot wash replays the game (a few tenths of a second),
so it is made once per finished game and kept.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from wargame.analysis.aar.hotwash import HotWash, hot_wash, hot_wash_text
from wargame.session.public import RECENT, PublicView, public_view
from wargame.session.session import Session

UNWRAPPED = 1_000_000  # a width no paragraph reaches: one paragraph a line
PARAGRAPHS = 18  # the hot wash is fitted to this many paragraphs (about a 24-line screen's worth)

_WASHES: weakref.WeakKeyDictionary[Session, tuple[str, ...]] = weakref.WeakKeyDictionary()
_FINISHED: weakref.WeakKeyDictionary[Session, HotWash] = weakref.WeakKeyDictionary()


def kept_hot_wash(session: Session) -> HotWash:
    """:func:`~wargame.analysis.aar.hotwash.hot_wash` of ``session``, made once the game is over
    and kept: a served game's screens all read it, each in its own shape (the replay it costs is
    the slowest thing a server does, 0.3 to 1 s)."""
    kept = _FINISHED.get(session)
    if kept is None:
        kept = hot_wash(session)
        if session.finished:
            _FINISHED[session] = kept
    return kept


def hot_wash_paragraphs(session: Session) -> tuple[str, ...]:
    """The hot wash of ``session`` as it stands, one paragraph a line, with the indents and
    bullets of :func:`~wargame.analysis.aar.hotwash.hot_wash_text` (``"  "`` before a belief,
    ``"- "`` before an operation that deceived). Kept once the game is over."""
    kept = _WASHES.get(session)
    if kept is not None:
        return kept
    text = hot_wash_text(kept_hot_wash(session), width=UNWRAPPED, height=PARAGRAPHS)
    paragraphs = tuple(text.splitlines())
    if session.finished:
        _WASHES[session] = paragraphs
    return paragraphs


def public_picture(
    session: Session,
    *,
    running: bool | None = None,
    speed: str | None = None,
    boxes: Mapping[str, int] | None = None,
    recent: int = RECENT,
) -> PublicView:
    """:func:`~wargame.session.public.public_view` of ``session`` now, with the hot wash once the
    game is over (the first call after the end replays the game: 0.3 to 1 s)."""
    wash = hot_wash_paragraphs(session) if session.finished else ()
    return public_view(session, running=running, speed=speed, boxes=boxes, hot_wash=wash, recent=recent)
