"""The terminal app (Textual). ``make_app`` in :mod:`advisor.tui.app` builds it for the CLI and tests.

Importing this package loads nothing heavy; Textual is imported when an app is made.
"""
