"""Imported once by the link server (see :mod:`diptych.linkserver.server`): loads the linker's modules and
the language model, so that every linking job forked from the server starts warm."""

from diptych.core.segment import segment
from diptych.linkserver import server as link_server  # noqa: F401 - the jobs' entry point, imported once here

segment("The language model is loaded once, here. Every linking job that follows finds it ready.")
