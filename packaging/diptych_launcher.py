"""Entry script of the frozen bundle: the same command line as ``diptych`` / ``diptych-app``."""

import multiprocessing
import sys

from diptych.cli import main

if __name__ == "__main__":
    # The window links in a process forked from a link server (multiprocessing's forkserver). In
    # the bundle, that server and its helpers are this executable started again with their own
    # arguments; freeze_support() runs them instead of Diptych.
    multiprocessing.freeze_support()
    sys.exit(main())
