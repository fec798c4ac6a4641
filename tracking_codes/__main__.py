"""``python -m tracking_codes`` runs the command line."""

import sys

from tracking_codes.cli import main

sys.exit(main())
