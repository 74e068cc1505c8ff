"""Reading an O*NET database release in its tab-delimited text form.

Both forms seen in the wild are read: the official "text files" download (numbers padded to fixed
decimals, ``n/a`` where a value does not apply) and text converted from the Excel download (extra
``Title`` columns, trailing zeros dropped, empty cells). Columns are found by their header name,
never by position, and only the columns listed here are read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

#: file -> the columns this reader needs from it
FILES: dict[str, tuple[str, ...]] = {
    "Occupation Data.txt": ("O*NET-SOC Code", "Title", "Description"),
    "Alternate Titles.txt": ("O*NET-SOC Code", "Alternate Title", "Short Title"),
    "Sample of Reported Titles.txt": ("O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"),
    "Job Zones.txt": ("O*NET-SOC Code", "Job Zone"),
    "Job Zone Reference.txt": ("Job Zone", "Name", "Experience", "Education", "Job Training", "Examples"),
    "Education, Training, and Experience.txt": ("O*NET-SOC Code", "Element ID", "Scale ID", "Category", "Data Value"),
    "Education, Training, and Experience Categories.txt": ("Element ID", "Scale ID", "Category", "Category Description"),
    "Task Statements.txt": ("O*NET-SOC Code", "Task ID", "Task", "Task Type"),
    "Technology Skills.txt": ("O*NET-SOC Code", "Example", "Commodity Title", "Hot Technology", "In Demand"),
    "Related Occupations.txt": ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
}
#: the file whose presence marks a folder as an O*NET release
MARKER = "Occupation Data.txt"
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_EMPTY = {"", "n/a", "na", "N/A"}


@dataclass
class Release:
    """The rows of one release, as lists of dicts keyed by column name."""

    folder: Path
    version: str
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.tables.get(name, [])


def cell(value: str | None) -> str:
    """A cell's text, '' for the markers the two editions use for 'does not apply'."""
    text = (value or "").strip()
    return "" if text in _EMPTY else text


def number(value: str | None) -> float | None:
    text = cell(value)
    try:
        return float(text) if text else None
    except ValueError:
        return None


def version_of(folder: Path) -> str:
    """'29.3' from a folder named like the download (db_29_3_text), else ''."""
    m = re.search(r"db_(\d+)_(\d+)", folder.name)
    return f"{m.group(1)}.{m.group(2)}" if m else ""


def check_folder(folder: Path) -> None:
    """Refuse, in one line, a folder that is not an O*NET text release."""
    if not folder.exists():
        raise InputError(f"{folder} does not exist", hint="give the folder unpacked from the O*NET 'text files' download, e.g. db_29_3_text")
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder", hint="unpack the O*NET 'text files' zip and give the folder it makes")
    if not (folder / MARKER).is_file():
        raise InputError(
            f"{folder} is not an O*NET text release (it has no '{MARKER}')",
            hint="download the 'O*NET Database, text files' zip from onetcenter.org, unpack it, and give that folder",
        )
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise InputError(f"{folder} is missing O*NET file(s): {', '.join(missing)}", hint="unpack the whole 'text files' zip again")


def read_table(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of one tab-delimited file, only ``columns``, each checked to be in its header."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = [h.strip() for h in next(reader, [])]
            where = {name: i for i, name in enumerate(header)}
            absent = [c for c in columns if c not in where]
            if absent:
                raise InputError(
                    f"{path.name} is not in the O*NET format: no column {', '.join(repr(c) for c in absent)}",
                    hint="give the folder of an unchanged O*NET 'text files' release",
                )
            picks = [(c, where[c]) for c in columns]
            out = []
            for raw in reader:
                if not raw or not any(v.strip() for v in raw):
                    continue
                out.append({c: (raw[i].strip() if i < len(raw) else "") for c, i in picks})
            return out
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text", hint="give the folder of an unchanged O*NET 'text files' release") from None
    except csv.Error as exc:
        raise InputError(f"{path.name} cannot be read as tab-delimited text: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None


def read_release(folder: Path, progress=None) -> Release:
    """Every file this app uses, checked; ``progress(label, done, total)`` after each file."""
    folder = Path(folder).expanduser()
    check_folder(folder)
    release = Release(folder=folder, version=version_of(folder))
    for n, (name, columns) in enumerate(FILES.items(), start=1):
        release.tables[name] = read_table(folder / name, columns)
        if progress:
            progress("reading O*NET files", n, len(FILES))
    occupations = release.rows(MARKER)
    bad = [r["O*NET-SOC Code"] for r in occupations if not CODE.match(r["O*NET-SOC Code"])]
    if not occupations or len(bad) > len(occupations) // 10:
        raise InputError(f"{folder / MARKER} holds no O*NET-SOC codes like 11-1011.00", hint="give the folder of an unchanged O*NET 'text files' release")
    return release
