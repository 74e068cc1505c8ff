"""The industry (competency model) of an O*NET occupation by its SOC code, for occupations no
ladder rung shares a code with."""

from __future__ import annotations

from .gaps import FOUNDATION

#: the industry model of an O*NET occupation no ladder rung shares a SOC code with: the longest
#: start of its SOC code found here (a major group "53", a minor group "43-5", one code "11-3031");
#: none: the foundation (building blocks) alone
SOC_MODELS = {
    "11-3031": "financial-services", "11-3051": "advanced-manufacturing",
    "11-3071": "transportation-distribution-logistics", "11-9021": "construction-commercial-industrial",
    "11-9051": "hospitality-tourism-events", "11-9081": "hospitality-tourism-events",
    "11-9111": "fundamentals-of-health-care", "13-2": "financial-services", "13-1031": "financial-services",
    "13-1081": "transportation-distribution-logistics", "13-1121": "hospitality-tourism-events", "15": "information-technology",
    "17": "advanced-manufacturing", "29": "fundamentals-of-health-care", "31": "fundamentals-of-health-care",
    "31-11": "long-term-care-supports-services", "35": "hospitality-tourism-events",
    "37-2012": "hospitality-tourism-events", "39-3": "hospitality-tourism-events", "39-7": "hospitality-tourism-events",
    "41": "retail", "41-3021": "financial-services", "41-3031": "financial-services", "43-3": "financial-services",
    "43-5": "transportation-distribution-logistics", "47": "construction-commercial-industrial",
    "47-2231": "energy-generation-transmission-distribution", "49": "advanced-manufacturing",
    "49-3": "transportation-distribution-logistics", "49-9051": "energy-generation-transmission-distribution",
    "49-9081": "energy-generation-transmission-distribution", "51": "advanced-manufacturing",
    "51-801": "energy-generation-transmission-distribution", "53": "transportation-distribution-logistics",
}


def soc_model(soc: str, models=()) -> str:
    """The industry model :data:`SOC_MODELS` gives a SOC code (one of ``models`` when given)."""
    found = [k for k in SOC_MODELS if soc.startswith(k) and (not models or SOC_MODELS[k] in models)]
    return SOC_MODELS[max(found, key=len)] if found else FOUNDATION
