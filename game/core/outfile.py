"""The one way the product writes a file a user named (``--out``, ``new``, ``schema``).

    with output_file(path) as out:        # a text stream (or binary=True)
        out.write(text)
    write_text(path, text)                # the same in one call

The promises, because a half-written or misdirected file is worse than none:

- the text goes to a temporary file in the target's folder, renamed over the target
  only when everything was written and flushed: a failure (a full disk, an exception
  half-way, a missing score log) leaves an existing target untouched;
- a symbolic link at the target is refused, even a dangling one: the link could point
  anywhere, outside the folder the user named;
- parent folders are never created unless the caller says so (``make_parents``);
- ``exclusive=True`` never replaces an existing file;
- a device such as ``/dev/null`` or ``/dev/full`` is written in place (it cannot be
  renamed over), and its errors are reported like any other;
- every failure is one ``UserError`` line naming the path and the reason; a missing
  folder is a usage error (exit 2), as the README promises for paths that do not exist.

Headless: it raises, it never prints.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from game.core.errors import UsageError, UserError

__all__ = ["output_file", "write_bytes", "write_text"]


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    if err.errno in (errno.EROFS,):
        return "the file system is read-only"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return err.strerror or str(err)


def _check_target(path: Path, exclusive: bool) -> os.stat_result | None:
    """The target's own status (None when absent); refuses links, folders and sockets."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise UserError(f"cannot write {path}: {_reason(err)}") from None
    if stat.S_ISLNK(st.st_mode):
        raise UserError(f"cannot write {path}: it is a symbolic link; name the real file "
                        "(links are not followed, so output cannot land elsewhere)")
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"cannot write {path}: it is a folder; name a file inside it")
    if exclusive:
        raise UserError(f"{path} already exists; choose another name or remove it first")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise UserError(f"cannot write {path}: not a regular file")
    return st


def _check_folder(folder: Path, make_parents: bool) -> None:
    if make_parents:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"cannot create the folder {folder}: {_reason(err)}") from None
        return
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        raise UsageError(f"the folder {folder} does not exist; create it first") from None
    except NotADirectoryError:
        raise UsageError(f"{folder} is not a folder") from None
    except OSError as err:
        raise UserError(f"cannot write in {folder}: {_reason(err)}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{folder} is not a folder")


@contextlib.contextmanager
def output_file(path: str | os.PathLike[str], *, binary: bool = False, exclusive: bool = False,
                make_parents: bool = False, encoding: str = "utf-8",
                newline: str | None = None) -> Iterator[IO[Any]]:
    """A stream whose content replaces ``path`` only if the ``with`` block succeeds."""
    target = Path(os.fspath(path))
    if not os.fspath(path) or str(path).strip() == "":
        raise UsageError("an output path is empty; name a file")
    folder = target.parent
    _check_folder(folder, make_parents)
    existing = _check_target(target, exclusive)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        yield from _in_place(target, binary, encoding, newline)
        return
    tmp = folder / f".{target.name[:40]}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:  # O_EXCL: never reuse a name someone else put there; 0o666 minus the umask
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o666)
    except OSError as err:
        raise UserError(f"cannot write {target}: {_reason(err)}") from None
    try:
        with (os.fdopen(fd, "wb") if binary else
              open(fd, "w", encoding=encoding, newline=newline)) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            os.chmod(tmp, existing.st_mode & 0o777)
        _commit(tmp, target, exclusive)
    except OSError as err:
        _discard(tmp)
        raise UserError(f"cannot write {target}: {_reason(err)}") from None
    except BaseException:
        _discard(tmp)
        raise


def _in_place(target: Path, binary: bool, encoding: str, newline: str | None
              ) -> Iterator[IO[Any]]:
    """Devices and pipes: nothing to rename over; write and report what fails."""
    try:
        stream = open(target, "wb" if binary else "w",  # noqa: SIM115
                      **({} if binary else {"encoding": encoding, "newline": newline}))
    except OSError as err:
        raise UserError(f"cannot write {target}: {_reason(err)}") from None
    try:
        yield stream
        stream.flush()
    except OSError as err:
        raise UserError(f"cannot write {target}: {_reason(err)}") from None
    finally:
        with contextlib.suppress(OSError):
            stream.close()


def _commit(tmp: Path, target: Path, exclusive: bool) -> None:
    if not exclusive:
        os.replace(tmp, target)
        return
    try:  # a hard link fails if the name exists: no window for a race to overwrite it
        os.link(tmp, target)
    except FileExistsError:
        raise UserError(f"{target} already exists; choose another name or remove it "
                        "first") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise UserError(f"{target} already exists") from None
        os.replace(tmp, target)
        return
    _discard(tmp)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def write_text(path: str | os.PathLike[str], text: str, *, exclusive: bool = False,
               make_parents: bool = False, encoding: str = "utf-8",
               newline: str | None = None) -> Path:
    """Write ``text`` to ``path`` with the promises above; returns the path."""
    with output_file(path, exclusive=exclusive, make_parents=make_parents, encoding=encoding,
                     newline=newline) as out:
        out.write(text)
    return Path(os.fspath(path))


def write_bytes(path: str | os.PathLike[str], data: bytes, *, exclusive: bool = False,
                make_parents: bool = False) -> Path:
    with output_file(path, binary=True, exclusive=exclusive, make_parents=make_parents) as out:
        out.write(data)
    return Path(os.fspath(path))
