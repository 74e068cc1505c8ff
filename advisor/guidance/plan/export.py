"""Rendering a plan to a format, and writing it safely inside the folder the user chose."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ...errors import ExportError, InputError
from ...serialize import plan_dict
from .html import render_html
from .markdown import render_markdown
from .model import Plan

FORMATS = ("md", "html", "pdf", "json")


def render_json(plan: Plan) -> str:
    import json

    return json.dumps(plan_dict(plan), ensure_ascii=False, indent=2) + "\n"


def render_pdf(plan: Plan) -> bytes:
    from .pdf import render_pdf as _render  # fpdf2 is loaded only when a PDF is asked for

    return _render(plan)


RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json, "pdf": render_pdf}


def render(plan: Plan, fmt: str) -> str | bytes:
    if fmt not in RENDERERS:
        raise InputError(f"unknown format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](plan)


_SLUG = re.compile(r"[^a-z0-9]+")


def default_filename(plan: Plan, fmt: str) -> str:
    who = _SLUG.sub("-", (plan.name or "jobseeker").lower()).strip("-")[:40] or "jobseeker"
    goal = _SLUG.sub("-", plan.target.id.lower()).strip("-")[:40]
    return f"gap-plan-{who}-{goal}-{plan.date.isoformat()}.{fmt}"


def export_plan(plan: Plan, fmt: str, output: Path | str | None = None, directory: Path | str | None = None) -> Path:
    """Write the plan and return where it went.

    ``output`` is a file path (or an existing folder); ``directory`` is a folder that the plan must
    stay inside (the kiosk folder, the TUI's chosen folder). The file name never comes from the
    jobseeker's text, and the resolved path is checked to be inside the folder asked for."""
    content = render(plan, fmt)
    if output is not None:
        out = Path(output).expanduser()
        if out.is_dir():
            folder, name = out, default_filename(plan, fmt)
        else:
            folder, name = out.parent, out.name
    else:
        folder, name = Path(directory or ".").expanduser(), default_filename(plan, fmt)
    if directory is not None and output is not None:
        allowed = Path(directory).expanduser().resolve()
        if not str(folder.resolve()).startswith(str(allowed)):
            raise ExportError(f"{output} is outside {allowed}", hint="plans are saved only in the chosen folder")
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise ExportError(f"'{name}' is not a file name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = (folder / name).resolve()
        if target.parent != folder.resolve():
            raise ExportError(f"{name} would be written outside {folder}", hint="choose a plain file name")
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd, tmp = tempfile.mkstemp(prefix=".plan-", dir=str(folder))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"could not write the plan to {folder}: {exc.strerror or exc}", hint="check the folder exists, is writable and the disk has space") from exc
    return target
