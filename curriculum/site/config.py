"""Options of the `curriculum` MkDocs plugin (mkdocs.yml `plugins:`).

    plugins:
      - search
      - offline
      - curriculum:
          pdfs: true

There is no `enabled` switch: without the plugin there is no site, and
MkDocs must never publish the sources itself (it would read their front
matter with its own, lenient parser).
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CurriculumConfig(Config):
    # The curriculum folder (holding programme.yml); default: mkdocs.yml's folder.
    root = c.Optional(c.Dir(exists=True))
    # `mkdocs build` also writes every PDF, as `curriculum build` does. Serving
    # never renders PDFs: it links those of the last `curriculum build`.
    pdfs = c.Type(bool, default=True)
    # Words the site adds around author content (for another language).
    notes_heading = c.Type(str, default="Facilitator notes")
    facilitator_badge = c.Type(str, default="Facilitators only")
