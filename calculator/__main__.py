"""``python -m calculator …`` — see :mod:`calculator.cli`."""

import os
import sys

# The command line uses no pydantic plugins; not searching the installed packages for them saves part
# of every start (an explicit setting in the environment still wins).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .cli import main

sys.exit(main())
