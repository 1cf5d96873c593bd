"""``python -m safetymap``: the command-line interface."""

import sys

from safetymap.cli.commands import main

sys.exit(main())
