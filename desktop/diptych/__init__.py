"""Diptych: side-by-side review of an article against its reference."""

__version__ = "0.1.0"
