"""The strengths drawn as the CMC pyramid: one selectable row per competency, tier by tier,
the top tier narrowest. Each row says its status in words and quotes the evidence phrase."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..render import PLAIN_TIER_NAMES, pyramid_entries, pyramid_rows, tier_names


class Pyramid(OptionList):
    DEFAULT_CSS = """
    Pyramid { height: 1fr; border: none; padding: 0; background: $surface; }
    Pyramid > .option-list--option-disabled { color: $text; text-style: bold; }
    """

    def __init__(self, empty: str = "nothing yet", plain_names: bool = False, words=None, **kwargs):
        super().__init__(**kwargs)
        self.words = words  # the app's words: "from CNA" tags on what a stated fact shows
        self.empty = empty
        self.plain_names = plain_names  # everyday tier names, no tier numbers
        self._profile = None
        self._catalog = None
        self._width = 0
        self._ask_limit: int | None = None
        self._hold: int | None = None  # a row to stay on through the next redraw (after c / x / u)

    def hold_row(self) -> None:
        """Stay on this row position through the next redraw, not on the competency: a rejected
        one moves to the end of its tier, and the next one comes up under the cursor."""
        self._hold = self.highlighted

    def show(self, profile, catalog, ask_limit: int | None = None) -> None:
        """Draw ``profile``: every shown competency and the strongest ``ask_limit`` to ask about."""
        self._profile, self._catalog, self._ask_limit = profile, catalog, ask_limit
        self._rebuild()

    @property
    def current_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def on_resize(self, event: events.Resize) -> None:
        if self._catalog is not None and self._row_width() != self._width:
            self._rebuild()

    def _row_width(self) -> int:
        return max(self.scrollable_content_region.width - 1, 30)

    def _rebuild(self) -> None:
        keep = self.current_id
        self._width = width = self._row_width()
        entries = pyramid_entries(self._profile, self._catalog, self.words, self._ask_limit)
        names = PLAIN_TIER_NAMES if self.plain_names else tier_names(self._catalog)
        rows = pyramid_rows(entries, names, width, self.empty, numbered=not self.plain_names,
                            labels=getattr(self.words, "status_words", None))
        self.clear_options()
        self.add_options([Option(text, id=cid, disabled=cid is None) for cid, text in rows])
        ids = [cid for cid, _ in rows]
        hold, self._hold = self._hold, None
        if hold is not None and any(cid is not None for cid in ids):
            hold = min(hold, len(ids) - 1)
            below = [i for i in range(hold, len(ids)) if ids[i] is not None]
            self.highlighted = below[0] if below else max(i for i in range(hold) if ids[i] is not None)
        elif keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        else:
            self.highlighted = next((i for i, cid in enumerate(ids) if cid is not None), None)
        if self.highlighted is not None:
            self.scroll_to_highlight()

    def select_id(self, cid: str) -> None:
        """Move the cursor to ``cid`` (an added competency) and show it."""
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if cid in ids:
            self.highlighted = ids.index(cid)
            self.scroll_to_highlight()
