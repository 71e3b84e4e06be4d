"""A QR code drawn as vector squares (segno computes the modules; nothing is rasterised)."""

from __future__ import annotations

import segno

from .sheet import INK, PAPER, SheetPDF

QUIET = 2  # modules of white border around the code (the sheet's white margin adds the rest)


def draw_qr(pdf: SheetPDF, x: float, y: float, size: float, data: str) -> bool:
    """The code of ``data`` in a ``size`` mm square at (x, y); dark runs of a row are one rectangle each.
    False when ``data`` is too long for a QR code (nothing is drawn)."""
    try:
        code = segno.make(data, error="m", micro=False)
    except segno.DataOverflowError:  # a link too long for any QR code: the printed link still carries it
        return False
    matrix = code.matrix
    count = len(matrix) + 2 * QUIET
    module = size / count
    pdf.box(x, y, size, size, fill=PAPER)
    pdf.set_fill_color(*INK)
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            pdf.rect(
                x + (start + QUIET) * module,
                y + (row + QUIET) * module,
                (column - start) * module + 0.01,  # a hair of overlap: no white seams between modules
                module + 0.01,
                style="F",
            )
    return True
