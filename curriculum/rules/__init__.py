"""Rule families, one module each. Importing this package registers them all."""

from . import (  # noqa: F401  (imported for registration)
    audience,
    coverage,
    fidelity,
    governance,
    links,
    parsing,
    plain_english,
    references,
    security,
    timing,
)
