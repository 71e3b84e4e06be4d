"""The typeface every printed sheet is set in: Noto Sans SC, shipped by a PyPI package, embedded as a subset.

Noto Sans SC (SIL Open Font License 1.1) covers Chinese, Latin, digits and the signs the sheets use
(¥ 〔〕 → ✓ ×), so one font sets both languages and the PDF prints the same on any machine: fpdf2 embeds
only the glyphs a document uses (a one-page sheet carries a few hundred of the font's 31,000 glyphs, tens
of kilobytes instead of 8 MB). The package ``pylopdf-fonts-zh-cn`` ships the font file unchanged from the
Noto project; it is pinned in ``requirements.txt``. The font has one weight, so headings are drawn bold by
stroking the glyph outlines as well as filling them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FAMILY = "notosanssc"


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The Noto Sans SC file inside its package (an ImportError names the package to install)."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError as exc:  # pragma: no cover - a broken install, named for the reader
        raise ImportError(
            "the printed sheets need the font package pylopdf-fonts-zh-cn: pip install -r requirements.txt"
        ) from exc
    return Path(pylopdf_fonts_zh_cn.sans_path())
