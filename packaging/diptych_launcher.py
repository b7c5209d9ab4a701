"""Entry script of the frozen bundle: the same command line as ``diptych`` / ``diptych-app``."""

import sys

from diptych.cli import main

if __name__ == "__main__":
    sys.exit(main())
