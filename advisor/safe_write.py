"""Writing a file the user named without surprises: only a regular file or a new name is ever
written; an existing file only when asked (``force``); the bytes go to a temporary file in the same
folder first and replace the target in one step (``os.replace``), so a full disk or a read-only
folder leaves the old file as it was and no half-written file behind. Every failure is a
:class:`~advisor.errors.WriteError` (exit code 6) with one clear line."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import WriteError

__all__ = ["check_target", "is_folder", "is_inside", "unique_path", "write_file"]

#: most bytes in one file name on the usual file systems (ext4, APFS, NTFS in UTF-16 units)
NAME_MAX = 255


def is_inside(path: Path | str, folder: Path | str) -> bool:
    """True when ``path`` (resolved, links followed) is ``folder`` or inside it: by path parts,
    never by string prefix (``/srv/kiosk-other`` is not inside ``/srv/kiosk``)."""
    return Path(path).expanduser().resolve().is_relative_to(Path(folder).expanduser().resolve())


def is_folder(path: Path | str) -> bool:
    """True for an existing folder; False for anything else, including a name too long to look up."""
    try:
        return Path(path).expanduser().is_dir()
    except OSError:
        return False


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_target(path: Path, force: bool = False) -> None:
    """Refuse a target that is not a new name or (with ``force``) a regular file."""
    if len(path.name.encode("utf-8", "surrogateescape")) > NAME_MAX:
        raise WriteError(f"the file name is {len(path.name)} characters long, too long for the disk",
                         hint="choose a shorter file name")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"cannot check {path}: {exc.strerror or exc}", hint="choose another file name") from exc
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(f"{path} is {_kind(st.st_mode)}; only a regular file is ever replaced",
                         hint="choose a new file name")
    if not force:
        raise WriteError(f"{path} already exists", hint="add --force to replace it, or choose another name")


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``… before the suffix when that is taken."""
    path = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while os.path.lexists(path):
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only or not yours to write"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return exc.strerror or str(exc)


def write_file(path: Path | str, data: bytes | str, force: bool = False, make_parents: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically and return the path written (see the module doc)."""
    path = Path(path).expanduser()
    if isinstance(data, str):
        data = data.encode("utf-8")
    check_target(path, force)
    folder = path.parent
    tmp: str | None = None
    try:
        if make_parents:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".advisor-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        check_target(path, force)  # nothing else took the name meanwhile
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise WriteError(f"could not write {path}: {_why(exc)}; nothing was changed",
                         hint="free some space or choose a writable folder") from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path
