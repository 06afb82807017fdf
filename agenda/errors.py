"""Errors a user can act on: each says what is wrong and where.

An error carries a code and its parameters, not a sentence:

    raise RuleError("commitment.extend_overdue", due=commitment.effective_due)

Each client words it in the user's language from the catalog (`agenda/words.py`,
`agenda/strings/*.yaml`), so a rule is written once, here in the domain, and neither the
CLI nor the TUI restates it to say it in Chinese. `str(error)` is the English wording
(logs, tests, a client that has no language yet).
"""

from __future__ import annotations

from typing import Any


class DiaoduError(Exception):
    """Base of every error shown to the user as one readable line."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def words(self, lang: str) -> str:
        """The error as one line in `lang` ("zh" or "en")."""
        from agenda.words import explain  # the catalog is read on first use, not at import

        return explain(self, lang)

    def __str__(self) -> str:
        return self.words("en")


class InputError(DiaoduError):
    """Bad input in a file: names the file, the line (and column or field) and what is wrong.

    `column` is a table's column; `field` a YAML file's path to the value
    ("units[1].aliases[0]"), said before what is wrong."""

    def __init__(
        self,
        code: str,
        /,
        *,
        source: str = "",
        line: int | None = None,
        column: str | int | None = None,
        sheet: str | None = None,
        field: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code, **params)
        self.source = source
        self.line = line
        self.column = column
        self.sheet = sheet
        self.field = field

    def at(
        self,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        sheet: str | None = None,
        field: str | None = None,
    ) -> InputError:
        """The same error placed elsewhere (a reader that knows the sheet or the cell)."""
        return InputError(
            self.code,
            source=self.source if source is None else source,
            line=self.line if line is None else line,
            column=self.column if column is None else column,
            sheet=self.sheet if sheet is None else sheet,
            field=self.field if field is None else field,
            **self.params,
        )


class RuleError(DiaoduError):
    """An action the meeting's rules do not allow (e.g. extending an overdue commitment)."""


class StaleError(RuleError):
    """A save built on an older copy of a record than the one on disk: another window (or
    the CLI) changed it meanwhile. `current` is the record as it is now, so the client can
    show what changed and let the user put their change on top or drop it."""

    def __init__(self, code: str, /, *, current: Any, **params: Any) -> None:
        super().__init__(code, **params)
        self.current = current
