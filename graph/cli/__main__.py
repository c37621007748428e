"""``python -m cikg.cli``."""

import sys

from . import main

sys.exit(main())
