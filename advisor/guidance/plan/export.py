"""Rendering a plan to a format, and writing it safely inside the folder the user chose."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
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


def default_filename(plan: Plan, fmt: str, tag: str | None = None) -> str:
    """``gap-plan-<who>-<goal>-<date>[-<tag>].<fmt>``; a kiosk adds its visit's tag (:func:`new_tag`)
    so two people with the same goal on the same day never share a file."""
    who = _SLUG.sub("-", (plan.name or "jobseeker").lower()).strip("-")[:40] or "jobseeker"
    goal = _SLUG.sub("-", plan.target.id.lower()).strip("-")[:40]
    if tag is not None and not _TAG.fullmatch(tag):
        raise ValueError(f"a plan file tag is {TAG_HEX} lowercase hex digits")
    return f"gap-plan-{who}-{goal}-{plan.date.isoformat()}{'-' + tag if tag else ''}.{fmt}"


TAG_HEX = 8
_TAG = re.compile(f"[0-9a-f]{{{TAG_HEX}}}")
#: the files a kiosk writes (tagged plans) and a write's leftover temporary file
_TAGGED = re.compile(rf"gap-plan-[a-z0-9-]+-[0-9a-f]{{{TAG_HEX}}}\.(?:{'|'.join(FORMATS)})|\.plan-\w+")


def new_tag() -> str:
    """A random tag for one kiosk visit's plan files."""
    return secrets.token_hex(TAG_HEX // 2)


def remove_old_plans(folder: Path | str, keep_minutes: float, now: float | None = None) -> int:
    """Remove the tagged plan files (and leftover temporary files) in ``folder`` last written more
    than ``keep_minutes`` ago; returns how many went. Other files, sub-folders and links are left
    alone, a missing folder is not created, and a file that cannot be removed is skipped."""
    cutoff = (time.time() if now is None else now) - keep_minutes * 60
    removed = 0
    try:
        entries = list(os.scandir(Path(folder).expanduser()))
    except OSError:
        return 0
    for entry in entries:
        try:
            if not _TAGGED.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def export_plan(plan: Plan, fmt: str, output: Path | str | None = None, directory: Path | str | None = None,
                tag: str | None = None) -> Path:
    """Write the plan and return where it went.

    ``output`` is a file path (or an existing folder); ``directory`` is a folder that the plan must
    stay inside (the kiosk folder, the TUI's chosen folder). The file name never comes from the
    jobseeker's text, and the resolved path is checked to be inside the folder asked for. ``tag``
    goes into a default file name (:func:`default_filename`)."""
    content = render(plan, fmt)
    if output is not None:
        out = Path(output).expanduser()
        if out.is_dir():
            folder, name = out, default_filename(plan, fmt, tag)
        else:
            folder, name = out.parent, out.name
    else:
        folder, name = Path(directory or ".").expanduser(), default_filename(plan, fmt, tag)
    if directory is not None and output is not None:
        allowed = Path(directory).expanduser().resolve()
        if not folder.resolve().is_relative_to(allowed):
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
