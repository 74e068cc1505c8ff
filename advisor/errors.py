"""Errors with a title, raised in the core and shown at the edge (CLI line or TUI modal)."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base error: a short title, a message that says what went wrong, and how to fix it."""

    title = "Advisor error"
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, title: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class InputError(AdvisorError):
    """The user's input cannot be used as given (empty, too long, unknown id)."""

    title = "Input problem"
    exit_code = 2


class DataError(AdvisorError):
    """A shipped or user data file is broken."""

    title = "Data file problem"
    exit_code = 3


class IndexError_(AdvisorError):
    """The embedding index is missing, stale or cannot be built."""

    title = "Index problem"
    exit_code = 4


class StoreError(AdvisorError):
    """The session database cannot be used (damaged, newer version, locked, disk full)."""

    title = "Saved sessions problem"
    exit_code = 5


class WriteError(AdvisorError):
    """A file could not be written (a plan, the settings, a new model): nothing was half-written."""

    title = "Not written"
    exit_code = 6


class ExportError(WriteError):
    """A plan could not be written where the user asked."""

    title = "Export problem"
