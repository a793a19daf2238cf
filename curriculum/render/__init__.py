"""The Markdown shared by the site and the PDFs: the extensions author text
is rendered with, what HTML it may become, and the small extensions of our
own (tick boxes, template text shown as written, list indentation)."""
