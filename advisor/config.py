"""One typed settings object and every path the app uses.

Paths come from platformdirs; ``ADVISOR_HOME`` moves all user state (models, index, sessions,
kiosk exports) under one folder, which is what the tests and kiosks use. ``ADVISOR_DATA`` points
at another shipped-data folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import DataError

PACKAGE_DIR = Path(__file__).resolve().parent

#: Longest jobseeker text accepted, in characters (about ten pages of a résumé).
MAX_TEXT_CHARS = 20_000
#: Where the advisor app saves plans unless another folder is chosen.
DEFAULT_PLANS_FOLDER = "~/Documents/advisor-plans"
#: Most phrases one text may be split into.
MAX_PHRASES = 400


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


@dataclass
class Settings:
    """User settings, saved as JSON in the home folder. Unknown keys are rejected."""

    area: str = "US"
    kiosk_folder: str = ""
    kiosk_idle_seconds: int = 180
    kiosk_countdown_seconds: int = 30
    kiosk_plan_keep_minutes: int = 60  # kiosk plan files older than this are removed
    theme: str = "textual-dark"
    advisor_name: str = ""
    plans_folder: str = DEFAULT_PLANS_FOLDER  # where the advisor's plans are saved

    def validate(self) -> None:
        if not isinstance(self.area, str) or not self.area.strip():
            raise DataError("settings: 'area' must be a non-empty text such as 'US' or 'OH'")
        for name in ("kiosk_folder", "theme", "advisor_name", "plans_folder"):
            if not isinstance(getattr(self, name), str):
                raise DataError(f"settings: '{name}' must be a text")
        for name in ("kiosk_idle_seconds", "kiosk_countdown_seconds"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 5:
                raise DataError(f"settings: '{name}' must be a whole number of seconds, at least 5")
        keep = self.kiosk_plan_keep_minutes
        if not isinstance(keep, int) or isinstance(keep, bool) or not 1 <= keep <= 10_080:
            raise DataError("settings: 'kiosk_plan_keep_minutes' must be a whole number of minutes, 1 to 10080 (a week)")

    def kiosk_dir(self) -> Path:
        return Path(self.kiosk_folder).expanduser() if self.kiosk_folder else home_dir() / "kiosk-plans"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: settings file cannot be read: {exc}", hint="fix or delete the file") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{path}: settings must be a JSON object")
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DataError(
            f"{path}: unknown setting(s) {', '.join(unknown)}",
            hint=f"known settings are {', '.join(sorted(known))}",
        )
    settings = Settings(**raw)
    settings.validate()
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    settings.validate()
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)
    return path
