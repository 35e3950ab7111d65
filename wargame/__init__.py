"""wargame: a discrete-event crisis wargame engine.

An aggressor prepares and launches an invasion of a state that holds security guarantees
from allies. Intelligence services report what they see; allies consult, mobilise and decide
whether to honour the guarantee. Every session is a deterministic, verifiable journal.

Layers (each imports only the ones below it): ``wargame.cli`` -> ``wargame.session`` ->
``wargame.engine`` -> ``wargame.model``. The engine never imports Textual.
"""

__version__ = "0.1.0"
