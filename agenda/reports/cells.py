"""One cell's value as text (Markdown, Word) and as CSV; the injection guard."""

from __future__ import annotations

from datetime import date

from agenda.numbers import fmt_change, fmt_fixed, fmt_number, fmt_percent, fmt_points
from agenda.reports.document import Kind, Value

# A spreadsheet takes a cell beginning with one of these as a formula (or DDE): a unit
# name typed as "=HYPERLINK(...)" must arrive as text. OWASP's CSV-injection advice.
FORMULA_STARTS = ("=", "+", "-", "@")
# A cell beginning with a tab or a line break is risky in itself, and whitespace before a
# formula character does not make it safe: spreadsheets trim it ("\n=1+1" runs).
BREAK_STARTS = ("\t", "\r", "\n")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return text.startswith(BREAK_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run (CSV); other text is left alone."""
    return "'" + text if runs_as_formula(text) else text


def display(value: Value, kind: Kind, digits: int | None = None) -> str:
    """How a cell reads in the minutes or the bulletin: '115.26%', '+9.2', '2026-11-30';
    with `digits`, a number or a percentage has exactly that many decimals (1,393.30)."""
    if value is None:
        return "" if kind is Kind.TEXT else "—"
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if kind is Kind.PERCENT:
        return fmt_percent(value, 2 if digits is None else digits)
    if kind is Kind.CHANGE:
        return fmt_change(value)
    if kind is Kind.POINTS:
        return fmt_points(value)
    if kind is Kind.INTEGER:
        return str(int(value))
    return fmt_number(value) if digits is None else fmt_fixed(value, digits)


def plain_number(value: float) -> str:
    """A number for CSV: no grouping, at most 4 decimals, no trailing zeros."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def csv_cell(value: Value) -> str:
    """Numbers as plain numbers (a negative one stays a number); text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)
