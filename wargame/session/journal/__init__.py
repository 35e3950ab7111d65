"""The journal file: a game's record, written as it happens, checked on reading, proved by replay.

A journal is JSON Lines: a header (scenario, its content hash, seed, seats, overrides), then one
line per event. Each event line carries an integrity chain, so an edited file is caught at the
line; a journal written with the facilitator's key is also sealed, so a forger who recomputes
the chain is caught too; and because the same scenario, seed and decisions give the same journal
byte for byte, a replay proves the record.

* :mod:`.header` — the header line, :class:`~.header.Header`, written and checked in one place;
* :mod:`.chain` — the integrity chain (unkeyed: it catches accidents);
* :mod:`.seal` — the keyed seal beside the file (it catches forgery), and the key;
* :mod:`.write` — the lines of a game's file, flushed as the game goes;
* :mod:`.read` — reading and checking a file;
* :mod:`.replay` — rebuilding the game of a file, and resuming an unfinished one;
* :mod:`.verify` — replaying and comparing line by line.

It sits at the session layer because replay needs sessions. The in-game record of events, which
the engine writes and the processes read, is :mod:`wargame.engine.journal`.
"""
