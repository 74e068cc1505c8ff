"""Phrases that must never be printed on a plan as evidence, even when the advisor confirmed the
competency they point to: a criminal record, health, disability, immigration status, age, family
matters or money trouble. The plan then says what was shown in its own words instead.

The list is deliberately broad: a plan that leaves out a harmless quote loses little, one that
prints "need a job that will hire someone with a record" under Lifelong Learning loses the
jobseeker's trust.
"""

from __future__ import annotations

import re

TOPICS: dict[str, tuple[str, ...]] = {
    "record": (
        r"record", r"felon(?:y|ies)?", r"convict(?:ed|ion)s?", r"jail", r"prison", r"incarcerat\w*", r"inmate",
        r"probation", r"parole", r"arrest(?:ed)?", r"criminal charges?", r"locked up", r"doing time", r"did time",
        r"inside", r"correctional", r"background check", r"expunge\w*", r"court[- ]ordered", r"ankle monitor",
        r"reentry", r"re-entry", r"returning citizen", r"halfway house", r"dui", r"dwi", r"sentence[d]?",
    ),
    "health": (
        r"sick", r"ill(?:ness)?", r"diagnos\w*", r"cancer", r"diabet\w*", r"depress\w*", r"anxiety", r"ptsd",
        r"mental", r"therapy", r"therapist", r"medication", r"meds for me", r"surgery", r"injur(?:y|ed|ies)",
        r"hospitali[sz]ed", r"chronic", r"pain", r"pregnan\w*", r"rehab", r"addict\w*", r"recovery", r"sober",
        r"sobriety", r"relapse", r"overdose", r"hiv", r"workers'? comp",
    ),
    "disability": (
        r"disab\w*", r"ssdi", r"ssi", r"handicap\w*", r"wheelchair", r"blind", r"deaf", r"autis\w*", r"adhd",
        r"learning disorder", r"dyslexi\w*", r"accommodations?",
    ),
    "immigration": (
        r"immigra\w*", r"visa", r"green card", r"undocumented", r"asylum", r"refugee", r"daca", r"deport\w*",
        r"work permit", r"citizenship", r"illegal", r"no papers", r"ead card",
    ),
    "age": (
        r"\d{2} years old", r"years old", r"too old", r"my age", r"retire[ds]?", r"retirement", r"elderly",
    ),
    "family": (
        r"divorc\w*", r"custody", r"child ?care", r"daycare", r"single (?:mom|mother|dad|father|parent)",
        r"my (?:kids?|children|son|daughter|baby|husband|wife|ex)", r"domestic violence", r"abus\w*", r"widow\w*",
        r"caregiver for my", r"taking care of my", r"pregnan\w*", r"maternity", r"paternity",
    ),
    "money": (
        r"evict\w*", r"homeless\w*", r"shelter", r"debt", r"bankrupt\w*", r"food stamps", r"snap", r"wic",
        r"welfare", r"tanf", r"behind on (?:rent|bills)", r"can'?t pay", r"broke", r"unemployment benefits?",
        r"repossess\w*", r"garnish\w*", r"child support", r"payday loan", r"credit score",
    ),
}

_PATTERN = re.compile(
    r"\b(?:" + "|".join(p for words in TOPICS.values() for p in words) + r")\b",
    re.IGNORECASE,
)


def sensitive_topic(text: str) -> str | None:
    """The first sensitive topic ``text`` touches ("record", "health" ...), or None."""
    m = _PATTERN.search(text or "")
    if m is None:
        return None
    word = m.group()
    for topic, words in TOPICS.items():
        if any(re.fullmatch(p, word, re.IGNORECASE) for p in words):
            return topic
    return "personal"


def is_sensitive(text: str) -> bool:
    return _PATTERN.search(text or "") is not None
