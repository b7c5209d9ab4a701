"""The link server: the Qt-free process the window forks its linking and comparing jobs from.

``server`` starts it and runs a pair's job (read, link, suggest) in a fresh child with
progress and cancel; ``warm`` is what the server imports once so each child starts warm;
``compare`` runs the comparison of two reviews the same way. Nothing here imports Qt or
:mod:`diptych.ui` (an import-linter contract keeps it so).
"""
