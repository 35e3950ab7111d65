"""Who a guarantee commits to what: promises per guarantor, and strategic ambiguity.

A guarantee names its ``guarantors``; each dated promise (``[[guarantees.promises]]``) binds the
guarantors in its ``by`` (empty: every guarantor), except those the guarantee names
``ambiguous``: guarantors that have said nothing. They are parties (asked to declare war when the
guarantee triggers) but hold no promise, not even one of an empty ``by``.

A guarantor is **committed** by a guarantee when a promise binds it, or, for a guarantee with no
dated promise at all, when it is not ambiguous (the treaty's own promise of assistance binds it).
The others are **uncommitted**: the ambiguous ones, and any guarantor that no promise names (which
``wargame check`` flags: say ``ambiguous`` if that is meant).
"""

from __future__ import annotations

from wargame.model.scenario import Guarantee, Promise


def binds(g: Guarantee, promise: Promise, guarantor: str) -> bool:
    """Whether ``promise`` of ``g`` binds ``guarantor``."""
    if guarantor not in g.guarantors or guarantor in g.ambiguous:
        return False
    return not promise.by or guarantor in promise.by


def promises_of(g: Guarantee, guarantor: str) -> tuple[Promise, ...]:
    """The promises of ``g`` that bind ``guarantor`` (none for an ambiguous guarantor)."""
    return tuple(p for p in g.promises if binds(g, p, guarantor))


def committed(g: Guarantee) -> tuple[str, ...]:
    """The guarantors ``g`` commits (see the module docstring), in the guarantee's order."""
    if not g.promises:
        return tuple(a for a in g.guarantors if a not in g.ambiguous)
    return tuple(a for a in g.guarantors if promises_of(g, a))


def uncommitted(g: Guarantee) -> tuple[str, ...]:
    """The guarantors of ``g`` it does not commit: its ambiguous ones, and any no promise binds."""
    bound = committed(g)
    return tuple(a for a in g.guarantors if a not in bound)
