"""The text of a PDF that Chromium printed, one string per sheet.

PDFium (pypdfium2) reads it: pypdf took about 1.2 s per printed card, two thirds of the
card print test, and PDFium takes a twentieth of that. Chromium's PDF font writes some
characters as CJK compatibility forms (⼊ for 入) and PDFium ends lines with CR LF; both are
folded here so that the tests compare plain text.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2


def pdf_sheets(pdf: bytes | Path) -> list[str]:
    """Each sheet's text in NFKC, lines ending in a bare LF."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        sheets = []
        for index in range(len(document)):
            sheet = document[index]
            text = sheet.get_textpage().get_text_bounded()
            sheets.append(unicodedata.normalize("NFKC", text).replace("\r\n", "\n"))
            sheet.close()
        return sheets
    finally:
        document.close()
