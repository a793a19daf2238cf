"""Where a PDF render may read from (pure: no WeasyPrint here).

WeasyPrint's own fetcher reads any local file and any web address
(`../shared/TOOL_FACTS.md`). Ours asks `Policy.check` first: only `file:`
URLs under the virtual address of an allowed folder (the repository, the
font package, this package) that name a regular file under a size cap;
never the network, never a hidden folder such as `.git`, never through a
symbolic link that leads out.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

MAX_RESOURCE_BYTES = 10_000_000
# The HTML names allowed files by virtual addresses (file:///curriculum/repo/
# images/a.png): the PDFs never depend on where the repository lies on disk,
# and a real path, even one inside the repository, is refused.
VIRTUAL = "file:///curriculum/"


class Refused(Exception):
    """A resource the render may not read; the message says why."""


@dataclass(frozen=True)
class Root:
    """An allowed folder, the label its files go by in reports, and the
    address the HTML names it by."""

    label: str  # "repo", "font", "package"
    path: str  # resolved, absolute

    @property
    def url(self) -> str:
        return f"{VIRTUAL}{self.label}/"

    def relative(self, path: Path) -> str:
        return f"{self.label}:{path.relative_to(self.path).as_posix()}"


def _local_path(url: str) -> str:
    """The normalised path of a `file:` URL on this host; raises Refused for
    any other address."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise Refused(f"malformed address ({error})") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "ftp", "ftps", "ws", "wss"):
        raise Refused("network address: PDFs never fetch from the network")
    if scheme != "file":
        raise Refused(f"'{scheme or 'relative'}:' address: only files inside the repository are allowed")
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"file address on host '{parts.netloc}'")
    raw = unquote(parts.path)
    if "\x00" in raw or "\\" in raw:
        raise Refused("NUL byte or backslash in the path")
    if not raw.startswith("/"):
        raise Refused("relative file address")
    return posixpath.normpath(raw)


def _resolved(root: Root, normal: str) -> Path:
    """The real file a path under a root's address names, if it stays in
    that root and out of hidden folders."""
    inside = normal[len(urlsplit(root.url).path):]
    lexical = Path(root.path, *[part for part in inside.split("/") if part])
    try:
        resolved = lexical.resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused("no such file") from None
    if not resolved.is_relative_to(root.path):
        raise Refused("file outside the repository, through a symbolic link")
    if any(part.startswith(".") for part in resolved.relative_to(root.path).parts):
        raise Refused("file in a hidden folder (such as .git)")
    return resolved


@dataclass(frozen=True)
class Policy:
    roots: tuple[Root, ...]
    max_bytes: int = MAX_RESOURCE_BYTES

    def url(self, label: str, relative: str = "") -> str:
        """The address of a file of an allowed folder, as the HTML names it."""
        root = next(r for r in self.roots if r.label == label)
        return root.url + quote(relative.lstrip("/"))

    def check(self, url: str) -> tuple[Path, str]:
        """(resolved path, label) of an allowed URL; raises Refused otherwise."""
        normal = _local_path(url)
        root = self._root_of(normal)
        resolved = _resolved(root, normal)
        self._check_file(resolved)
        return resolved, root.relative(resolved)

    def _root_of(self, normal: str) -> Root:
        root = next((r for r in self.roots if (normal + "/").startswith(urlsplit(r.url).path)), None)
        if root is None:
            raise Refused("file outside the repository")
        return root

    def _check_file(self, resolved: Path) -> None:
        info = os.stat(resolved)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file (a folder, device or FIFO)")
        if info.st_size > self.max_bytes:
            raise Refused(f"file of {info.st_size:,} bytes (limit {self.max_bytes:,})")

    def read(self, url: str) -> tuple[bytes, str, str]:
        """(bytes, label, mime type) of an allowed URL; raises Refused."""
        resolved, label = self.check(url)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(resolved, flags)
        except OSError as error:
            raise Refused(f"cannot open: {error.strerror}") from None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise Refused("not a regular file")
            data = handle.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise Refused(f"file over {self.max_bytes:,} bytes")
        mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return data, label, mime


@dataclass
class Log:
    """Every request a render made: what was read and what was refused."""

    read: list[str] = field(default_factory=list)  # labels such as repo:images/a.png
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    requested: list[str] = field(default_factory=list)  # every URL asked for, in order
