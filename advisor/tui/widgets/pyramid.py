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
        rows = pyramid_rows(entries, names, width, self.empty, numbered=not self.plain_names)
        self.clear_options()
        self.add_options([Option(text, id=cid, disabled=cid is None) for cid, text in rows])
        ids = [cid for cid, _ in rows]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        else:
            first = next((i for i, cid in enumerate(ids) if cid is not None), None)
            self.highlighted = first
