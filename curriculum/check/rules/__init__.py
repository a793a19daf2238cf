"""Rule families, one module each. Importing this package registers them all,
and the codes the loader reports (source/problems.py)."""

from ...source import problems  # noqa: F401  (imported for registration)
from . import (  # noqa: F401  (imported for registration)
    audience,
    coverage,
    editions,
    evaluation,
    fidelity,
    governance,
    links,
    plain_english,
    references,
    security,
    texts,
    timing,
    translated_texts,
    translations,
)
