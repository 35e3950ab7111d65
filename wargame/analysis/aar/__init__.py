"""The after-action review (AAR): what was planned, what happened, what each seat believed and why.

Everything in it is derived from a game's journal and a replay of it, never typed in.

* :mod:`.types` — the review's values (beliefs, decisions, white-cell acts, findings);
* :mod:`.capture` — replaying a game and capturing each seat's beliefs on the way;
* :mod:`.findings` — issues, fixes and deception drawn out of the game;
* :mod:`.review` — the review itself (``after_action``, ``review``), from a session or a journal;
* :mod:`.hotwash` — the short spoken version, minutes after the game;
* :mod:`.markdown`, :mod:`.plots`, :mod:`.report_html` — the review as Markdown, PNG plots and
  one self-contained HTML page;
* :mod:`.report` — ``wargame report JOURNAL``.

The plain-words helpers it shares with the briefings are in :mod:`wargame.analysis.wording`.
"""
