"""The messages of the app, and the typed :class:`Status` every status line shows.

Workers post the first group from their threads (``post_message`` is thread-safe); screens post
the second group instead of calling the app, and :class:`~advisor.tui.base_app.BaseApp` handles them
with ``@on``. Every message carries what it is about, so an answer for words or inputs that have
changed since can be dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(eq=False)
class Matched(Message):
    """``profile`` of ``text`` with ``corrections`` applied, and every job that fits it."""

    text: str
    profile: object
    fits: list
    corrections: object = None
    occupation_fits: list = field(default_factory=list)


@dataclass(eq=False)
class Planned(Message):
    key: tuple
    plan: object


@dataclass(eq=False)
class AreaChecked(Message):
    text: str
    area: object = None
    error: InputError | None = None


@dataclass(eq=False)
class Exported(Message):
    fmt: str
    path: Path
    store_error: StoreError | None = None


@dataclass(eq=False)
class Saved(Message):
    generation: int
    session_id: int | None


@dataclass(eq=False)
class Deleted(Message):
    session_id: int


# --------------------------------------------------------------------------- from the screens


@dataclass(eq=False)
class TextChanged(Message):
    """The jobseeker's words changed (step 1)."""

    text: str


@dataclass(eq=False)
class FieldChanged(Message):
    """A saved field other than the words changed: ``name`` or ``notes``."""

    name: str
    value: str


@dataclass(eq=False)
class Correction(Message):
    """``confirm``, ``reject``, ``add`` or ``clear`` one competency (step 2)."""

    comp_id: str
    action: str


@dataclass(eq=False)
class TargetChosen(Message):
    """An industry model id or a ladder occupation id was chosen (step 3)."""

    spec: str


class PlanWanted(Message):
    """The plan screen is showing: make the plan if it is not made yet (step 4)."""


@dataclass(eq=False)
class AreaChanged(Message):
    """The area for wages was edited; ``now`` when submitted (no debounce)."""

    text: str
    now: bool = False


@dataclass(eq=False)
class FolderChanged(Message):
    folder: str


@dataclass(eq=False)
class ContactChanged(Message):
    """A plan contact setting edited on the Plan screen: ``advisor_name``, ``center_name``,
    ``center_contact`` or ``follow_up_days`` (saved, then printed on the next plan)."""

    key: str
    value: str


@dataclass(eq=False)
class ExportRequested(Message):
    fmt: str


@dataclass(eq=False)
class OpenSession(Message):
    session_id: int


@dataclass(eq=False)
class DeleteSession(Message):
    session_id: int
