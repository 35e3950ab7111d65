"""The three doctrines of the article, one module each, deciding from the seat's view alone.

* :mod:`.realist` — interest and power; passes the buck to a stronger engaged ally.
* :mod:`.liberal` — institutions: the council's word, shared assessments, the treaty's letter.
* :mod:`.constructivist` — identity: its word and record bind it; an ally at war pulls it in.

:mod:`.beliefs` reads what they weigh from a :class:`~wargame.session.views.SeatView`;
:mod:`.common` holds the resolve, the answer's shape and the aggressor's calculus.
``docs/model.md`` (Controllers) tables each rule and its stated reason.
"""

from wargame.session.doctrines.common import Answer, Controller, deterrence, resolve_of
from wargame.session.doctrines.constructivist import constructivist
from wargame.session.doctrines.liberal import liberal
from wargame.session.doctrines.realist import realist

__all__ = ["Answer", "Controller", "constructivist", "deterrence", "liberal", "realist", "resolve_of"]
