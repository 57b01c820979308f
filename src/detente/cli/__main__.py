"""`python -m detente.cli`: the same command line as `detente`."""

import sys

from detente.cli import app

sys.exit(app())
