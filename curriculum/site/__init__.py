"""The facilitator website: a MkDocs plugin and the functions the CLI calls.

This is the only package that imports MkDocs (MkDocs 1.x is in maintenance;
a move to another generator touches this folder alone):

    build.py    build_site(cur, site_dir): a strict MkDocs build, for `curriculum build`
    serve.py    serve(root, dev_addr): live preview, for `curriculum serve`
    preview.py  PDFs rendered in the background while serving
    plugin.py   CurriculumPlugin, the `curriculum` MkDocs plugin; config.py its options
    pages.py    every page, the navigation and the view models (pure)
    markdown.py the Markdown extension that keeps author text safe
    safety.py   checks on finished pages: CSP hashes, no third-party requests
    templates/  default templates; a programme's overrides/ wins over them
"""
