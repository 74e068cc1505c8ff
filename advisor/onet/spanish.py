"""Job titles said in Spanish, or half in Spanish, as many jobseekers at an American Job Center say
them ("trabajé de cocinero", "chofer de camión"), read in English words for
:mod:`advisor.onet.reading`; and accents folded so the words normalize as they were meant. Pure
functions; nothing here keeps the words it is given."""

from __future__ import annotations

import unicodedata

#: common Spanish words of job titles, for titles said in Spanish or half in Spanish ("trabaje de cocinero")
_SPANISH = {
    "cocinero": "cook", "cocinera": "cook", "mesero": "server", "mesera": "server", "lavaplatos": "dishwasher",
    "lavaloza": "dishwasher", "chofer": "driver", "camion": "truck", "camiones": "trucks", "camionero": "truck driver",
    "limpieza": "cleaning", "limpiando": "cleaning", "limpiar": "clean", "limpio": "clean", "limpiaba": "cleaned",
    "casas": "houses", "casa": "house", "oficinas": "offices", "oficina": "office", "jardinero": "gardener",
    "jardineria": "landscaping", "construccion": "construction", "albanil": "mason", "carpintero": "carpenter",
    "pintor": "painter", "plomero": "plumber", "electricista": "electrician", "soldador": "welder", "mecanico": "mechanic",
    "cajero": "cashier", "cajera": "cashier", "ninera": "nanny", "cuidador": "caregiver", "cuidadora": "caregiver",
    "enfermera": "nurse", "enfermero": "nurse", "ayudante": "helper", "cocina": "kitchen", "bodega": "warehouse",
    "almacen": "warehouse", "fabrica": "factory", "obrero": "laborer", "costurera": "sewer", "panadero": "baker",
    "carnicero": "butcher", "empacador": "packer", "empacadora": "packer", "recepcionista": "receptionist",
    "guardia": "guard", "seguridad": "security", "maestro": "teacher", "maestra": "teacher", "conserje": "janitor",
    "mantenimiento": "maintenance", "trabajador": "worker", "trabajadora": "worker", "repartidor": "delivery driver",
    "montacargas": "forklift", "operador": "operator", "lavanderia": "laundry", "restaurante": "restaurant",
    "hotel": "hotel", "trabaje": "worked", "trabajaba": "worked", "trabajo": "work", "fui": "was", "era": "was",
    "soy": "am", "en": "in", "una": "a", "un": "a", "el": "the", "la": "the", "los": "the", "las": "the", "y": "and",
    "tienda": "store", "escuela": "school", "hospital": "hospital", "granja": "farm", "campo": "farm", "vendedor": "salesperson",
    "vendedora": "salesperson", "peluquero": "hairdresser", "peluquera": "hairdresser", "estilista": "hairstylist",
    # words of the Spanish spoken in U.S. work, made from English ones ("yarda", "troca")
    "yardero": "yard worker", "yarda": "yard", "yardas": "yards", "techero": "roofer", "roofero": "roofer",
    "troca": "truck", "troquero": "truck driver", "bodeguero": "warehouse worker", "campesino": "farmworker",
    "campesina": "farmworker", "lavacarros": "car washer", "lavando": "washing", "cuidando": "caring for",
    "ninos": "children", "ancianos": "elderly", "limpiadora": "cleaner", "limpiador": "cleaner",
    "instalador": "installer", "cortando": "cutting", "zacate": "grass", "pasto": "grass",
    "linea": "line", "yo": "i", "por": "for", "para": "for", "con": "with", "desde": "since", "durante": "for",
}
#: the words that say the text is Spanish (not also English words)
_SPANISH_ONLY = frozenset(w for w in _SPANISH if w not in {"hotel", "hospital", "en", "un", "la", "el", "era", "y", "casa", "con",
                                                            "para", "linea", "yo", "por"})
_SPANISH_LEAD = {"worked", "was", "am", "work"}


def fold(text: str) -> str:
    """Accents left off ("trabajé" -> "trabaje"), so the words normalize as they were meant."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _spanish(norm: str) -> str:
    """Spanish job words in English, "A de B" as "B A" ("chofer de camion" -> "truck driver"); other
    words unchanged. Text with no word only Spanish uses is returned as it is."""
    words = norm.split()
    if not any(w in _SPANISH_ONLY for w in words):
        return norm
    out: list[str] = []
    for i, w in enumerate(words):
        if w in ("de", "como"):
            if out and out[-1] in _SPANISH_LEAD:  # "trabaje de cocinero": worked as a cook
                out.append("as")
                continue
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if out and nxt in _SPANISH and nxt not in _SPANISH_LEAD and nxt not in {"la", "el", "los", "las", "una", "un"}:
                out.insert(len(out) - 1, "@")  # mark the noun to put after the next one
                continue
            out.append("of")
            continue
        out.append(_SPANISH.get(w, w))
    while "@" in out:  # "driver @ truck" -> "truck driver"
        at = out.index("@")
        head = out[at + 1]
        del out[at:at + 2]
        out.insert(min(at + 1, len(out)), head)
    return " ".join(out)
