"""The words each mode uses, in one place: :class:`AdvisorWords` for career advisors and
:class:`KioskWords` (plain language, no ids) for a jobseeker alone at a kiosk, and
:class:`KioskBrowserWords` for the kiosk in a browser (`advisor serve`). The app holds one
as ``app.words``; screens read it instead of asking which mode they are in."""

from __future__ import annotations

from .messages import Status
from .render import legend


class AdvisorWords:
    title = "Competency Advisor"
    sub_title = "advisor"
    #: step 1
    intake_lead: str | None = None
    placeholder = "The jobseeker's words: jobs, tasks, tools, volunteering, school… e.g. cashier 4 years, drove a forklift"
    heard_title = "What we heard · \\[brackets] = matched phrases"
    no_match = "No competency matched clearly: ask about tasks, tools and responsibilities."
    #: the facts read from the words (step 1 and 2): a label per group, None leaves it out
    facts_labels: dict[str, str | None] = {"held": "Credentials", "jobs": "Past jobs", "goals": "Working toward", "lacks": "Not held"}
    years_units = ("yr", "yrs")
    from_credential = "from "
    from_job = "from job: "
    #: step 2
    strengths_hint = f"c confirm · x reject · a add · u undo  {legend()}"
    pyramid_empty = "nothing shown yet: ask about it"
    scope_all = "Every model's competencies (w: only the industries the words point to)"

    @staticmethod
    def scope_some(industries: list[str]) -> str:
        where = " and ".join([", ".join(industries[:-1]), industries[-1]] if len(industries) > 1 else industries)
        return f"Building Blocks{' and ' + where if where else ''} (w: every model)"

    @staticmethod
    def more_asks(n: int) -> str:
        return f" · {n} more to ask about (m)"
    add_title = "Add a competency"

    @staticmethod
    def added(name: str, listed: bool) -> str:
        return f"Confirmed: {name}" if listed else f"Added: {name}"

    #: status words that differ from :data:`~advisor.tui.render.STATUS` (none for advisors)
    status_words: dict[str, str] = {}
    #: the command palette's descriptions of the steps
    palette = {
        1: "The jobseeker's own words (F2)",
        2: "The competency pyramid: confirm, reject, add (F3)",
        3: "Pick an industry or a job; jobs that fit now (F4)",
        4: "Gaps, training, next steps and wages (F5)",
        "match": "Match the words again now (ctrl+r)",
    }
    evidence_lead = "\nEvidence: "
    no_words_strengths = "No words yet: type the jobseeker's words on step 1 (F2)."
    #: step 3
    goal_hint = "Type to filter · ↑ ↓ move · enter chooses · tab goes to the jobs that fit now"
    no_words_goal = "No profile yet: words first (F2)"
    #: step 4
    no_words_plan = "No words yet: step 1 first (F2)."
    area_label = "Wages for: "
    #: (format, label, primary) for each export button, in order
    export_buttons = (("md", "Markdown F7", False), ("html", "HTML F8", False), ("pdf", "PDF F9", True))

    @staticmethod
    def match_found(shown: int, ask: int) -> Status:
        if shown or ask:
            return Status("ok", f"{shown + ask} competencies found: {shown} shown, {ask} to ask about")
        return Status("idle", "No clear match yet: more detail about tasks and tools helps")

    @staticmethod
    def exported(name: str, path) -> Status:
        return Status("ok", f"{name} plan saved to {path}")


class KioskWords(AdvisorWords):
    title = "Competency Advisor · Find your strengths"
    sub_title = ""
    intake_lead = (
        "Write about jobs, volunteering, school or family care, in your own words.\n"
        "Example: \"Cashier 2 years, trained new staff, handled returns.\""
    )
    placeholder = "Start typing here…"
    heard_title = "What we noticed"
    no_match = "No clear match yet: add what you did day to day."
    facts_labels = {"held": "What you have", "jobs": "Jobs you've done", "goals": "Working toward", "lacks": None}
    years_units = ("year", "years")
    from_job = "from your job: "
    strengths_hint = "x removes a wrong one · a adds a missing one · maybe = tell us more (F2)"
    #: a student alone has no one to ask: "maybe", and the hint says to tell us more
    status_words = {"ask": "? maybe"}
    palette = {
        1: "Write what you have done (F2)",
        2: "Your strengths: remove a wrong one, add a missing one (F3)",
        3: "Choose the work you would like (F4)",
        4: "Your plan: what to learn next, and the pay (F5)",
        "match": "Look for strengths in your words again (ctrl+r)",
    }
    pyramid_empty = "nothing yet"
    scope_all = "Showing every industry (press w for fewer)"

    @staticmethod
    def scope_some(industries: list[str]) -> str:
        return "Skills every job uses" + (", and " + ", ".join(industries) if industries else "") + " (press w for every industry)"

    @staticmethod
    def more_asks(n: int) -> str:
        return f" · {n} more (press m)"
    add_title = "Add a strength"

    @staticmethod
    def added(name: str, listed: bool) -> str:
        return f"Added to your strengths: {name}"
    evidence_lead = "\nBecause you wrote "
    no_words_strengths = "Tell us what you've done first (F2)."
    goal_hint = "What work would you like? Type to search; press enter or click to choose."
    no_words_goal = "Tell us what you've done first (F2)"
    no_words_plan = "Tell us what you've done first (F2)."
    area_label = "Area for pay: "
    export_buttons = (("pdf", "Save my plan to print (PDF)", True), ("html", "Save as a web page (HTML)", False))
    privacy = "Nothing you type is saved on this computer."

    @staticmethod
    def match_found(shown: int, ask: int) -> Status:
        if shown or ask:
            clear = f"{shown} clear strength{'' if shown == 1 else 's'}"
            maybe = f"{ask} possible one{'' if ask == 1 else 's'}"
            return Status("ok", f"We found {clear} and {maybe}.")
        return Status("idle", "Nothing clear yet: tell us more about what you did each day.")

    @staticmethod
    def exported(name: str, path) -> Status:
        return Status("ok", f"Your plan ({name}) is saved as {path} — ask a staff member to print it.")


class KioskBrowserWords(KioskWords):
    """The kiosk under ``advisor serve``: the plan goes to the browser, not to a staff member."""

    export_buttons = (("pdf", "Download my plan (PDF)", True), ("html", "Open my plan to print", False))
    not_delivered = Status("error", "The browser did not get your plan. Try the button again, or ask a staff member.")

    @staticmethod
    def exported(name: str, path) -> Status:
        if name == "HTML":
            return Status("ok", "Your plan opened in a new browser tab. Press Ctrl+P there to print it.")
        return Status("ok", f"Your plan ({name}) is downloading. Open it from the browser's downloads to print or keep it.")
