"""Errors a user can act on: each says what is wrong and where."""

from __future__ import annotations


class DiaoduError(Exception):
    """Base of every error shown to the user as one readable line."""


class InputError(DiaoduError):
    """Bad input in a file: names the file, the line (and column or field) and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        line: int | None = None,
        column: str | int | None = None,
        sheet: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.sheet = sheet
        super().__init__(self.where() + message)

    def where(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return (", ".join(parts) + ": ") if parts else ""


class RuleError(DiaoduError):
    """An action the meeting's rules do not allow (e.g. extending an overdue commitment)."""
