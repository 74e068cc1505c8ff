"""The NCES CIP 2020 <-> SOC 2018 crosswalk: which occupations a program of study leads to.

``advisor data import cip-soc FILE`` reads the CSV as NCES publishes it (header
``CIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title``; codes may be written as Excel text formulas
``="01.0000"``) into ``onet.db``; :func:`soc_for_cip` and :func:`cip_for_soc` answer from there.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..db.onet import OnetStore, default_path
from ..errors import InputError

COLUMNS = {"cip": "CIP2020Code", "cip_title": "CIP2020Title", "soc": "SOC2018Code", "soc_title": "SOC2018Title"}
_SOC = re.compile(r"^\d{2}-\d{4}$")


def _text(value: str) -> str:
    """A cell without the Excel text-formula wrapper: '="01.0000"' -> '01.0000'."""
    text = (value or "").strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text.strip()


def cip_code(value: str) -> str:
    """'51.3902' from '51.3902', '513902', '="51.3902"' or '1.0000'; '' when it is not a CIP code."""
    text = _text(value)
    m = re.fullmatch(r"(\d{1,2})\.?(\d{4})", text)
    if not m:
        m2 = re.fullmatch(r"(\d{1,2})\.(\d{1,4})", text)
        if not m2:
            return ""
        return f"{int(m2.group(1)):02d}.{m2.group(2).ljust(4, '0')}"
    return f"{int(m.group(1)):02d}.{m.group(2)}"


def soc_code(value: str) -> str:
    text = _text(value)
    return text if _SOC.match(text) else ""


def read_crosswalk(path: Path) -> list[dict]:
    """The rows of the crosswalk file; :class:`InputError` in one line when it is not that file."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise InputError(f"{path} does not exist" if not path.exists() else f"{path} is not a file",
                         hint="give the CIP2020_SOC2018_Crosswalk.csv file from the NCES CIP site")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text", hint="give the CSV file of the crosswalk, not the Excel one") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in COLUMNS.values() if c not in header]
        if missing:
            raise InputError(f"{path.name} is not the CIP-SOC crosswalk: no column {', '.join(missing)}",
                             hint="give the CIP2020_SOC2018_Crosswalk.csv file from the NCES CIP site")
        rows, bad = [], 0
        for raw in reader:
            raw = {(k or "").strip(): (v or "") for k, v in raw.items()}
            cip, soc = cip_code(raw[COLUMNS["cip"]]), soc_code(raw[COLUMNS["soc"]])
            if not cip or not soc:
                bad += 1
                continue
            rows.append({"cip": cip, "cip_title": _text(raw[COLUMNS["cip_title"]]).rstrip("."), "soc": soc,
                         "soc_title": _text(raw[COLUMNS["soc_title"]])})
    except csv.Error as exc:
        raise InputError(f"{path.name} cannot be read as CSV: {exc}") from None
    if not rows:
        raise InputError(f"{path.name} holds no CIP-SOC pairs", hint="give the CIP2020_SOC2018_Crosswalk.csv file from the NCES CIP site")
    return rows


def import_crosswalk(path: Path, db_path: Path | None = None) -> int:
    rows = read_crosswalk(path)
    with OnetStore(db_path or default_path()) as store:
        return store.replace_crosswalk(rows)


def _ask(fn: str, code: str, db_path: Path | None) -> list[str]:
    target = db_path or default_path()
    if not target.exists():
        return []
    with OnetStore(target) as store:
        return getattr(store, fn)(code)


def soc_for_cip(cip: str, db_path: Path | None = None) -> list[str]:
    """The 2018 SOC codes a CIP 2020 program leads to (none when the crosswalk is not imported)."""
    code = cip_code(cip)
    return _ask("soc_for_cip", code, db_path) if code else []


def cip_for_soc(soc: str, db_path: Path | None = None) -> list[str]:
    """The CIP 2020 programs that lead to a 2018 SOC code (none when the crosswalk is not imported)."""
    code = soc_code(soc[:7] if soc else "")
    return _ask("cip_for_soc", code, db_path) if code else []
