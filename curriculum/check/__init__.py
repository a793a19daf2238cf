"""Checking a loaded curriculum: every rule, reading grades and coverage.

    validate.py    validate(root) -> Report: load, run every rule, apply overrides
    rules/         one module per family of rules, each rule a small function
    readability.py sentences, words and reading grades of plain English
    coverage.py    the theme, thread and key-message matrix (shared with the site and PDFs)
"""
