"""A district's settings: one typed, frozen value built from the data folder's settings.

The data folder keeps them as a plain mapping (`meta.json`, table `settings`); every
reader goes through `Settings.from_mapping`, so a default and a check exist in one place.
A bad stored or typed value is refused with a coded error naming the setting. Keys this
version does not know are left alone (a newer diaodu may have written them).

To add a setting: a field here with its default, a line in `_SPECS`, and its help text
(`settings.help_<key>`) in `agenda/strings/settings.yaml`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from agenda.errors import InputError
from agenda.groups import BY_KIND, LEVELS_EN, Group, Grouping

LEVELS = tuple(LEVELS_EN)  # 区, 县, 市, 旗: the district's level, as in 全区 / 全县 / 全市
TEXT_LIMIT = 100
LONG_TEXT_LIMIT = 300


@dataclass(frozen=True)
class Settings:
    district: str = ""  # the district's name, e.g. 楼区
    level: str = "区"  # 全区合计 / 全县合计 / 全市合计
    top_n: int = 3  # units named per group as leading (位居前列) and lagging (排名靠后)
    percent_digits: int = 2  # completion and rates: 115.26% (2) or 115.3% (1)
    groups: Grouping = BY_KIND  # ranked among their own kind: towns, parks, departments
    warn_days: int = 3  # a commitment turns yellow this many days before its date
    template: str = "zhaoshang"  # the agenda of a new meeting: a shipped one or the district's
    exports: str = ""  # where the app writes files; empty: Documents/diaodu
    lang: str = ""  # the district's language (zh/en); empty: --lang, DIAODU_LANG, the locale
    # 督办 (agenda/escalation.py): a unit that missed commitments at this many meetings
    # running is flagged 约谈; a commitment carried over this many times, 挂牌督办.
    talk_after: int = 2
    supervise_after: int = 2
    # The documents the office sends (公文, GB/T 9704): who issues them, their 文号
    # (楼招办〔2026〕12号: the prefix and the number in the year's sequence; 0 leaves the
    # number blank, to be written in by hand), and who gets a copy (抄送).
    issuer: str = ""  # 发文机关, e.g. 楼区招商引资工作领导小组办公室
    doc_prefix: str = ""  # 发文机关代字, e.g. 楼招办
    doc_number: int = 0  # the bulletin's number in the year's sequence
    copies: str = ""  # 抄送, e.g. 区委办公室，区政府办公室

    # --- the office's documents ------------------------------------------------------------
    def doc_reference(self, year: int) -> str:
        """楼招办〔2026〕12号; with no number yet, a blank to write it in: 楼招办〔2026〕　号;
        "" without a prefix."""
        if not self.doc_prefix:
            return ""
        number = str(self.doc_number) if self.doc_number else "\u3000\u3000"
        return f"{self.doc_prefix}〔{year}〕{number}号"

    # --- words that follow the district's level ------------------------------------------
    def whole(self, lang: str) -> str:
        """全区 / the district (全县 / the county …)."""
        return f"全{self.level}" if lang == "zh" else f"the {LEVELS_EN.get(self.level, 'district')}"

    def total_label(self, lang: str) -> str:
        """The total line of a table: 全区合计 / District total."""
        if lang == "zh":
            return f"全{self.level}合计"
        return f"{LEVELS_EN.get(self.level, 'district').capitalize()} total"

    def subtotal_label(self, group: Group, lang: str) -> str:
        """乡镇（街道）小计 / Towns and sub-districts subtotal."""
        name = group.name(lang, self.level)
        return f"{name}小计" if lang == "zh" else f"{name} subtotal"

    # --- reading and writing -----------------------------------------------------------------
    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], source: str = "") -> Settings:
        """The settings a data folder holds; a missing one takes its default."""
        values: dict[str, Any] = {}
        for key, spec in _SPECS.items():
            if key in raw and raw[key] is not None:
                values[key] = _checked(key, spec, raw[key], source)
        return cls(**values)

    def stored(self, key: str) -> Any:
        """A setting as the data folder keeps it (plain JSON)."""
        value = getattr(self, key)
        return value.text if isinstance(value, Grouping) else value

    def shown(self) -> list[tuple[str, str]]:
        """Every setting and its value as text, in the order of the class."""
        return [(field.name, str(self.stored(field.name))) for field in fields(self)]


def parse_setting(key: str, text: str) -> Any:
    """A value typed on the command line, checked; returns what to store."""
    spec = _SPECS.get(key)
    if spec is None:
        raise InputError("settings.unknown", setting=key, known=", ".join(_SPECS))
    value = _checked(key, spec, text, "")
    return value.text if isinstance(value, Grouping) else value


def setting_keys() -> tuple[str, ...]:
    return tuple(_SPECS)


# --- checks ----------------------------------------------------------------------------------
Parse = Callable[[str, Any], Any]


def _checked(key: str, parse: Parse, value: Any, source: str) -> Any:
    try:
        return parse(key, value)
    except InputError as error:
        raise error.at(source=source) if source else error from None


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InputError("settings.not_text", setting=key)
    text = value.strip()
    if len(text) > TEXT_LIMIT or "\n" in text:
        raise InputError("settings.text_too_long", setting=key, limit=TEXT_LIMIT)
    return text


def _integer(low: int, high: int) -> Parse:
    def parse(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InputError("settings.not_integer", setting=key, value=str(value))
        try:
            number = int(str(value).strip())
        except ValueError:
            raise InputError("settings.not_integer", setting=key, value=str(value)) from None
        if not low <= number <= high:
            raise InputError("settings.out_of_range", setting=key, value=number, low=low, high=high)
        return number

    return parse


def _long_text(key: str, value: Any) -> str:
    """A line that may run longer than a name: the 抄送 list of offices."""
    if not isinstance(value, str):
        raise InputError("settings.not_text", setting=key)
    text = value.strip()
    if len(text) > LONG_TEXT_LIMIT or "\n" in text:
        raise InputError("settings.text_too_long", setting=key, limit=LONG_TEXT_LIMIT)
    return text


def _choice(choices: tuple[str, ...]) -> Parse:
    def parse(key: str, value: Any) -> str:
        text = _text(key, value)
        if text not in choices:
            raise InputError(
                "settings.not_choice", setting=key, value=text, choices="、".join(choices)
            )
        return text

    return parse


def _groups(key: str, value: Any) -> Grouping:
    return Grouping.parse(_text(key, value))


def _template(key: str, value: Any) -> str:
    """A template's key: a shipped template or one the district keeps. Whether the
    district keeps it is the store's to check when the setting is saved."""
    from agenda.templates import template_key_refusal

    text = _text(key, value)
    refusal = template_key_refusal(text)
    if refusal is not None:
        raise InputError("settings.bad_template", setting=key, value=text)
    return text


_SPECS: dict[str, Parse] = {
    "district": _text,
    "level": _choice(LEVELS),
    "top_n": _integer(1, 20),
    "percent_digits": _integer(1, 2),
    "groups": _groups,
    "warn_days": _integer(0, 60),
    "template": _template,
    "exports": _text,
    "lang": _choice(("zh", "en")),
    "talk_after": _integer(1, 12),
    "supervise_after": _integer(1, 12),
    "issuer": _text,
    "doc_prefix": _text,
    "doc_number": _integer(0, 9999),
    "copies": _long_text,
}
