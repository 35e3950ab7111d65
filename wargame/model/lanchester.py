"""The Lanchester square law, one day at a time, and the advance it buys.

With ``A`` attacking and ``D`` defending divisions, a daily coefficient ``k`` and a fortification
multiplier ``f`` on the defender's fire (aimed fire, Lanchester 1916)::

    A' = A - k f D n_A        D' = D - k A n_D

``n_A`` and ``n_D`` are noise factors (1 for the deterministic law). Without noise and for small
``k``, ``A^2 - f D^2`` is nearly conserved: the square law's signature (fortification makes each
defending division worth ``sqrt(f)`` attacking ones). The attacker advances in
proportion to its ratio over the fortified defenders, ``km_per_day`` at 3:1, at most double.
"""

from __future__ import annotations


def lanchester_day(
    attacker: float,
    defender: float,
    k: float,
    fortification: float,
    noise_a: float = 1.0,
    noise_d: float = 1.0,
    weight: float = 1.0,
) -> tuple[float, float]:
    """(attackers, defenders) after one day of fighting; never below zero. ``weight`` is how much
    of the attackers' fire tells (1 for a force fighting as one; less when it is committed
    piecemeal): it scales the defender's losses, never the attacker's."""
    a = max(0.0, attacker - k * fortification * defender * noise_a)
    d = max(0.0, defender - k * weight * attacker * noise_d)
    return a, d


def advance_km(attacker: float, defender: float, fortification: float, km_per_day: float) -> float:
    """Kilometres the attacker gains in a day."""
    ratio = attacker / max(defender * fortification, 1e-9)
    return km_per_day * min(2.0, max(0.0, ratio / 3.0))
