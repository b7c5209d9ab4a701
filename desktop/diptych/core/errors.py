"""The one base class of errors that reach the user as a single line."""


class DiptychError(Exception):
    """A failure caused by input the user gave; ``str()`` is one line they can act on."""
