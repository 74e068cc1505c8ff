"""The step bar at the top of every step screen: where you are, in words, and clickable."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

ADVISOR_STEPS = {1: "Words", 2: "Strengths", 3: "Goal", 4: "Plan"}
GUIDED_STEPS = {
    1: "Tell us what you've done",
    2: "Your strengths",
    3: "Pick a goal",
    4: "Your plan",
}


class StepBar(Static):
    """``1 Words › ▶2 Strengths◀ › 3 Goal › 4 Plan`` (advisor), or on the guided path (kiosk)
    ``Step 2 of 4 · Your strengths``."""

    DEFAULT_CSS = """
    StepBar { height: auto; padding: 0 1; background: $boost; }
    StepBar.guided { padding: 0 2; text-style: bold; }
    """

    def __init__(self, step: int, guided: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.step = step
        self.guided = guided
        self.set_class(guided, "guided")

    def on_mount(self) -> None:
        self.update(self.render_steps())

    def render_steps(self) -> Content:
        if self.guided:
            done = " ".join("●" if n <= self.step else "○" for n in GUIDED_STEPS)
            return Content.assemble((f"Step {self.step} of 4 · {GUIDED_STEPS[self.step]}", "bold"), "   ", done)
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
