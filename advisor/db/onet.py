"""The imported O*NET database and the CIP-SOC crosswalk, in ``onet.db`` in the user's folder.

An O*NET import writes a whole new file (:meth:`OnetStore.fill` on a temporary path) that then
replaces the old one, so an interrupted import leaves the previous one usable; the crosswalk rows
are carried over into the new file. The crosswalk import replaces its own table in place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from sqlite_utils import Migrations

from .. import config
from .sqlite import SQLiteStore

migrations = Migrations("advisor.onet")

TABLES = ("occupations", "job_zones", "ete", "ete_categories", "tasks", "technology", "titles", "related")


@migrations()
def m001_onet(db) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["occupations"].create({"code": str, "soc": str, "title": str, "description": str, "job_zone": int}, pk="code", if_not_exists=True)
    db["occupations"].create_index(["soc"], if_not_exists=True)
    db["job_zones"].create({"zone": int, "name": str, "experience": str, "education": str, "training": str, "examples": str}, pk="zone", if_not_exists=True)
    db["ete"].create({"code": str, "scale": str, "category": int, "value": float}, if_not_exists=True)
    db["ete"].create_index(["code"], if_not_exists=True)
    db["ete_categories"].create({"scale": str, "category": int, "description": str}, pk=("scale", "category"), if_not_exists=True)
    db["tasks"].create({"code": str, "task_id": str, "task": str, "type": str, "rank": int}, if_not_exists=True)
    db["tasks"].create_index(["code"], if_not_exists=True)
    db["technology"].create({"code": str, "example": str, "commodity": str, "hot": int, "in_demand": int}, if_not_exists=True)
    db["technology"].create_index(["code"], if_not_exists=True)
    db["titles"].create({"id": int, "code": str, "title": str, "norm": str, "kind": str, "weight": int, "embed": int}, pk="id", if_not_exists=True)
    db["titles"].create_index(["norm"], if_not_exists=True)
    db["titles"].create_index(["code"], if_not_exists=True)
    db["related"].create({"code": str, "related": str, "tier": str, "rank": int}, if_not_exists=True)
    db["related"].create_index(["code"], if_not_exists=True)
    db["cip_soc"].create({"cip": str, "cip_title": str, "soc": str, "soc_title": str}, if_not_exists=True)
    db["cip_soc"].create_index(["cip"], if_not_exists=True)
    db["cip_soc"].create_index(["soc"], if_not_exists=True)
    db.execute("create virtual table if not exists titles_fts using fts5(norm, content='titles', content_rowid='id', tokenize='trigram')")


_NON_WORD = re.compile(r"[^a-z0-9+#]+")


def normalize(text: str) -> str:
    """Lower case, punctuation as spaces, one space between words: the form titles are compared in."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def default_path() -> Path:
    return config.home_dir() / "onet.db"


class OnetStore(SQLiteStore):
    """O*NET occupations, their titles, tasks, technology, Job Zones, education and related
    occupations; and the CIP-SOC crosswalk."""

    NOUN = "O*NET occupations"
    TITLE = "O*NET data problem"
    KEPT = "the data imported before is unchanged"
    MOVE_ASIDE = "move the file aside (rename it) and import O*NET again with 'advisor data import onet DIR'"
    MIGRATIONS = migrations

    @staticmethod
    def default_location() -> Path:
        return default_path()

    # -- writing

    def fill(self, tables: dict[str, list[dict]], meta: dict[str, str]) -> None:
        """Replace every O*NET table with ``tables`` (rows as dicts) and the import's ``meta``, in one write."""

        def write() -> None:
            for name in TABLES:
                self.conn.execute(f"DELETE FROM [{name}]")
            for name in TABLES:
                rows = tables.get(name, [])
                if rows:
                    self.db[name].insert_all(rows, batch_size=2000)
            self.conn.execute("INSERT INTO titles_fts(titles_fts) VALUES ('rebuild')")
            self.conn.execute("DELETE FROM meta")
            self.db["meta"].insert_all([{"key": k, "value": str(v)} for k, v in meta.items()])

        self._write(write, "save the O*NET import")

    def replace_crosswalk(self, rows: Iterable[dict]) -> int:
        records = [{k: r[k] for k in ("cip", "cip_title", "soc", "soc_title")} for r in rows]

        def write() -> None:
            self.conn.execute("DELETE FROM cip_soc")
            if records:
                self.db["cip_soc"].insert_all(records, batch_size=2000)

        self._write(write, "save the CIP-SOC crosswalk")
        return len(records)

    def crosswalk_rows(self) -> list[dict]:
        return self._retry(lambda: list(self.db["cip_soc"].rows))

    # -- reading

    def meta(self) -> dict[str, str]:
        return self._retry(lambda: {r["key"]: r["value"] for r in self.db["meta"].rows})

    def imported(self) -> bool:
        return self._retry(lambda: self.conn.execute("SELECT 1 FROM occupations LIMIT 1").fetchone() is not None)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        def read() -> list[dict]:
            cur = self.conn.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

        return self._retry(read)

    def occupation(self, code: str) -> dict | None:
        rows = self._rows("SELECT * FROM occupations WHERE code = ?", [code])
        return rows[0] if rows else None

    def occupations_for_soc(self, soc: str) -> list[dict]:
        """The O*NET occupations under a 2018 SOC code (11-1011 -> 11-1011.00, 11-1011.03), the .00 one first."""
        return self._rows("SELECT * FROM occupations WHERE soc = ? ORDER BY code", [soc])

    def occupations(self) -> list[dict]:
        return self._rows("SELECT code, soc, title, job_zone FROM occupations ORDER BY code")

    def titles(self) -> list[dict]:
        return self._rows("SELECT id, code, title, norm, kind, embed FROM titles ORDER BY id")

    def titles_exact(self, norm: str) -> list[dict]:
        return self._rows("SELECT code, title, kind, weight FROM titles WHERE norm = ?", [norm])

    def titles_like(self, norm: str, limit: int = 200) -> list[dict]:
        """Titles sharing the most three-letter pieces with ``norm`` (FTS5 trigram index), for fuzzy matching."""
        grams = sorted({norm[i : i + 3] for i in range(len(norm) - 2)} - {"   "})
        grams = [g for g in grams if '"' not in g]
        if not grams:
            return []
        query = " OR ".join(f'"{g}"' for g in grams)
        return self._rows(
            "SELECT t.code, t.title, t.norm, t.kind FROM titles_fts f JOIN titles t ON t.id = f.rowid "
            "WHERE titles_fts MATCH ? ORDER BY bm25(titles_fts) LIMIT ?",
            [query, limit],
        )

    def job_zone(self, zone: int | None) -> dict | None:
        if zone is None:
            return None
        rows = self._rows("SELECT * FROM job_zones WHERE zone = ?", [zone])
        return rows[0] if rows else None

    def ete(self, code: str) -> list[dict]:
        """Education (RL), related experience (RW) and training (PT, OJ) distributions of one occupation."""
        return self._rows(
            "SELECT e.scale, e.category, e.value, c.description FROM ete e "
            "LEFT JOIN ete_categories c ON c.scale = e.scale AND c.category = e.category "
            "WHERE e.code = ? ORDER BY e.scale, e.category",
            [code],
        )

    def education_shares(self) -> list[dict]:
        """Every occupation's Required Level of Education distribution (category, percent)."""
        return self._rows("SELECT code, category, value FROM ete WHERE scale = 'RL' ORDER BY code, category")

    def task_texts(self) -> list[dict]:
        """Every task statement (code, task) in the order the import embedded them."""
        return self._rows("SELECT code, task FROM tasks ORDER BY rank")

    def tasks(self, code: str, limit: int | None = None) -> list[dict]:
        sql = "SELECT task_id, task, type FROM tasks WHERE code = ? ORDER BY rank"
        return self._rows(sql + (f" LIMIT {int(limit)}" if limit else ""), [code])

    def technology(self, code: str) -> list[dict]:
        return self._rows("SELECT example, commodity, hot, in_demand FROM technology WHERE code = ? ORDER BY hot DESC, in_demand DESC, example", [code])

    def related(self, code: str) -> list[dict]:
        return self._rows(
            "SELECT r.related AS code, o.title, r.tier, r.rank, o.job_zone FROM related r "
            "LEFT JOIN occupations o ON o.code = r.related WHERE r.code = ? ORDER BY r.rank",
            [code],
        )

    def soc_for_cip(self, cip: str) -> list[str]:
        rows = self._rows("SELECT DISTINCT soc FROM cip_soc WHERE cip = ? AND soc != '99-9999' ORDER BY soc", [cip])
        return [r["soc"] for r in rows]

    def cip_for_soc(self, soc: str) -> list[str]:
        rows = self._rows("SELECT DISTINCT cip FROM cip_soc WHERE soc = ? AND cip != '99.9999' ORDER BY cip", [soc])
        return [r["cip"] for r in rows]

    def count(self, table: str) -> int:
        if table not in (*TABLES, "cip_soc"):
            raise ValueError(table)
        return self._retry(lambda: self.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
