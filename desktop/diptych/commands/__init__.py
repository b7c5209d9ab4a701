"""Subcommands of the ``diptych`` command line, one module each (see ``diptych.cli``)."""
