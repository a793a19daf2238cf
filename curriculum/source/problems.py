"""What the loader reports while reading files: CUR1xx (files, front matter,
YAML, the schema) and the few codes of other families it finds first
(duplicate ids and notes, unsafe and oversized files).

Declared here, beside the loader that reports them; `curriculum rules` and
docs/rules.md list them with every other code.
"""

from ..findings import declare

file_encoding = declare("CUR101", "file-encoding", doc="""
A content file must be UTF-8 text.

Why: bytes in another encoding (Latin-1 from an old editor, a binary file
named `.md`) would be published as garbage or crash a renderer.

Bad: a plan saved as Windows-1252 with a `£` sign.
Good: save the file as UTF-8 (every modern editor offers it).
""")

front_matter_missing = declare("CUR102", "front-matter-missing", doc="""
A plan, handout or note must start with `---` on its very first line.

Why: without front matter a file has no id, title or activities; and MkDocs
would publish a malformed block as page text.

Bad: a blank line, or a BOM-less title, before the first `---`.
Good: `---` as the first line, the YAML, then `---` alone on a line.
""")

front_matter_unclosed = declare("CUR103", "front-matter-unclosed", doc="""
Front matter must be closed by a line holding only `---`.

Bad: `---`, `id: a`, then straight into `## Heading`, or `...` as the end.
Good: close the YAML with `---` alone on its line.
""")

yaml_syntax = declare("CUR104", "yaml-syntax", doc="""
The YAML cannot be read.

Why: an unreadable block would otherwise be dropped or published as text.

Bad: `title: Birth: what to expect` (an unquoted `: `).
Good: `title: "Birth: what to expect"`.
""")

duplicate_key = declare("CUR105", "duplicate-key", doc="""
A key appears twice in the same mapping.

Why: YAML silently keeps the last one, so an edit to the first is lost.

Bad: two `minutes:` lines in one activity.
Good: one `minutes:` line.
""")

yaml_alias = declare("CUR106", "yaml-alias", doc="""
YAML anchors (`&name`) and aliases (`*name`) are refused.

Why: a few hundred bytes of nested aliases expand to gigabytes (an "alias
bomb"), and shared values make a file hard to edit safely.

Bad: `themes: *common`.
Good: write the list out: `themes: [birth, baby-care]`.
""")

yaml_tab = declare("CUR107", "yaml-tab", doc="""
YAML must be indented with spaces, not tabs.

Bad: a tab before `- id: welcome`.
Good: two spaces before `- id: welcome`.
""")

coerced_value = declare("CUR108", "coerced-value", doc="""
A value meant as text was read by YAML as something else.

Why: YAML 1.1 reads `no`, `yes`, `on`, `off` as true or false, `1.10` as
the number 1.1 and `2024-01-01` as a date, so `title: no` has no title.

Bad: `title: No`.
Good: `title: "No"`.
""")

missing_field = declare("CUR109", "missing-field", doc="""
A required field is missing.

Bad: a plan without `duration:`.
Good: `duration: 120`.
""")

wrong_type = declare("CUR110", "wrong-type", doc="""
A field has the wrong kind of value.

Bad: `minutes: "twenty"` or `title: 12`.
Good: `minutes: 20`, `title: "12 weeks"`.
""")

unknown_key = declare("CUR111", "unknown-key", doc="""
A key that the format does not know, usually a typo.

Why: a misspelt key (`minuts:`) is otherwise silently ignored.

Bad: `minuts: 20`.
Good: `minutes: 20`.
""")

bad_id = declare("CUR112", "bad-id", doc="""
Ids are lowercase slugs: letters, digits and single hyphens.

Why: ids become file names and web addresses; `../x` or spaces would escape
folders or break links.

Bad: `id: Antenatal 1` or `id: ../secret`.
Good: `id: antenatal-1`.
""")

not_a_mapping = declare("CUR113", "not-a-mapping", doc="""
Front matter (and programme.yml) must be a mapping of keys to values.

Bad: front matter holding only a list, or empty front matter.
Good: `id: welcome` and the other keys, one per line.
""")

file_name_mismatch = declare("CUR114", "file-name-mismatch", doc="""
A plan's or handout's `id` must equal its file name without `.md`.

Why: the id is how contacts and links find the file.

Bad: `sessions/week-2.md` with `id: antenatal-2`.
Good: `sessions/antenatal-2.md` with `id: antenatal-2`.
""")

extra_front_matter = declare("CUR115", "extra-front-matter", doc="""
A file has one front-matter block; a second `---` block of keys after it is
refused.

Why: the second block is not front matter: Markdown would render it as a
rule and a heading, publishing its keys (perhaps facilitator-only text) as
page text.

Bad: `---`, `id: a`, `---`, then `---`, `title: A`, `---`.
Good: every key in the one block at the top of the file.
""")

file_not_read = declare("CUR116", "file-not-read", "warning", doc="""
Only the `.md` files directly in `sessions/`, `handouts/` and
`facilitator_notes/` are read; one in a subfolder is ignored.

Why: a plan or handout put in a subfolder silently disappears from the site,
the PDFs and every check.

Bad: `sessions/drafts/antenatal-7.md`.
Good: `sessions/antenatal-7.md`, or keep drafts outside these folders.
""")


duplicate_id = declare("CUR205", "duplicate-id", doc="""
Ids must be unique within their kind: contacts, themes, threads, roles,
phases and key messages in programme.yml; plans; handouts; activities within
a plan.

Why: a duplicate makes links and coverage ambiguous; one of the two is lost.

Bad: two handouts both with `id: safer-sleep`.
Good: `id: safer-sleep` and `id: safer-sleep-after-birth`.
""")

duplicate_notes = declare("CUR208", "duplicate-notes", doc="""
A contact has at most one facilitator notes file.

Bad: two files in facilitator_notes/ both with `contact: antenatal-1`.
Good: one `facilitator_notes/antenatal-1.md`.
""")

file_too_large = declare("CUR701", "file-too-large", doc="""
A content file is limited to 1 MB.

Why: Python-Markdown and WeasyPrint take minutes and gigabytes on huge
inputs; one bad file must not stall the build.

Bad: a 20 MB plan pasted from a PDF.
Good: split it; keep images as separate files.
""")

unsafe_file = declare("CUR705", "unsafe-file", doc="""
Content files must be regular files inside the repository: no symbolic
links pointing outside it, devices or FIFOs.

Why: a link to `/etc/passwd` named `sessions/x.md` would be published.

Bad: `ln -s /etc/passwd sessions/a.md`.
Good: a real file.
""")
