"""The seminar UI: a Textual terminal app in which players sit at allied leaders' seats.

It talks to the engine only through :class:`wargame.session.session.Session`: each seat's screen
is built from that seat's view alone; the white cell's screen from the ground truth.
"""
