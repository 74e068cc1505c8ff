"""The step bar at the top of every step screen: where you are, in words, and clickable."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

ADVISOR_STEPS = {1: "Words", 2: "Strengths", 3: "Goal", 4: "Plan"}
KIOSK_STEPS = {
    1: "Tell us what you've done",
    2: "Your strengths",
    3: "Pick a goal",
    4: "Your plan",
}


class StepBar(Static):
    """``1 Words › ▶2 Strengths◀ › 3 Goal › 4 Plan`` (advisor) or ``Step 2 of 4 · Your strengths`` (kiosk)."""

    DEFAULT_CSS = """
    StepBar { height: auto; padding: 0 1; background: $boost; }
    StepBar.kiosk { padding: 0 2; text-style: bold; }
    """

    def __init__(self, step: int, kiosk: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.step = step
        self.kiosk = kiosk
        if kiosk:
            self.add_class("kiosk")

    def on_mount(self) -> None:
        self.update(self.render_steps())

    def render_steps(self) -> Content:
        if self.kiosk:
            done = " ".join("●" if n <= self.step else "○" for n in KIOSK_STEPS)
            return Content.assemble((f"Step {self.step} of 4 · {KIOSK_STEPS[self.step]}", "bold"), "   ", done)
        parts: list = []
        for n, label in ADVISOR_STEPS.items():
            if parts:
                parts.append(" › ")
            key = f"F{n + 1}"
            if n == self.step:
                parts.append((f"▶ {n} {label} ◀", "bold reverse"))
            else:
                parts.append(Content.from_markup(f"[@click=app.goto({n})]{n} {label}[/] [dim]{key}[/]"))
        return Content.assemble(*parts)
