"""What one counseling case holds on screen: plain data, no Textual.

The TUI keeps exactly one :class:`Case` and the CLI builds one from its options. Screens read it and post messages to change it; the
autosaver writes its :meth:`Case.fields` to the session store in advisor mode; the kiosk wipes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .guidance.gaps import Corrections, Profile, reprofile

#: the fields saved in a session, in the store's names
SAVED_FIELDS = ("name", "text", "confirmed", "rejected", "added", "target", "area", "notes")


@dataclass
class Case:
    name: str = ""
    text: str = ""
    confirmed: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    target: str = ""
    area: str = "US"
    notes: str = ""
    session_id: int | None = None
    #: the profile of ``matched_text`` (possibly older than ``text`` while a match runs)
    profile: Profile | None = None
    #: every ladder occupation ranked by how much of it ``profile`` covers (computed once per profile)
    fits: list = field(default_factory=list)
    #: with O*NET imported, the jobs that fit now among every occupation (once per match: they
    #: follow the words and facts, not the corrections)
    occupation_fits: list = field(default_factory=list)
    matched_text: str | None = None
    plan: object | None = None  # advisor.guidance.plan.Plan, built for ``plan_key``
    plan_key: tuple | None = None
    #: every industry's technical matches shown, not only those the words point to (one key)
    widened: bool = False
    #: every "ask about" item on the Strengths screen, not only the first few (one key)
    all_asks: bool = False

    # -- corrections

    def corrections(self) -> Corrections:
        return Corrections.of(self.confirmed, self.rejected, self.added)

    def correct(self, comp_id: str, action: str) -> None:
        """``confirm``, ``reject``, ``add`` or ``clear`` one competency, or ``widen`` the
        profile to every model (and back); the profile follows without a new match."""
        if action == "widen":
            self.widened = not self.widened
            self.reprofile()
            return
        for bucket in (self.confirmed, self.rejected, self.added):
            bucket.discard(comp_id)
        if action == "confirm":
            self.confirmed.add(comp_id)
        elif action == "reject":
            self.rejected.add(comp_id)
        elif action == "add":
            self.added.add(comp_id)
        elif action != "clear":
            raise ValueError(f"unknown correction {action!r}")
        self.reprofile()

    def reprofile(self) -> None:
        """Re-apply the corrections to the last match result (no new matching needed)."""
        if self.profile is not None:
            self.profile = reprofile(self.profile, self.corrections(), self.widened)
        self.plan = self.plan_key = None

    # -- saving

    def fields(self) -> dict:
        """The session store's fields (sorted id lists so saved rows are stable)."""
        return {
            "name": self.name,
            "text": self.text,
            "confirmed": sorted(self.confirmed),
            "rejected": sorted(self.rejected),
            "added": sorted(self.added),
            "target": self.target,
            "area": self.area or "US",
            "notes": self.notes,
        }

    def has_content(self) -> bool:
        return bool(self.name.strip() or self.text.strip() or self.notes.strip() or self.confirmed or self.rejected or self.added or self.target)

    @classmethod
    def from_session(cls, session) -> "Case":
        return cls(
            name=session.name,
            text=session.text,
            confirmed=set(session.confirmed),
            rejected=set(session.rejected),
            added=set(session.added),
            target=session.target,
            area=session.area or "US",
            notes=session.notes,
            session_id=session.id,
        )

    def plan_inputs(self) -> tuple:
        """Everything a plan's content depends on (notes are added when it is exported)."""
        return (self.text, self.target, self.area, self.name, tuple(sorted(self.confirmed)), tuple(sorted(self.rejected)),
                tuple(sorted(self.added)), self.widened)
