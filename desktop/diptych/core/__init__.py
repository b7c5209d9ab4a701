"""Qt-free core of Diptych: documents, claims, linking, verdicts, projects.

Nothing in this package imports Qt; an import-linter contract enforces it.
"""
