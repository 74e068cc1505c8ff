"""``advisor data import onet DIR``: an O*NET text release into ``onet.db`` and the title vectors
into the embedding index (collection ``onet-titles``, searched through FAISS).

The new database is written to a temporary file beside the old one and moved over it only when it
is complete, so a run that is interrupted or fails leaves the previous import as it was. Vectors
are stored once per text (by hash), so a re-run embeds nothing that was embedded before.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..db.onet import OnetStore, default_path, normalize
from ..errors import StoreError
from ..index.vectors import Entry
from .release import Release, cell, number, read_release

TITLES = "onet-titles"
TASKS = "onet-tasks"
#: the Education, Training, and Experience scales kept: education, related experience, training
SCALES = ("RL", "RW", "PT", "OJ")
#: which kinds of title are embedded, best first (a primary title outranks an alternate one)
KINDS = ("title", "reported", "alternate", "short")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")

Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    path: Path
    version: str
    counts: dict[str, int] = field(default_factory=dict)
    texts: int = 0  # title (and task) texts in the index
    embedded: int = 0  # of them, embedded by this run
    seconds: float = 0.0


def _title_rows(release: Release) -> list[dict]:
    """Every way an occupation is named, once per (occupation, normalized title)."""
    seen: dict[tuple[str, str], dict] = {}
    out: list[dict] = []

    def add(code: str, title: str, kind: str, embed: bool = True) -> None:
        title = " ".join(title.split())
        norm = normalize(title)
        if not norm:
            return
        if (code, norm) in seen:  # named so again: counts toward this occupation when titles tie
            seen[(code, norm)]["weight"] += 1
            return
        row = {"id": len(out) + 1, "code": code, "title": title, "norm": norm, "kind": kind, "weight": 1, "embed": int(embed)}
        seen[(code, norm)] = row
        out.append(row)

    def variants(code: str, title: str, kind: str) -> None:
        inner = _PAREN.findall(title)
        # "Certified Nursing Assistant (CNA)": also the title without it (the one embedded) and the
        # short form (matched exactly, not embedded: a few letters carry little meaning)
        add(code, title, kind, embed=not inner)
        if inner:
            add(code, _PAREN.sub(" ", title).strip(), kind)
            for part in inner:
                if len(part) <= 12 and part.replace(" ", "").replace("/", "").isalnum():
                    add(code, part, "short", embed=False)

    for r in release.rows("Occupation Data.txt"):
        variants(r["O*NET-SOC Code"], r["Title"], "title")
    for r in release.rows("Sample of Reported Titles.txt"):
        variants(r["O*NET-SOC Code"], r["Reported Job Title"], "reported")
    for r in release.rows("Alternate Titles.txt"):
        variants(r["O*NET-SOC Code"], r["Alternate Title"], "alternate")
        if cell(r.get("Short Title")):
            add(r["O*NET-SOC Code"], r["Short Title"], "short", embed=False)
    return out


def tables_of(release: Release) -> dict[str, list[dict]]:
    """The release as the rows of each table of :class:`OnetStore`."""
    codes = {r["O*NET-SOC Code"] for r in release.rows("Occupation Data.txt")}
    zones = {}
    for r in release.rows("Job Zones.txt"):
        z = number(r["Job Zone"])
        if z is not None:
            zones[r["O*NET-SOC Code"]] = int(z)
    occupations = [
        {"code": r["O*NET-SOC Code"], "soc": r["O*NET-SOC Code"][:7], "title": r["Title"], "description": cell(r["Description"]),
         "job_zone": zones.get(r["O*NET-SOC Code"])}
        for r in release.rows("Occupation Data.txt")
    ]
    job_zones = [
        {"zone": int(number(r["Job Zone"])), "name": r["Name"], "experience": r["Experience"], "education": r["Education"],
         "training": r["Job Training"], "examples": r["Examples"]}
        for r in release.rows("Job Zone Reference.txt") if number(r["Job Zone"]) is not None
    ]
    ete = [
        {"code": r["O*NET-SOC Code"], "scale": r["Scale ID"], "category": int(number(r["Category"])), "value": number(r["Data Value"])}
        for r in release.rows("Education, Training, and Experience.txt")
        if r["Scale ID"] in SCALES and number(r["Category"]) is not None and number(r["Data Value"]) is not None
    ]
    categories = {}
    for r in release.rows("Education, Training, and Experience Categories.txt"):
        if r["Scale ID"] in SCALES and number(r["Category"]) is not None:
            categories[(r["Scale ID"], int(number(r["Category"])))] = r["Category Description"]
    tasks = []
    for n, r in enumerate(sorted(release.rows("Task Statements.txt"), key=lambda r: (r["O*NET-SOC Code"], cell(r["Task Type"]) != "Core"))):
        if cell(r["Task"]):
            tasks.append({"code": r["O*NET-SOC Code"], "task_id": r["Task ID"], "task": r["Task"], "type": cell(r["Task Type"]), "rank": n})
    technology = [
        {"code": r["O*NET-SOC Code"], "example": r["Example"], "commodity": cell(r["Commodity Title"]),
         "hot": int(cell(r["Hot Technology"]) == "Y"), "in_demand": int(cell(r["In Demand"]) == "Y")}
        for r in release.rows("Technology Skills.txt") if cell(r["Example"])
    ]
    related = [
        {"code": r["O*NET-SOC Code"], "related": r["Related O*NET-SOC Code"], "tier": cell(r["Relatedness Tier"]),
         "rank": int(number(r["Index"]) or 0)}
        for r in release.rows("Related Occupations.txt") if r["Related O*NET-SOC Code"] in codes
    ]
    return {
        "occupations": occupations, "job_zones": job_zones, "ete": ete,
        "ete_categories": [{"scale": s, "category": c, "description": d} for (s, c), d in sorted(categories.items())],
        "tasks": tasks, "technology": technology, "titles": _title_rows(release), "related": related,
    }


def title_entries(titles: list[dict]) -> list[Entry]:
    """The embedded texts of the titles (one per occupation and normalized title), in id order."""
    return [Entry(item=t["code"], kind=t["kind"], text=t["title"]) for t in titles if t.get("embed", 1)]


def task_entries(tasks: list[dict]) -> list[Entry]:
    return [Entry(item=t["code"], kind="task", text=t["task"]) for t in tasks]


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def import_onet(folder: Path, *, path: Path | None = None, engine=None, progress: Progress | None = None,
                with_tasks: bool = True) -> ImportReport:
    """Read the release in ``folder``, build a new database and the vectors, then put it in place."""
    t0 = time.perf_counter()
    release = read_release(Path(folder), progress)
    tables = tables_of(release)
    final = Path(path) if path else default_path()
    tmp = final.with_name(final.name + ".importing")
    _remove(tmp)
    carried: list[dict] = []
    if final.exists():
        try:
            with OnetStore(final) as old:
                carried = old.crosswalk_rows()
        except StoreError:
            carried = []  # a damaged old file: the new import replaces it, the crosswalk is imported again
    meta = {"release": release.version, "folder": str(release.folder), "imported": time.strftime("%Y-%m-%d %H:%M:%S"),
            "titles": len(tables["titles"]), "tasks_embedded": int(with_tasks)}
    try:
        with OnetStore(tmp) as store:
            if progress:
                progress("writing the O*NET database", 0, 1)
            store.fill(tables, meta)
            if carried:
                store.replace_crosswalk(carried)
            if progress:
                progress("writing the O*NET database", 1, 1)
        if engine is None:
            from ..index.engine import Engine

            engine = Engine()
        texts = embedded = 0
        wanted = [(TITLES, title_entries(tables["titles"]))]
        if with_tasks and tables["tasks"]:
            wanted.append((TASKS, task_entries(tables["tasks"])))
        for name, entries in wanted:
            fresh = engine.is_fresh(name, entries)
            coll = engine.ensure(name, entries, progress=progress)
            texts, embedded = texts + len(coll), embedded + (0 if fresh else coll.embedded)
        for stale in (final.with_name(final.name + "-wal"), final.with_name(final.name + "-shm")):
            stale.unlink(missing_ok=True)  # a journal of the old file must never be applied to the new one
        os.replace(tmp, final)
    except BaseException:
        _remove(tmp)
        raise
    _remove(tmp)
    counts = {name: len(rows) for name, rows in tables.items()}
    counts["cip_soc"] = len(carried)
    return ImportReport(final, release.version, counts, texts, embedded, time.perf_counter() - t0)
