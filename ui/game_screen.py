"""The base of the screens that read the game (a seat's, the white cell's, the hot wash, the
lobby): each reaches the app that owns the session through :attr:`GameScreen.game`."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from ui.app import WargameApp


class GameScreen(Screen[None]):
    """A screen of :class:`ui.app.WargameApp`."""

    @property
    def game(self) -> WargameApp:
        """The seminar app (Textual types ``self.app`` as any app; these screens are only ever
        pushed by the seminar app)."""
        return cast("WargameApp", self.app)
