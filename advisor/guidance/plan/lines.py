"""Rows a plan shares with the parts that build it: the goal's way in (:class:`Route`) and a step
on the ladder or lattice (:class:`Step`)."""

from __future__ import annotations

from dataclasses import dataclass

from ...models import Competency
from ..training import Resource
from ..ladders import Rung
from ..wages import Wage


@dataclass
class Route:
    """How people get into the goal job, and what this person still needs before applying."""

    text: str
    on_the_job: bool
    needs: list[str]  # entry requirements the stated facts do not meet ("an LPN/LVN licence")
    training: list[Resource]  # programs of the route: local ones with its CIP codes first
    cip: tuple[str, ...] = ()


@dataclass
class Step:
    rung: Rung
    kind: str  # target | up | lateral
    wage: Wage | None
    takes: str
    adds: list[Competency]
