"""Keys in the order they were typed, each reaching the screen that is up when its turn comes.

Textual hands a key to whatever has focus the moment the key is read. A key that opens a form
(d, p, o...) is acted on a little later, by the screen it was typed on, and the form builds and
sets its focus later still; keys typed in that gap went to the screen below (where ``n`` ran the
clock and ``a`` opened the hot wash) or to nowhere. Moving between fields has the same gap.

:class:`TypeAhead` (mixed into the app) queues the keys the terminal sends and hands them over
one at a time, waiting after each until the app has settled — every widget has handled what that
key set off, and what that set off in turn, until no message waits anywhere — as a typist at a
slower pace would have. A human's burst of keys lands where it would have landed typed slowly.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from textual import events
from textual.app import App

MAX_ROUNDS = 20
ROUND_TIMEOUT = 2.0  # seconds; a widget that never answers does not freeze the keyboard


class TypeAhead(App[Any]):
    """An app whose keys are handed over in order, each once the previous one has settled."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed: deque[events.Key] = deque()
        self._handing: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._typed.append(event)
            if self._handing is None or self._handing.done():
                self._handing = asyncio.create_task(self._hand_over_keys())
            return
        await super().on_event(event)

    async def _hand_over_keys(self) -> None:
        while self._typed and self.is_running:
            try:
                await super().on_event(self._typed.popleft())
            except Exception as error:  # a failing action stops the app as it would have
                self._handle_exception(error)
                return
            await self._settle()

    async def _settle(self) -> None:
        """Wait until what the last key set off has run: a round in which every widget handles
        what was queued for it, again and again until no queue holds anything (a key's message
        sets off others: enter in a field, then its Submitted message bubbling up to the
        screen, then the focus moving on)."""
        for _ in range(MAX_ROUNDS):
            if not await self._round() or self._quiet():
                return

    def _pumps(self) -> list[Any]:
        try:
            return [self, *self.screen.walk_children(with_self=True)]
        except Exception:  # no screen (the app is closing)
            return []

    def _quiet(self) -> bool:
        """No message waits in the app's queue or any queue of the screen's widgets."""
        return all(pump.message_queue_size == 0 for pump in self._pumps())

    async def _round(self) -> bool:
        """One round: every widget on the screen (and the app) handles what is queued for it."""
        pumps = self._pumps()
        if not pumps:
            return False
        waiting = 0
        finished = asyncio.Event()

        def one_done() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                finished.set()

        for pump in pumps:
            if pump.call_later(one_done):
                waiting += 1
        if not waiting:
            return True
        try:
            await asyncio.wait_for(finished.wait(), ROUND_TIMEOUT)
        except TimeoutError:
            return False
        return True
