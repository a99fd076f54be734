"""``python -m briefing``: the same as the ``briefing`` command."""

import sys

from briefing.commands.cli import main

sys.exit(main())
