"""curriculum: author, validate and publish a session-based programme."""

__version__ = "0.1.0"

from .check.validate import validate  # noqa: E402
from .findings import Finding, Severity  # noqa: E402
from .source.load import load  # noqa: E402

__all__ = ["Finding", "Severity", "load", "validate", "__version__"]
