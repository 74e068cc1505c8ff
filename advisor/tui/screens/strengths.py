"""Step 2: the strengths drawn as the CMC pyramid, tier by tier, top tier narrowest. Each
competency shows its status in words and its evidence phrase; c / x / a / u correct them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static

from ..messages import Correction
from ...guidance.gaps import ASK_LIMIT
from ..render import hidden_asks, short_id, status_key, status_text
from ..widgets.facts import FactsBlock
from ..widgets.pyramid import Pyramid
from .base import StepScreen
from .pick import PickCompetency


class StrengthsScreen(StepScreen):
    STEP = 2
    CSS_PATH = "strengths.tcss"
    BINDINGS = [
        # c x a u are on the hint line above the pyramid and w m on the scope line: at 80 columns
        # the footer keeps room for every step's key
        Binding("c", "correct('confirm')", "Confirm", show=False),
        Binding("x", "correct('reject')", "Reject", show=False),
        Binding("a", "add", "Add", show=False),
        Binding("u", "correct('clear')", "Undo", show=False),
        Binding("w", "correct('widen')", "Widen", show=False),
        Binding("m", "more_asks", "More", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(self.words.strengths_hint, id="legend", classes="hint", markup=False)
        yield Static(id="empty", classes="message", markup=False)
        yield FactsBlock(self.words, id="facts")
        yield Static(id="scope", classes="hint", markup=False)
        yield Pyramid(id="pyramid", empty=self.words.pyramid_empty, plain_names=not self.app.technical, words=self.words)
        yield Static(id="detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(Pyramid).focus()
        self.refresh_case()

    def on_resize(self) -> None:
        # a short terminal (80x24) keeps rows for the pyramid: the detail gets fewer lines
        self.query_one("#detail").styles.max_height = 4 if self.size.height < 30 else (5 if self.app.guided else 7)

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        case, app = self.case, self.app
        if not case.text.strip():
            msg = self.words.no_words_strengths
        elif case.profile is None or case.matched_text != case.text:
            msg = str(app.match_state) or "Matching…"
        else:
            msg = ""
        empty = self.query_one("#empty", Static)
        empty.update(msg)
        empty.display = bool(msg)
        self.query_one("#facts", FactsBlock).show(case.profile)
        limit = None if case.all_asks else ASK_LIMIT
        self.query_one(Pyramid).show(case.profile, self.advisor.catalog, limit)
        self.query_one("#scope", Static).update(self._scope_line(limit))
        self._detail()

    def _scope_line(self, limit: int | None) -> str:
        """Which models the strengths come from, and how many questions are one key away."""
        profile, catalog = self.case.profile, self.advisor.catalog
        if profile is None:
            return ""
        if profile.widened:
            scope = self.words.scope_all
        else:
            names = [catalog.models[m].name for m in (profile.facts.industries if profile.facts else []) if m in catalog.models]
            scope = self.words.scope_some(names)
        more = hidden_asks(profile, catalog, limit) if limit is not None else 0
        return scope + (self.words.more_asks(more) if more else "")

    def action_more_asks(self) -> None:
        self.case.all_asks = not self.case.all_asks
        self.refresh_case()

    @on(OptionList.OptionHighlighted, "#pyramid")
    def _highlighted(self) -> None:
        self._detail()

    def _detail(self) -> None:
        detail = self.query_one("#detail", Static)
        cid = self.query_one(Pyramid).current_id
        profile = self.case.profile
        if cid is None or profile is None:
            detail.update(Text("Move with ↑ ↓ to see why a competency was found.", style="italic"))
            return
        comp = self.advisor.catalog.competency(cid)
        source = profile.source.get(cid, "matched")
        text = Text()
        text.append_text(status_text(status_key(profile.status.get(cid), source), pad=False, labels=self.words.status_words))
        text.append("  ")
        text.append(comp.name, style="bold")
        if self.app.technical:
            model = self.advisor.catalog.models.get(comp.model)
            text.append(f" ({short_id(cid)}, tier {comp.tier}, {model.name if model else comp.model})")
        text.append("\n")
        text.append(comp.definition)
        evidence = profile.evidence.get(cid) or []
        if evidence:
            ev = evidence[0]
            text.append(self.words.evidence_lead, style="bold")
            text.append(f"“{ev.phrase}”", style="italic")
            if ev.kind in ("credential", "title"):  # a stated fact, not a similarity
                text.append(f" ({ev.matched_text})")
            elif self.app.technical:
                text.append(f" ~ {ev.matched_text}")
        elif source in ("confirmed", "added"):
            text.append("\nAdded by hand." if source == "added" else "\nConfirmed by hand.", style="italic")
        detail.update(text)

    def action_correct(self, action: str) -> None:
        cid = self.query_one(Pyramid).current_id
        if cid is None:
            self.app.bell()
            return
        if action != "widen":
            self.query_one(Pyramid).hold_row()  # x, ↓, x walks the list
        self.post_message(Correction(cid, action))

    def action_add(self) -> None:
        profile = self.case.profile
        # only what is already shown is left out: one to ask about (or a rejected one) can be added
        shown = {cid for cid in profile.status if status_key(profile.status[cid], profile.source.get(cid, "matched"))
                 in ("shown", "confirmed", "added")} if profile is not None else set()

        def picked(cid: str | None) -> None:
            if not cid:
                return
            listed = profile is not None and cid in profile.status  # one to ask about: confirming it keeps its evidence
            self.post_message(Correction(cid, "confirm" if listed else "add"))
            self.app.notify(self.words.added(self.advisor.catalog.competency(cid).name, listed), timeout=4)
            self.call_after_refresh(self.query_one(Pyramid).select_id, cid)

        self.app.push_screen(PickCompetency(self.advisor.catalog, exclude=shown, title=self.words.add_title), picked)
