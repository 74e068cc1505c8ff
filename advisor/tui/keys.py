"""Every key the app answers to, in one table: the help screen (F1) shows it and a test checks it
against the bindings, so a new key cannot be left undocumented. Also the command palette's
entries both modes share (:func:`step_commands`)."""

from __future__ import annotations

from typing import Iterable

#: (section, key as shown, what it does, modes it works in)
BOTH, ADVISOR, KIOSK = ("advisor", "kiosk"), ("advisor",), ("kiosk",)

KEYS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Everywhere", "F1 or ?", "Show this list of keys", BOTH),
    ("Everywhere", "F2", "Step 1: the jobseeker's words", BOTH),
    ("Everywhere", "F3", "Step 2: strengths (the competency pyramid)", BOTH),
    ("Everywhere", "F4", "Step 3: pick a goal (industry or job)", BOTH),
    ("Everywhere", "F5", "Step 4: the gap plan", BOTH),
    ("Everywhere", "F6", "Saved sessions (list, search, reopen, delete)", ADVISOR),
    ("Everywhere", "ctrl+r", "Match the words now (matching also runs as you type)", BOTH),
    ("Everywhere", "ctrl+t", "High-contrast colours on/off", BOTH),
    ("Everywhere", "ctrl+p", "Command palette: search every action", BOTH),
    ("Everywhere", "ctrl+n", "New session (the current one stays saved)", ADVISOR),
    ("Everywhere", "ctrl+s", "Save the session now (it also saves as you type)", ADVISOR),
    ("Everywhere", "ctrl+q", "Quit (the session is saved first)", ADVISOR),
    ("Everywhere", "tab / shift+tab", "Move between fields and buttons", BOTH),
    ("Strengths", "↑ ↓", "Move through the pyramid", BOTH),
    ("Strengths", "c", "Confirm: the jobseeker does show this competency", BOTH),
    ("Strengths", "x", "Reject: a wrong match, leave it out", BOTH),
    ("Strengths", "a", "Add a competency from the full list (type to filter)", BOTH),
    ("Strengths", "u", "Undo the correction on this competency", BOTH),
    ("Strengths", "w", "Widen to every model's competencies, or back to the industries the words point to", BOTH),
    ("Strengths", "m", "Show every competency to ask about, or only the first few", BOTH),
    ("Goal", "type", "Filter the industries and jobs", BOTH),
    ("Goal", "enter", "Choose the highlighted goal", BOTH),
    ("Plan", "F7", "Export the plan as Markdown", ADVISOR),
    ("Plan", "F8", "Export the plan as HTML (a web page)", BOTH),
    ("Plan", "F9", "Export the plan as PDF (to print)", BOTH),
    ("Sessions", "type", "Search names, words and notes", ADVISOR),
    ("Sessions", "enter", "Reopen the highlighted session", ADVISOR),
    ("Sessions", "ctrl+d", "Delete the highlighted session for good (asks first)", ADVISOR),
    ("Sessions", "d or delete", "The same, in the list (tab or ↓ gets there; in the search box they type)", ADVISOR),
    ("Windows", "escape", "Close a window such as this one", BOTH),
    ("Windows", "y / n", "Answer a yes/no question", ADVISOR),
    ("Kiosk", "any key", "When asked \"Still there?\": keep going", KIOSK),
]


def keys_for(mode: str) -> list[tuple[str, str, str]]:
    return [(section, key, what) for section, key, what, modes in KEYS if mode in modes]


def step_commands(app) -> Iterable:
    """The command palette's entries for both modes: the steps, matching, contrast, keys, exports."""
    from textual.app import SystemCommand

    said = app.words.palette  # the kiosk's own words, not an advisor's
    yield SystemCommand("Step 1: words", said[1], lambda: app.action_goto(1))
    yield SystemCommand("Step 2: strengths", said[2], lambda: app.action_goto(2))
    yield SystemCommand("Step 3: goal", said[3], lambda: app.action_goto(3))
    yield SystemCommand("Step 4: plan", said[4], lambda: app.action_goto(4))
    yield SystemCommand("Match now", said["match"], app.action_match_now)
    yield SystemCommand("High contrast", "Turn high-contrast colours on or off (ctrl+t)", app.action_toggle_contrast)
    yield SystemCommand("Keys", "Show every key (F1)", app.action_help)
    yield SystemCommand("Save plan as PDF", "Export the plan to print (F9)", lambda: app.export_plan("pdf"))
    yield SystemCommand("Save plan as HTML", "Export the plan as a web page (F8)", lambda: app.export_plan("html"))


def screenshot_command(app):
    """The palette's Screenshot (advisor mode): an SVG of the screen, saved where plans go."""
    from textual.app import SystemCommand

    return SystemCommand("Screenshot", "Save a picture (SVG) of this screen in the plans folder",
                         lambda: app.set_timer(0.1, lambda: screenshot(app)))  # once the palette has closed


def screenshot(app) -> str | None:
    """Save an SVG of the screen into the plans folder (the user data folder when the plans
    folder does not exist yet) and say where; a folder that cannot be written is said, not raised."""
    from ..config import home_dir

    folder = app.export_folder()
    if not folder.is_dir():
        folder = home_dir() / "screenshots"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = app.save_screenshot(path=str(folder))
    except OSError as err:
        app.notify(f"The screenshot could not be saved in {folder}: {err.strerror or err}", title="Screenshot",
                   severity="error", markup=False)
        return None
    app.notify(f"Screenshot saved to {path}", title="Screenshot", markup=False, timeout=6)
    return path
