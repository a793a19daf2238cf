"""Where each built document lives inside the site folder (pure).

The site links to PDFs through these functions and the PDF writer writes
to them, so the two never disagree.
"""

from __future__ import annotations

PDF_DIR = "pdf"


def handout_pdf(handout_id: str) -> str:
    return f"{PDF_DIR}/handouts/{handout_id}.pdf"


def pack_pdf(contact_id: str) -> str:
    return f"{PDF_DIR}/packs/{contact_id}.pdf"


def card_pdf(contact_id: str) -> str:
    return f"{PDF_DIR}/cards/{contact_id}.pdf"


def workbook_pdf() -> str:
    return f"{PDF_DIR}/parent-workbook.pdf"


def manual_pdf() -> str:
    return f"{PDF_DIR}/facilitator-manual.pdf"


def translated_handout_pdf(lang: str, handout_id: str) -> str:
    return f"{PDF_DIR}/{lang}/handouts/{handout_id}.pdf"


def fidelity_pdf(contact_id: str) -> str:
    return f"{PDF_DIR}/fidelity/{contact_id}.pdf"


def register_pdf() -> str:
    return f"{PDF_DIR}/attendance-register.pdf"


def evaluation_pdf() -> str:
    return f"{PDF_DIR}/evaluation-schedule.pdf"


def register_csv() -> str:
    """Written by the site build (a file, not a PDF), beside the records pages."""
    return "records/attendance-register.csv"
def adaptations_pdf() -> str:
    """A local edition's adaptations, each with its reason (for the licence holder)."""
    return f"{PDF_DIR}/local-adaptations.pdf"
