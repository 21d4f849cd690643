"""Numbers the way of each edition's language (Babel): space between thousands, decimal comma, percent.

Babel's kk and ru locales group thousands with a no-break space (U+00A0) and use a decimal comma:
1 234 567,9 and 12,3%. A minus sign is the true minus (U+2212) for print. :func:`plural` picks the
form of a noun after a number by the language's plural rules (Russian: 1 регион, 2 региона, 5 регионов).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal

LOCALES = {"kk": "kk", "ru": "ru", "en": "en"}
MINUS = "\u2212"


def _round(x: float, decimals: int) -> Decimal:
    # Half-up rounding of the decimal representation, as a reader would round by hand.
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _check(x) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)) and not hasattr(x, "__float__"):
        raise TypeError(f"expected a number, got {type(x).__name__} {x!r}")
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("cannot format a missing (NaN) or infinite value; handle gaps in the chapter")
    return x


def number(x, decimals: int = 1, lang: str = "kk") -> str:
    x = _check(x)
    d = _round(x, decimals)
    if d == 0:
        d = abs(d)  # no "-0,0"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    s = format_decimal(d, format=pattern, locale=LOCALES[lang])
    return s.replace("-", MINUS)


def integer(x, lang: str = "kk") -> str:
    return number(x, 0, lang)


def percent(x, decimals: int = 1, lang: str = "kk") -> str:
    """``x`` is a fraction: 0.123 -> '12,3%'."""
    return number(_check(x) * 100, decimals, lang) + "%"


def signed(x, decimals: int = 1, lang: str = "kk") -> str:
    """With an explicit sign: +1,5 or −1,5 (zero has no sign)."""
    s = number(x, decimals, lang)
    return s if s.startswith(MINUS) or _round(_check(x), decimals) == 0 else "+" + s


def pvalue(x, decimals: int = 3, lang: str = "kk") -> str:
    """A p-value: '0,012', or '< 0,001' below the last printed decimal (never '0,000')."""
    x = _check(x)
    floor = 10.0**-decimals
    if x < floor:
        return "< " + number(floor, decimals, lang)
    return number(x, decimals, lang)


def year(x) -> str:
    return str(int(x))


def plural(x, forms, lang: str = "kk") -> str:
    """The form of a noun after the number ``x``: ``forms`` maps Babel's plural categories of
    ``lang`` (Russian: one, few, many; other for a fraction) to the forms; a missing category
    takes the ``many`` form, then the ``other`` one."""
    cat = Locale.parse(LOCALES[lang]).plural_form(abs(_check(x)))
    for key in (cat, "many", "other"):
        if key in forms:
            return forms[key]
    raise KeyError(f"no form for the plural category {cat!r} of {lang!r} (forms: {', '.join(forms)})")
