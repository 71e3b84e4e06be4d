"""The page every printed sheet is drawn on: an A4 fpdf2 document with the embedded font and a few text tools.

Positions are in millimetres from the top left; type sizes in points. Text is wrapped here rather than by
fpdf2's ``multi_cell`` so that Chinese breaks between any two characters while an amount (``¥2,800.00``)
or an English word stays whole, and no line starts with a closing mark (，。、）〕).
"""

from __future__ import annotations

import re

from fpdf import FPDF

from .fonts import FAMILY, font_path

PT = 25.4 / 72  # millimetres per point
ASCENT = 0.88  # Noto Sans SC's ascender, in ems: the baseline sits this far below a line's top
INK = (17, 24, 39)
MUTED = (75, 85, 99)
RULE = (156, 163, 175)
AFTER = (11, 110, 79)  # the dashboard's "after" green: prints as a dark grey
BEFORE = (110, 118, 129)  # the dashboard's "before" grey, darkened so hatching shows on paper
PAPER = (255, 255, 255)
TINT = (241, 245, 249)

# A token is one CJK character or a run of other non-space characters (a number, a word, ¥2,800.00), each
# with the opening marks before it and the closing marks after it, so no line ends on "（" or starts on "）。";
# or a run of spaces.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_OPENING = "《「『〔【（“‘("
_CLOSING = "，。、；：？！）》」』〕】”’,.;:?!)%"
_OPEN, _CLOSE = f"[{re.escape(_OPENING)}]*", f"[{re.escape(_CLOSING)}]*"
_TOKEN = re.compile(
    rf"{_OPEN}(?:[{_CJK}]|[^\s{_CJK}{re.escape(_OPENING)}]+){_CLOSE}|[{re.escape(_OPENING + _CLOSING)}]+|\s+"
)


class SheetPDF(FPDF):
    """An A4 document in Noto Sans SC with no automatic page breaks (every sheet places its own blocks)."""

    def __init__(self, orientation: str = "portrait", *, title: str, lang: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.add_font(FAMILY, fname=str(font_path()))
        self.set_font(FAMILY, size=10)
        self.set_title(title)
        self.set_lang("zh-CN" if lang == "zh" else "en")
        self.set_creator("门诊共济测算 / Outpatient mutual-aid calculator")
        self.lang = lang
        self._advances: dict[str, float] = {}
        self._wrapped: dict[tuple[str, float, float, float], list[str]] = {}

    # -- type ---------------------------------------------------------------------------------------------

    def _stroke_on(self, size: float) -> None:
        """Fill and stroke the glyphs (text render mode 2) with a stroke of ~3.5 % of the type size.

        Written as raw operators outside fpdf2's text state (which would leave the mode on after the text
        and writes the width in the wrong unit); :meth:`_stroke_off` restores fill-only text and fpdf2's
        own line width."""
        self._out(f"2 Tr {size * 0.035:.3f} w")

    def _stroke_off(self) -> None:
        self._out(f"0 Tr {self.line_width * self.k:.3f} w")

    def width_of(self, text: str, size: float) -> float:
        """The width of ``text`` in mm at ``size`` pt: per-character advances, measured once each (fpdf2's
        own measure re-reads its text state on every call, which made wrapping the working slow)."""
        widths = self._advances
        missing = [ch for ch in set(text) if ch not in widths]
        if missing:
            self.set_font_size(1)
            for ch in missing:
                widths[ch] = self.get_string_width(ch)
        return sum(widths[ch] for ch in text) * size

    def put(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        colour: tuple[int, int, int] = INK,
        bold: bool = False,
        align: str = "L",
        link: str | None = None,
    ) -> float:
        """One line of text whose top is at ``y`` (``align`` R: ``x`` is its right end; C: its middle).
        Returns its width."""
        width = self.width_of(text, size)
        self.set_font_size(size)
        left = x - width if align == "R" else x - width / 2 if align == "C" else x
        self.set_text_color(*colour)
        self.set_draw_color(*colour)
        if bold:
            self._stroke_on(size)
        self.text(left, y + size * PT * ASCENT, text)
        if bold:
            self._stroke_off()
        if link:
            self.link(left, y, width, size * PT, link)
        return width

    def wrap(self, text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
        """``text`` broken into lines no wider than ``width`` mm at ``size`` pt (explicit newlines kept; lines
        after a paragraph's first are ``indent`` mm narrower); a word longer than a line (a long link) is cut
        where it must be. Kept per document: the working is measured at several sizes before it is drawn."""
        key = (text, width, size, indent)
        if key not in self._wrapped:
            self._wrapped[key] = [
                line for paragraph in text.split("\n") for line in self._wrap_one(paragraph, width, size, indent)
            ]
        return self._wrapped[key]

    def _wrap_one(self, paragraph: str, first_width: float, size: float, indent: float) -> list[str]:
        lines: list[str] = []
        current, used, width = "", 0.0, first_width
        for token in _TOKEN.findall(paragraph):
            token_w = self.width_of(token, size)
            if current and not token.isspace() and used + token_w > width:
                lines.append(current.rstrip())
                current, used, width = "", 0.0, first_width - indent
            if not current and token.isspace():
                continue
            current, used = current + token, used + token_w
            while used > width and len(current) > 1:  # a word longer than the line
                cut = len(current) - 1
                while cut > 1 and self.width_of(current[:cut], size) > width:
                    cut -= 1
                lines.append(current[:cut])
                current, width = current[cut:], first_width - indent
                used = self.width_of(current, size)
        lines.append(current.rstrip())
        return lines

    def paragraph(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        size: float,
        *,
        leading: float = 1.3,
        colour: tuple[int, int, int] = INK,
        bold: bool = False,
        indent: float = 0.0,
    ) -> float:
        """Wrapped text from top ``y``; lines after the first start ``indent`` mm in. Returns the y below it."""
        step = size * PT * leading
        for number, line in enumerate(self.wrap(text, width, size, indent)):
            self.put(x + (indent if number else 0.0), y, line, size, colour=colour, bold=bold)
            y += step
        return y

    def height_of(self, text: str, width: float, size: float, *, leading: float = 1.3, indent: float = 0.0) -> float:
        """The height :meth:`paragraph` would take."""
        return len(self.wrap(text, width, size, indent)) * size * PT * leading

    # -- shapes -------------------------------------------------------------------------------------------

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: tuple[int, int, int] | None = None,
        stroke: tuple[int, int, int] | None = None,
        width: float = 0.2,
    ) -> None:
        if fill is None and stroke is None:
            return
        if fill is not None:
            self.set_fill_color(*fill)
        if stroke is not None:
            self.set_draw_color(*stroke)
            self.set_line_width(width)
        style = "DF" if fill is not None and stroke is not None else ("F" if fill is not None else "D")
        self.rect(x, y, w, h, style=style)

    def rule(self, x1: float, y: float, x2: float, *, colour: tuple[int, int, int] = RULE, width: float = 0.2) -> None:
        self.set_draw_color(*colour)
        self.set_line_width(width)
        self.line(x1, y, x2, y)

    def hatch(self, x: float, y: float, w: float, h: float, *, colour: tuple[int, int, int], gap: float = 1.1) -> None:
        """Diagonal lines inside a rectangle (the "before" pattern: readable without colour)."""
        if w <= 0 or h <= 0:
            return
        self.set_draw_color(*colour)
        self.set_line_width(0.18)
        start = -h
        while start < w:
            # the line x = start + t, y = y + h - t for t in [0, h], clipped to [0, w]
            t0, t1 = max(0.0, -start), min(h, w - start)
            if t1 > t0:
                self.line(x + start + t0, y + h - t0, x + start + t1, y + h - t1)
            start += gap
