"""One typed settings object and every path the app uses.

Paths come from platformdirs; ``ADVISOR_HOME`` moves all user state (models, index, sessions,
kiosk exports) under one folder, which is what the tests and kiosks use. ``ADVISOR_DATA`` points
at another shipped-data folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from typing import ClassVar
from pathlib import Path

from .errors import DataError, InputError

PACKAGE_DIR = Path(__file__).resolve().parent

#: Longest jobseeker text accepted, in characters (about ten pages of a résumé).
MAX_TEXT_CHARS = 20_000
#: Where the advisor app saves plans unless another folder is chosen.
DEFAULT_PLANS_FOLDER = "~/Documents/advisor-plans"


def data_dir() -> Path:
    """The shipped data folder (competency models, ladders, training, wages), inside the package.

    It is found through :mod:`importlib.resources`, so an installed wheel reads the copy inside it;
    ``ADVISOR_DATA`` points at another folder (tests of broken data use it)."""
    env = os.environ.get("ADVISOR_DATA")
    if env:
        return Path(env).expanduser()
    from importlib.resources import files

    return Path(str(files("advisor") / "data"))


def home_dir() -> Path:
    """Where user state lives: ``ADVISOR_HOME`` or the platform's user data folder."""
    env = os.environ.get("ADVISOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("advisor", appauthor=False))


def user_models_dir() -> Path:
    return home_dir() / "models"


def index_dir() -> Path:
    return home_dir() / "index"


def sessions_db_path() -> Path:
    return home_dir() / "sessions.db"


def settings_path() -> Path:
    return home_dir() / "settings.json"


#: every theme the app knows: Textual's own and the high-contrast one (ctrl+t)
THEMES = (
    "textual-dark", "textual-light", "advisor-high-contrast", "nord", "gruvbox", "catppuccin-mocha",
    "catppuccin-latte", "catppuccin-frappe", "catppuccin-macchiato", "dracula", "tokyo-night", "monokai",
    "flexoki", "solarized-light", "solarized-dark", "rose-pine", "rose-pine-moon", "rose-pine-dawn",
    "atom-one-dark", "atom-one-light", "ansi-dark", "ansi-light",
)
#: the whole numbers a setting accepts: (least, most, unit)
RANGES = {
    "kiosk_idle_seconds": (30, 3600, "seconds"),
    "kiosk_countdown_seconds": (5, 300, "seconds"),
    "kiosk_plan_keep_minutes": (1, 10_080, "minutes"),
    "follow_up_days": (0, 365, "days"),
}
#: what each setting means (``advisor config --help``)
MEANINGS = {
    "area": "wage area when --area is not given: US, a state code (OH), a metro name or an OEWS code",
    "kiosk_folder": "folder the kiosk saves plans in (empty: kiosk-plans in the user data folder)",
    "kiosk_idle_seconds": "seconds without a key or click before the kiosk asks 'Still there?' (30 to 3600)",
    "kiosk_countdown_seconds": "seconds the kiosk counts down before it clears the screen (5 to 300)",
    "kiosk_plan_keep_minutes": "minutes a kiosk plan file is kept before it is removed (1 to 10080, a week)",
    "theme": "the app's colours: textual-dark, textual-light, advisor-high-contrast, or another Textual theme",
    "advisor_name": "the advisor's name, printed on plans as the person to contact",
    "center_name": "the American Job Center's name, printed on plans",
    "center_contact": "how to reach the advisor or center (phone, email, address), printed on plans",
    "follow_up_days": "days from the plan's date to the follow-up date printed on it (0: no date; 0 to 365)",
    "plans_folder": "folder the advisor app saves plans in",
}


def check_setting(name: str, value: object) -> object:
    """``value`` if it is a valid value of setting ``name``; else an :class:`InputError` (exit 2)
    that says what is accepted."""
    if name in RANGES:
        low, high, unit = RANGES[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InputError(f"'{name}' must be a whole number of {unit} from {low} to {high:,}",
                             hint=f"e.g. advisor config {name} {Settings.__dataclass_fields__[name].default}")
        return value
    if not isinstance(value, str):
        raise InputError(f"'{name}' must be a text")
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 or 0xD800 <= ord(ch) < 0xE000 for ch in value):
        raise InputError(f"'{name}' holds a control character or a broken character", hint="type it again as plain text")
    if name == "area" and not value.strip():
        raise InputError("'area' must be a non-empty text such as 'US' or 'OH'")
    if name == "theme" and value not in THEMES:
        raise InputError(f"unknown theme '{value}'", hint=f"themes: {', '.join(THEMES)}")
    return value


@dataclass
class Settings:
    """User settings, saved as JSON in the home folder. A file's unknown keys and bad values are
    left out with a note in ``notes`` (the default is used), so a settings file never stops the app."""

    area: str = "US"
    kiosk_folder: str = ""
    kiosk_idle_seconds: int = 180
    kiosk_countdown_seconds: int = 30
    kiosk_plan_keep_minutes: int = 60  # kiosk plan files older than this are removed
    theme: str = "textual-dark"
    advisor_name: str = ""
    center_name: str = ""
    center_contact: str = ""
    follow_up_days: int = 14
    plans_folder: str = DEFAULT_PLANS_FOLDER  # where the advisor's plans are saved
    #: what loading left out (unknown keys, bad values), one line each; not a setting
    notes: ClassVar[tuple[str, ...]] = ()

    def validate(self) -> None:
        for f in fields(self):
            check_setting(f.name, getattr(self, f.name))

    def kiosk_dir(self) -> Path:
        return Path(self.kiosk_folder).expanduser() if self.kiosk_folder else home_dir() / "kiosk-plans"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings. A file that is not a JSON object is a :class:`DataError`; an unknown
    key or a bad value is left out (the default is used) and said in ``Settings.notes``."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: settings file cannot be read: {exc}", hint="fix or delete the file") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{path}: settings must be a JSON object", hint="fix or delete the file")
    known = {f.name for f in fields(Settings)}
    good, notes = {}, []
    for key, value in raw.items():
        if key not in known:
            notes.append(f"{path}: unknown setting '{key}' ignored (settings: {', '.join(sorted(known))})")
            continue
        try:
            good[key] = check_setting(key, value)
        except InputError as err:
            notes.append(f"{path}: {err.message}; the default is used")
    settings = Settings(**good)
    settings.notes = tuple(notes)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Check every value (:class:`InputError`), then replace the file in one step (a read-only
    folder or a full disk: :class:`WriteError`, the old file untouched)."""
    from .safe_write import write_file

    settings.validate()
    path = path or settings_path()
    return write_file(path, json.dumps(asdict(settings), indent=2) + "\n", force=True)
