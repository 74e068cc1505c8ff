"""Who does the work a short phrase names: whether a clause of up to three words names a worker
("stocker", "CNA") rather than a skill ("payroll"), and whom a person cared for (an elder, a
child) for the caregiving they describe."""

from __future__ import annotations

import re

#: the last word of a short clause that names a person doing a job ("stocker", "aide", "CNA")
_WORKER = re.compile(
    r"(?:er|or|ist|ant|ent|ian|man|men|ess|ee|desk|aide|aid|clerk|cook|guard|nurse|chef|tech|rep|medic|hand|lead|staff|crew|"
    r"associate|officer|agent|attendant|porter|maid|nanny|teller|barista|butcher|janitor|custodian|mechanic|"
    r"machinist|caregiver|sitter|tutor|coach|assistant|analyst|dasher|shopper|host|hostess|vet|veteran)s?$",
    re.IGNORECASE,
)


#: things whose names end like a worker's ("RF scanner", "register"): equipment, not a job
_THINGS = frozenset(
    "scanner scanners computer computers printer printers trailer trailers container containers router routers counter "
    "counters register registers blender heater freezer cooler toaster monitor calculator elevator generator compressor "
    "projector refrigerator tractor excavator mixer dryer dryers washers poster flyer flyers folder folders binder "
    "spreadsheet paper papers letter letters order orders number numbers water power center centre".split())


def names_a_worker(core: str) -> bool:
    """Whether a clause of up to three words names a worker (or is a long one, or a short form
    in capitals such as "CNA"): a skill in a list names none."""
    words = core.split()
    if len(words) > 3:
        return True
    if words[-1].lower() in _THINGS:
        return False
    return bool(_WORKER.search(words[-1])) or any(w.isupper() and len(w) >= 2 for w in words) or any(ch.isdigit() for ch in core)


_ELDERS = {"grandma", "grandmother", "grandpa", "grandfather", "grandparent", "grandparents", "mom", "mother", "dad",
           "father", "parent", "parents", "elderly", "senior", "seniors", "aunt", "uncle", "husband", "wife", "disabled"}
_CHILDREN = {"kid", "kids", "child", "children", "baby", "babies", "toddler", "toddlers", "nephew", "nephews", "niece",
             "nieces", "cousin", "cousins", "grandkids", "grandchildren", "infant", "infants"}


def cared_for(words: list[str]) -> str:
    """The worker who cares for whom the words name: an elder -> a personal care aide, a child ->
    a childcare worker, anyone else -> a caregiver."""
    said = set(words)
    if said & _ELDERS:
        return "personal care aide"
    if said & _CHILDREN:
        return "childcare worker"
    return "caregiver"


def supervisors_of(codes: list[str], occupations: dict[str, dict]) -> list[str]:
    """The first-line supervisors of the work ``codes`` name, best first: the O*NET occupations
    titled "First-Line Supervisors of ..." in each code's SOC major group ("crew member
    supervisor": fast food work, 35- -> 35-1012)."""
    out: list[str] = []
    for code in codes:
        for other, occ in occupations.items():
            if other[:3] == code[:3] and other[3] == "1" and occ.get("title", "").startswith("First-Line Supervisors") and other not in out:
                out.append(other)
    return out
