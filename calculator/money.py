"""Money as exact decimal yuan, settled to the fen with half-up rounding.

Every amount the engine produces passes through :func:`fen`, so a figure shown to a user is always the
figure the engine computed; nothing is rounded a second time for display (:func:`format_yuan` only
inserts separators).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = 12


def fen(amount: Decimal | int | str) -> Decimal:
    """Settle an amount to the fen (0.01 yuan), rounding half up as the insurance offices do."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``amount``, settled to the fen."""
    return fen(amount * percent / HUNDRED)


def fen_text(amount: Decimal) -> str:
    """``1234.50``: an amount settled to the fen, as plain text for files (CSV, JSON), two decimals always.

    ``str`` of a settled amount already reads so and costs a sixth of a ``.2f`` format, which a batch file
    pays some twenty times a row; anything not settled to the fen is settled here first."""
    text = str(amount)
    if len(text) > 3 and text[-3] == "." and "E" not in text:
        return text
    return f"{fen(amount):.2f}"


def format_yuan(amount: Decimal, *, symbol: bool = True, signed: bool = False, whole: bool = False) -> str:
    """``¥1,234.50``: the one way money is written, in both languages and every front end.

    The sign comes first, before the symbol, as an ASCII hyphen-minus (``-¥1,234.50``), so a figure copied
    from a chart axis, a bar, a hover, a table, the text or the CLI reads the same and pastes into a
    spreadsheet as a number. ``signed`` puts an explicit ``+`` on positive changes (``+¥12.00``); zero is
    never signed. ``whole`` drops the fen, for axis ticks (``-¥1,400``).
    """
    amount = fen(amount)
    if whole:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ("+" if signed and amount > 0 else "")
    body = f"{abs(amount):,.0f}" if whole else f"{abs(amount):,.2f}"
    return f"{sign}{'¥' if symbol else ''}{body}"


def format_rounded_yuan(amount: Decimal, lang: str = "zh") -> str:
    """A simulated aggregate at the precision its evidence supports: to the thousand yuan, as
    ``23,244.3 万元`` (Chinese) or ``¥23,244 thousand`` (English); smaller amounts to the yuan.

    Exact figures (to the fen) belong in a download, not on the page.
    """
    amount = Decimal(amount)
    if abs(amount) < 10_000:
        return format_yuan(amount, whole=True)
    sign = "-" if amount < 0 else ""
    if lang == "en":
        thousands = (abs(amount) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"{sign}¥{thousands:,.0f} thousand"
    wan = (abs(amount) / 10_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{sign}{wan:,.1f} 万元"


def format_percent(percent: Decimal) -> str:
    """``60%`` or ``62.5%``: percentages as the policies print them."""
    text = f"{Decimal(percent).normalize():f}"
    return f"{text}%"
