"""The gap plan: data (:mod:`.model`), wording (:mod:`.content`), one module per format, export."""

from .export import FORMATS, default_filename, export_plan, render
from .model import Plan, build_plan

__all__ = ["FORMATS", "Plan", "build_plan", "default_filename", "export_plan", "render"]
