"""Checks and fixes on each finished HTML page (pure: strings in, strings out).

- `finish_page` adds a Content-Security-Policy naming the hashes of the
  page's own inline scripts (the theme's), so no other inline script can
  run, even if one ever slipped through: author HTML is escaped long before.
- `external_requests` finds anything the browser would fetch from another
  host when the page opens (scripts, styles, images, frames, fonts, media).
"""

from __future__ import annotations

import base64
import hashlib
import re

CSP = ("default-src 'self'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; frame-src 'self'; media-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'")
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'

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


def add_csp(html: str) -> str:
    """The page with a Content-Security-Policy allowing only the site itself
    and the page's own inline scripts (the theme's), placed first in <head>."""
    policy = CSP.format(scripts=" ".join(script_hashes(html)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return html[:anchor.end()] + meta + html[anchor.end():]


def finish_page(html: str) -> str:
    """A generated page as we publish it: the theme's search dialog named
    (axe: aria-dialog-name), and a Content-Security-Policy."""
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    return add_csp(html)


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


_ROOT_ABSOLUTE = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""", re.I)
_CONFIG = re.compile(r'(<script id="__config"[^>]*>)(.*?)(</script>)', re.S)
_CONFIG_BASE = re.compile(r'("base":\s*)"/"')
_CONFIG_PATH = re.compile(r'(:\s*)"/(?!/)')  # a value that is a root-absolute address


def relative_from_root(html: str) -> str:
    """A page at the site's root (the 404 page, which generators write with
    root-absolute addresses) with relative addresses instead: styled and
    working from the file system, where '/' is the disk's root. The theme's
    configuration (its base and its search worker) too."""
    html = _ROOT_ABSOLUTE.sub(r"\1", html)

    def config(match: re.Match) -> str:
        body = _CONFIG_PATH.sub(r'\1"', _CONFIG_BASE.sub(r'\1"."', match.group(2)))
        return match.group(1) + body + match.group(3)

    return _CONFIG.sub(config, html)
