"""Local training programs imported from a state's ETPL export, in ``programs.db`` in the user's
folder. The store keeps rows; turning them into training resources is guidance's job
(:func:`advisor.guidance.training.local_resource`), so this package never imports guidance.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlite_utils import Migrations

from .. import config
from .sqlite import SQLiteStore, json_list

#: The text columns of one program, as read from the ETPL file.
COLUMNS = ("provider", "program", "credential", "length", "cost", "location", "description", "cip")

migrations = Migrations("advisor.programs")


@migrations()
def m001_programs(db) -> None:
    # if_not_exists: files made before migrations already have this table, and keep their rows.
    db["programs"].create(
        {"id": int, **{c: str for c in COLUMNS}, "cost_usd": float, "links": str, "imported": float, "source": str},
        pk="id",
        if_not_exists=True,
    )


@migrations()
def m002_cip(db) -> None:
    # the CIP 2020 code of each program, which links it to occupations (files of m001 lack it)
    if "cip" not in db["programs"].columns_dict:
        db["programs"].add_column("cip", str)


def default_path() -> Path:
    return config.home_dir() / "programs.db"


class ProgramStore(SQLiteStore):
    """The imported local programs: replaced as a whole on each import, read as plain rows."""

    NOUN = "local programs"
    TITLE = "Local programs problem"
    KEPT = "the programs imported before are unchanged"
    MOVE_ASIDE = "move the file aside (rename it) and import the programs again"
    MIGRATIONS = migrations

    @staticmethod
    def default_location() -> Path:
        return default_path()

    def replace_all(self, rows: list[dict], source: str) -> None:
        """Make ``rows`` (ETPL records with ``cost_usd`` and ``links``) the only programs, in one write."""
        stamp = time.time()
        records = [
            {**{c: r.get(c) for c in COLUMNS}, "cost_usd": r.get("cost_usd"),
             "links": json.dumps(list(r.get("links", [])), ensure_ascii=False), "imported": stamp, "source": source}
            for r in rows
        ]

        def write() -> None:
            self.conn.execute("DELETE FROM programs")
            self.db["programs"].insert_all(records)

        self._write(write, "save the imported programs")

    def programs(self) -> list[dict[str, Any]]:
        """Every program, in import order, with ``links`` (competency ids) as a list."""
        rows = self._retry(lambda: list(self.db["programs"].rows_where(order_by="id")))
        for row in rows:
            row["links"] = json_list(row["links"])
            if row["links"] is None:
                raise self._fail(f"imported program {row['id']} in {self.path} has damaged links", self.MOVE_ASIDE)
        return rows
