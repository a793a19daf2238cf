"""Small helpers shared by rule modules."""

from __future__ import annotations

import difflib


def did_you_mean(name: str, known) -> str:
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"known: {', '.join(known)}" if known else "define it in programme.yml first"
