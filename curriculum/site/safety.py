"""Checks and fixes on each finished HTML page (pure: strings in, strings out).

- `fill_csp` puts the hashes of the page's own inline scripts (the theme's)
  into its Content-Security-Policy, so no other inline script can run, even
  if one ever slipped through: author HTML is escaped long before this.
- `external_requests` finds anything the browser would fetch from another
  host when the page opens (scripts, styles, images, frames, fonts, media).
"""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPT_HASHES = "'curriculum-script-hashes'"  # placeholder in partials/curriculum/csp.html

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_FETCHING_TAG = re.compile(r"<(script|link|img|iframe|frame|source|video|audio|embed|object|track|image|input)\b[^>]*>", re.I)
_URL_ATTR = re.compile(r"\b(src|href|srcset|data|poster|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
_CSS_URL = re.compile(r"@import\s+['\"]?\s*(?:url\()?\s*['\"]?\s*(https?:)?//|url\(\s*['\"]?\s*(https?:)?//", re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)


def script_hashes(html: str) -> list[str]:
    found = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _SRC.search(match.group("attrs")):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if token not in found:
            found.append(token)
    return found


def fill_csp(html: str) -> str:
    if SCRIPT_HASHES not in html:
        return html
    return html.replace(SCRIPT_HASHES, " ".join(script_hashes(html)))


def external_requests(html: str) -> list[str]:
    """Addresses on other hosts that opening the page would request."""
    found = []
    for tag in _FETCHING_TAG.finditer(html):
        name = tag.group(1).lower()
        for attr in _URL_ATTR.finditer(tag.group(0)):
            key = attr.group(1).lower()
            if name == "link" and key == "href" and not _is_fetching_link(tag.group(0)):
                continue
            if name in ("a",) or (key == "href" and name not in ("link", "image")):
                continue
            value = attr.group(2).strip("\"'")
            candidates = [part.strip().split(" ")[0] for part in value.split(",")] if key == "srcset" else [value]
            found += [c for c in candidates if _REMOTE.match(c)]
    for block in _STYLE_BLOCK.finditer(html):
        if _CSS_URL.search(block.group(1)):
            found.append("a <style> block importing from another host")
    return found


def _is_fetching_link(tag: str) -> bool:
    rel = re.search(r"\brel\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", tag, re.I)
    rels = set(rel.group(1).strip("\"'").lower().split()) if rel else set()
    # canonical, prev, next, alternate are navigation hints, not requests.
    return bool(rels & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                        "manifest", "apple-touch-icon"})
