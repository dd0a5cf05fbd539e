"""``python -m matcher`` is the same as the ``grant-matcher`` command."""

import sys

from .cli import main

sys.exit(main())
