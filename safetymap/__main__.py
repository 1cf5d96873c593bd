"""``python -m safetymap``: the command-line interface."""

import sys

from safetymap.cli import main

sys.exit(main())
