"""The messages of the app, and the typed :class:`Status` every status line shows.

Workers post the first group from their threads (``post_message`` is thread-safe); screens post
the second group instead of calling the app, and :class:`~advisor.tui.app.BaseApp` handles them
with ``@on``. Every message carries what it is about, so an answer for words or inputs that have
changed since can be dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual.message import Message

from ..errors import InputError, StoreError

Kind = Literal["idle", "busy", "ok", "error"]
GLYPHS: dict[str, str] = {"idle": "", "busy": "◌ ", "ok": "✔ ", "error": "✗ "}


@dataclass(frozen=True)
class Status:
    """What a part of the app is doing: ``kind`` says it (glyph, colour), ``text`` in words."""

    kind: Kind = "idle"
    text: str = ""

    def __str__(self) -> str:
        return f"{GLYPHS[self.kind]}{self.text}" if self.text else ""

    def __bool__(self) -> bool:
        return bool(self.text)

    @classmethod
    def of(cls, error: BaseException) -> "Status":
        """An error in one line: its title and message."""
        title = getattr(error, "title", None)
        message = getattr(error, "message", None) or str(error)
        return cls("error", f"{title}: {message}" if title else message)


IDLE = Status()


# --------------------------------------------------------------------------- from the workers


class MatcherReady(Message):
    """The language model and the index are loaded."""


class Matched(Message):
    """``profile`` of ``text`` with ``corrections`` applied, and every job that fits it."""

    def __init__(self, text: str, profile, fits: list, corrections=None) -> None:
        super().__init__()
        self.text, self.profile, self.fits, self.corrections = text, profile, fits, corrections


class Planned(Message):
    def __init__(self, key: tuple, plan) -> None:
        super().__init__()
        self.key, self.plan = key, plan


class AreaChecked(Message):
    def __init__(self, text: str, area=None, error: InputError | None = None) -> None:
        super().__init__()
        self.text, self.area, self.error = text, area, error


class Exported(Message):
    def __init__(self, fmt: str, path: Path, store_error: StoreError | None = None) -> None:
        super().__init__()
        self.fmt, self.path, self.store_error = fmt, path, store_error


class Saved(Message):
    def __init__(self, generation: int, session_id: int | None) -> None:
        super().__init__()
        self.generation, self.session_id = generation, session_id


class Deleted(Message):
    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id


# --------------------------------------------------------------------------- from the screens


class TextChanged(Message):
    """The jobseeker's words changed (step 1)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class FieldChanged(Message):
    """A saved field other than the words changed: ``name`` or ``notes``."""

    def __init__(self, name: str, value: str) -> None:
        super().__init__()
        self.name, self.value = name, value


class Correction(Message):
    """``confirm``, ``reject``, ``add`` or ``clear`` one competency (step 2)."""

    def __init__(self, comp_id: str, action: str) -> None:
        super().__init__()
        self.comp_id, self.action = comp_id, action


class TargetChosen(Message):
    """An industry model id or a ladder occupation id was chosen (step 3)."""

    def __init__(self, spec: str) -> None:
        super().__init__()
        self.spec = spec


class PlanWanted(Message):
    """The plan screen is showing: make the plan if it is not made yet (step 4)."""


class AreaChanged(Message):
    """The area for wages was edited; ``now`` when submitted (no debounce)."""

    def __init__(self, text: str, now: bool = False) -> None:
        super().__init__()
        self.text, self.now = text, now


class FolderChanged(Message):
    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder


class ExportRequested(Message):
    def __init__(self, fmt: str) -> None:
        super().__init__()
        self.fmt = fmt


class OpenSession(Message):
    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id


class DeleteSession(Message):
    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
