"""``python -m wargame`` runs the command line."""

import sys

from wargame.cli import main

sys.exit(main())
