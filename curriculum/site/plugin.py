"""The `curriculum` MkDocs plugin: a signpost, not a builder.

A curriculum repository's mkdocs.yml lists `curriculum` under `plugins:`.
`curriculum build` and `curriculum serve` drop it from the configuration
they generate (they make every page themselves, see build.py). Someone who
types plain `mkdocs build` or `mkdocs serve` in the repository would get a
site of raw session files, so the plugin stops MkDocs with one line saying
what to run instead. Nothing depends on it.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

MESSAGE = ("this is a curriculum repository: run `curriculum build` to build the site and PDFs "
           "(or `curriculum serve` to preview it); plain MkDocs would publish the raw session files")


class CurriculumPlugin(BasePlugin):
    def on_config(self, config):
        raise PluginError(MESSAGE)
