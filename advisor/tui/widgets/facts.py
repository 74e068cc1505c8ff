"""The facts read from the words, above the matches (step 1) and the pyramid (step 2): the
credentials held, past jobs, what the person is working toward, in the words of the mode
("Credentials: GED (high school equivalency) · CNA   Past jobs: Cashier, 4 yrs (Kroger)")."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static

from ..render import fact_groups

GAP = 3


class Packed:
    """Groups of text side by side, a group moved to the next line whole when it does not fit."""

    def __init__(self, groups: list[Text]):
        self.groups = groups

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text()
        for group in self.groups:
            if line and len(line) + GAP + len(group) > options.max_width:
                yield line
                line = Text()
            if line:
                line.append(" " * GAP)
            line.append_text(group)
        if line:
            yield line


class FactsBlock(Static):
    DEFAULT_CSS = """
    FactsBlock { height: auto; padding: 0 1; }
    """

    def __init__(self, words, **kwargs):
        super().__init__(markup=False, **kwargs)
        self.words = words

    def show(self, profile) -> None:
        groups = fact_groups(profile.facts if profile is not None else None, self.words)
        self.update(Packed(groups))
        self.display = bool(groups)
