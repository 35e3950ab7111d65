"""Grammar for any count and any list of names: the one place texts join names or count things.

Every text the engine, the sessions and the reviews print goes through these, so that a scenario
with one guarantor, or with the same state named twice, still reads as English: "1 guarantee",
"2 guarantees", "Daxia" (never "Daxia and Daxia"), "Arland, Borea and Cassia" (no Oxford comma).
"""

from __future__ import annotations

from collections.abc import Iterable

#: Plurals that do not take a plain "s" (the nouns the game counts).
IRREGULAR: dict[str, str] = {
    "army": "armies",
    "casualty": "casualties",
    "ally": "allies",
    "party": "parties",
    "penetration": "penetrations",
    "inject": "injects",
    "day": "days",
}


def plural(noun: str) -> str:
    """The plural of ``noun``: ``guarantee`` -> ``guarantees``, ``army`` -> ``armies``,
    ``process`` -> ``processes``, ``day`` -> ``days``."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "s"


def noun_for(n: float, noun: str, many: str | None = None) -> str:
    """``noun`` for a count of ``n``: the singular for exactly 1 (or -1), else ``many`` (by
    default :func:`plural`): 0 guarantees, 1 guarantee, 1.5 divisions."""
    return noun if abs(n) == 1 else (many if many is not None else plural(noun))


def count(n: float, noun: str, many: str | None = None) -> str:
    """A count with its noun: ``1 guarantee``, ``2 guarantees``, ``0 reports``, ``2.5 days``
    (whole numbers print without decimals, others with their needful ones)."""
    number = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{number} {noun_for(n, noun, many)}"


def unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def and_list(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` (no Oxford comma); repeats are dropped (``a and a`` is
    ``a``) and so are empty strings; "" for none."""
    out = [i for i in unique(items) if i]
    return ", ".join(out[:-1]) + " and " + out[-1] if len(out) > 1 else "".join(out)


#: Intelligence disciplines written as acronyms; the other channel kinds are plain words.
ACRONYMS = {"humint": "HUMINT", "sigint": "SIGINT", "osint": "OSINT", "imint": "IMINT"}


def channel_name(kind: str) -> str:
    """A channel kind in a sentence: "HUMINT", "OSINT", but "diplomatic", "imagery"."""
    return ACRONYMS.get(kind, kind)


def verb_for(names: Iterable[str], one: str, many: str) -> str:
    """The verb agreeing with a list of names: ``one`` for a single name (after dropping
    repeats), else ``many``: "France holds", "France and Britain hold"."""
    return one if len([i for i in unique(names) if i]) == 1 else many
