"""CUR601–607: links and images. Validation never touches the network."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote

from ...findings import Finding, Span, rule
from ...model import Curriculum, Document

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}


def documents(cur: Curriculum) -> list[Document]:
    docs = [p.doc for p in cur.plans.values()] + [h.doc for h in cur.handouts.values()]
    docs += [n.doc for n in cur.contact_notes.values()] + [n.doc for n in cur.chapters]
    return docs


def resolve(source: str, target: str) -> tuple[str | None, str]:
    """(repository path or None when it escapes, anchor) of a relative target."""
    path, _, anchor = target.partition("#")
    if not path:
        return source, anchor
    return _joined(posixpath.dirname(source), path), anchor


@lru_cache(maxsize=4096)  # the files of a folder link to the same few images and pages
def _joined(folder: str, path: str) -> str | None:
    path = unquote(path)
    if path.startswith("/") or "\\" in path:
        return None
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def scheme(target: str) -> str | None:
    match = _SCHEME.match(target.strip())
    return match.group(1).lower() if match else None


@rule("CUR601", "broken-link")
def broken_link(cur: Curriculum, options) -> Iterator[Finding]:
    """An internal link must point at a file of the repository: another plan,
    handout or note (`../handouts/safer-sleep.md`) or an asset.

    Bad: `[safer sleep](../handouts/safer-sleeping.md)`.
    Good: `[safer sleep](../handouts/safer-sleep.md)`.
    """
    by_path = {doc.path: doc for doc in documents(cur)}
    for doc in documents(cur):
        for ref in doc.scan.references:
            if ref.kind != "link" or scheme(ref.target) or ref.target.startswith("#"):
                continue  # same-page anchors are CUR602's
            path, anchor = resolve(doc.path, ref.target)
            where = Span(doc.path, ref.line, ref.column)
            if path is None:
                yield outside_repository.at(where, f"link '{ref.target}' points outside the repository",
                                            "link only to files inside the curriculum")
            elif path in options.unreadable:
                continue  # it exists; its own errors are reported there
            elif path not in by_path and path not in cur.assets:
                yield broken_link.at(where, f"link target '{ref.target}' does not exist",
                                     "check the file name; paths are relative to this file")
            elif anchor and path in by_path and anchor not in by_path[path].anchors():
                yield missing_anchor.at(where, f"'{path}' has no heading with anchor '#{anchor}'",
                                        "check the heading's {#id} or its text")


@rule("CUR602", "missing-anchor")
def missing_anchor(cur: Curriculum, options) -> Iterator[Finding]:
    """A link to `#anchor` must match a heading (its `{#id}` or its slug).
    Links to other files are checked by CUR601 and reported here too.

    Bad: `[see below](#safe-sleeping)` with the heading `## Safer sleep {#safer-sleep}`.
    Good: `[see below](#safer-sleep)`.
    """
    for doc in documents(cur):
        anchors = doc.anchors()
        for ref in doc.scan.references:
            if ref.kind == "link" and ref.target.startswith("#") and ref.target[1:] not in anchors:
                yield missing_anchor.at(Span(doc.path, ref.line, ref.column), f"no heading with anchor '{ref.target}' in this file",
                                        "check the heading's {#id} or its text")


@rule("CUR603", "image-missing")
def image_missing(cur: Curriculum, options) -> Iterator[Finding]:
    """An image must be a file inside the repository (not a web address).

    Why: the site works offline and PDFs never fetch from the network or from
    outside the repository.

    Bad: `![baby](http://example.org/baby.png)` or `![baby](/etc/passwd)`.
    Good: `![A parent holding a newborn](../images/holding.png)`.
    """
    for doc in documents(cur):
        for ref in doc.scan.references:
            if ref.kind != "image":
                continue
            where = Span(doc.path, ref.line, ref.column)
            kind = scheme(ref.target)
            if kind:
                yield outside_repository.at(where, f"image '{ref.target[:80]}' is not a file in the repository",
                                            "copy the image into the repository and link to it by relative path")
                continue
            path, _ = resolve(doc.path, ref.target)
            if path is None:
                yield outside_repository.at(where, f"image '{ref.target}' points outside the repository",
                                            "copy the image into the repository")
            elif path not in cur.assets:
                yield image_missing.at(where, f"image '{ref.target}' does not exist", "check the file name and folder")


@rule("CUR604", "image-without-alt")
def image_without_alt(cur: Curriculum, options) -> Iterator[Finding]:
    """Every image has alt text describing it.

    Why: screen readers read it, and tagged PDFs carry it.

    Bad: `![](../images/holding.png)`.
    Good: `![A parent holding a newborn against their chest](../images/holding.png)`.
    """
    for doc in documents(cur):
        for ref in doc.scan.references:
            if ref.kind == "image" and not ref.text:
                yield image_without_alt.at(Span(doc.path, ref.line, ref.column), f"image '{ref.target}' has no alt text",
                                           "describe the image between the square brackets")


@rule("CUR605", "external-link", "info")
def external_link(cur: Curriculum, options) -> Iterator[Finding]:
    """External links are listed, never fetched, so they can be checked by hand.

    Bad: nothing wrong; a reminder that `https://...` pages change.
    Good: name the service too, so a printed copy still helps.
    """
    for doc in documents(cur):
        for ref in doc.scan.references:
            if ref.kind == "link" and scheme(ref.target) in EXTERNAL_SCHEMES:
                yield external_link.at(Span(doc.path, ref.line, ref.column), f"external link {ref.target} (not checked)")


@rule("CUR606", "outside-repository")
def outside_repository(cur: Curriculum, options) -> Iterator[Finding]:
    """Links and images may not reach outside the repository: no `file://`,
    no absolute paths, no `../` past the top, no unknown URL schemes.

    Why: a PDF renderer would embed whatever file such a path names
    (`file:///etc/passwd`).

    Bad: `![x](file:///etc/passwd)`, `[x](../../../../etc/hostname)`.
    Good: `[x](../handouts/safer-sleep.md)`.
    """
    for doc in documents(cur):
        for ref in doc.scan.references:
            kind = scheme(ref.target)
            if ref.kind == "link" and kind and kind not in EXTERNAL_SCHEMES and kind not in ("javascript", "vbscript", "data"):
                yield outside_repository.at(Span(doc.path, ref.line, ref.column), f"link with scheme '{kind}:' is not allowed",
                                            "use a relative link or an https:// address")
