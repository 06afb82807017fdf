"""The one number parser: a figure is read as the person meant it, or refused with why.

Properties (hypothesis) as well as examples: every formatted number parses back, with
or without grouping, in full-width; every accepted string means the number its digits
say; a comma anywhere but between groups of thousands is refused."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from agenda.errors import InputError
from agenda.importing.number import Percent, parse_figure, parse_number, parse_whole

FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def refused(value: object, code: str, **options: bool) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_number(value, **options)
    assert caught.value.code == code
    return caught.value


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("12", 12.0),
        (" 12.5 ", 12.5),
        ("1,234.5", 1234.5),
        ("12,345", 12345.0),
        ("1,234,567", 1234567.0),
        ("１２．５", 12.5),
        ("３，１４１", 3141.0),  # full-width comma between thousands
        ("　42　", 42.0),  # ideographic spaces around
        (".5", 0.5),
        ("5.", 5.0),
        ("-3", -3.0),
        ("1.2E+07", 12_000_000.0),  # Excel's CSV of a large number
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_numbers_as_people_write_them(typed: object, meant: float) -> None:
    assert parse_number(typed) == meant


@pytest.mark.parametrize("typed", ["12,5", "1.234,5", "3，14", "1,23", "1,2345", "12,", ",5"])
def test_a_comma_that_does_not_separate_thousands_is_refused(typed: str) -> None:
    error = refused(typed, "number.comma")
    assert "a comma only separates thousands" in str(error)
    assert "逗号只能用作千位分隔符" in error.words("zh")


@pytest.mark.parametrize("typed", ["", "十二", "1.2.3", "nan", "inf", "1e999", "²", "1 234", "٣"])
def test_what_is_not_a_number(typed: str) -> None:
    refused(typed, "number.not_a_number")


def test_a_bool_is_not_a_number() -> None:
    refused(True, "number.not_a_number")


def test_a_percentage_only_where_a_rate_is_expected() -> None:
    assert parse_number("95%", percent=True) == 95.0
    assert parse_number("６０．５％", percent=True) == 60.5
    assert parse_number(Percent(62.5), percent=True) == 62.5
    assert "is a percentage" in str(refused("95%", "number.percent"))
    assert str(refused(Percent(62.5), "number.percent")).startswith("'62.5%'")


def test_a_figure_is_not_negative() -> None:
    with pytest.raises(InputError) as caught:
        parse_figure("-3")
    assert str(caught.value) == "-3 is negative"
    assert parse_figure("0") == 0.0


@pytest.mark.parametrize(("typed", "meant"), [("3", 3), ("３", 3), (4, 4), (5.0, 5)])
def test_whole_numbers(typed: object, meant: int) -> None:
    assert parse_whole(typed) == meant


@pytest.mark.parametrize("typed", ["²", "1.5", "-1", "", "x", 1.5, -2, True])
def test_not_whole_numbers(typed: object) -> None:
    with pytest.raises(InputError) as caught:
        parse_whole(typed)
    assert caught.value.code == "number.not_whole"


# --- properties ---------------------------------------------------------------------------
figures = st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(figures)
def test_a_number_as_python_writes_it_reads_back_exactly(x: float) -> None:
    assert parse_number(repr(x)) == x
    assert parse_number(repr(x).translate(FULL_WIDTH)) == x


@given(figures, st.integers(min_value=0, max_value=4), st.booleans(), st.booleans())
@example(1234.5, 1, True, False)
def test_a_formatted_number_reads_back(x: float, digits: int, grouped: bool, wide: bool) -> None:
    """As a spreadsheet shows it: fixed decimals, with or without thousands separators,
    typed in full-width by a Chinese IME or not."""
    text = f"{x:,.{digits}f}" if grouped else f"{x:.{digits}f}"
    meant = float(f"{x:.{digits}f}")
    assert parse_number(text.translate(FULL_WIDTH) if wide else text) == meant
    assert parse_number(f"-{text}") == -meant
    assert parse_number(f"{text}%", percent=True) == meant


@given(st.integers(min_value=0, max_value=10**15))
def test_a_grouped_whole_number_reads_back(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".translate(FULL_WIDTH)) == n


@given(
    st.integers(min_value=0, max_value=10**6),
    st.text(alphabet="0123456789", min_size=1, max_size=6).filter(lambda d: len(d) != 3),
)
def test_a_decimal_comma_is_never_read(whole: int, decimals: str) -> None:
    """12,5 might be 12.5 (a European decimal comma) or 125: it is refused, never guessed."""
    with pytest.raises(InputError):
        parse_number(f"{whole},{decimals}")
    with pytest.raises(InputError):
        parse_number(f"{whole:,}.{decimals[:1]},{decimals}")


NUMBERISH = st.text(alphabet="0123456789,.%+- eE，．％０１２３　", max_size=12)
THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]*)?")


@given(NUMBERISH)
def test_every_accepted_string_means_the_number_its_digits_say(typed: str) -> None:
    """Whatever the parser accepts, a person reading it would agree: commas only between
    groups of three digits before the point, and the value is the digits without them."""
    try:
        value = parse_number(typed, percent=True)
    except InputError:
        return
    text = unicodedata.normalize("NFKC", typed).strip().removesuffix("%").strip()
    if "," in text:
        assert THOUSANDS.fullmatch(text), typed
    assert value == float(text.replace(",", ""))
