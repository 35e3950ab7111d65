"""What the typed seminar app promises beyond its types: no game is read before the lobby makes
one, and a form puts the focus on its first field whatever kind of field that is."""

from __future__ import annotations

import pytest
from textual.app import App

from ui.app import WargameApp
from ui.form import Field, FormScreen

FLAGSHIP = "drole-de-guerre-1939"


def test_before_the_lobby_makes_a_game_there_is_none_to_read() -> None:
    app = WargameApp(lobby={"scenario": FLAGSHIP, "seed": 1})
    assert not app.has_game
    with pytest.raises(LookupError, match="lobby"):
        _ = app.session


class _Host(App[None]):
    """A bare app to open one form in."""


@pytest.mark.parametrize(
    "fields",
    [
        [Field("choice", "Choose", ("yes", "no"), "no"), Field("reason", "Why")],
        [Field("reason", "Why"), Field("choice", "Choose", ("yes", "no"), "no")],
        [Field("to", "To", ("all", "france")), Field("text", "Text"), Field("why", "Why")],
    ],
    ids=["choice-first", "text-first", "three-fields"],
)
async def test_a_form_opens_with_the_focus_on_its_first_field(fields: list[Field]) -> None:
    app = _Host()
    async with app.run_test() as pilot:
        await app.push_screen(FormScreen("A form", fields, lambda v: None))
        await pilot.pause()
        focused = app.screen.focused
        assert focused is not None and focused.id == f"field-{fields[0].name}"
