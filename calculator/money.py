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


def format_yuan(amount: Decimal, *, symbol: bool = True, signed: bool = False) -> str:
    """``¥1,234.50``; ``signed`` puts an explicit ``+`` on positive changes (``+¥12.00``)."""
    amount = fen(amount)
    sign = "-" if amount < 0 else ("+" if signed and amount > 0 else "")
    body = f"{abs(amount):,.2f}"
    return f"{sign}{'¥' if symbol else ''}{body}"


def format_percent(percent: Decimal) -> str:
    """``60%`` or ``62.5%``: percentages as the policies print them."""
    text = f"{Decimal(percent).normalize():f}"
    return f"{text}%"
