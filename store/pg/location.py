"""Where a district lives on a server: a libpq URL with the district added to its query.

    postgresql://db.city.gov.cn/zhaoshang?district=chengguan&sslmode=verify-full

The district rides in the URL, not in a flag of its own: `--db` and `DIAODU_DB` name the
whole place to open, as a folder path does, so a shortcut on the secretary's desktop holds
one string and cannot pair the city's server with another district's name by mistake.
Everything else is libpq's: host, port, user, database, `sslmode`, `service`, and the
password from PGPASSWORD, ~/.pgpass or the service file. We never parse or keep a
password: the URL goes to libpq as given (the district taken out), and the URL we show is
`shown`, without the password.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from store.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")
DISTRICT_PARAM = "district"
# A district is a schema, a role and a channel name: lower-case ASCII (pinyin), so that an
# analyst can type it unquoted in SQL; at most 40 so that "diaodu_" + it fits a name.
DISTRICT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RESERVED = ("public", "information_schema", "city")


@dataclass(frozen=True)
class Shown:
    """A URL as a message shows it: already without its password (`redact`), and not cut
    at the catalog's 60 characters for a quoted value, which would cut off the district."""

    text: str

    def __str__(self) -> str:
        return self.text if len(self.text) <= 200 else self.text[:197] + "..."

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def is_url(text: object) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class Location:
    """A parsed location. `conninfo` may hold a password: it goes to libpq and nowhere else
    (it is left out of repr)."""

    conninfo: str = field(repr=False)
    district: str | None
    shown: str

    @property
    def database(self) -> str:
        path = urlsplit(self.conninfo).path.lstrip("/")
        return unquote(path) or "(default)"


def parse(text: str) -> Location:
    """Split off the district; refuse a district name that is not one."""
    text = text.strip()
    shown = redact(text)
    scheme, rest = text.split("://", 1)
    base, _, fragment = rest.partition("#")
    path, _, query = base.partition("?")
    kept: list[str] = []
    districts: list[str] = []
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        if unquote(name) == DISTRICT_PARAM:
            districts.append(unquote(value))
        else:
            kept.append(part)
    conninfo = f"{scheme}://{path}" + (f"?{'&'.join(kept)}" if kept else "")
    conninfo += f"#{fragment}" if fragment else ""
    district = districts[-1] if districts else None
    if district is not None:
        check_district(district, shown)
    return Location(conninfo, district, shown)


def check_district(name: str, shown: str) -> None:
    if not DISTRICT_NAME.match(name) or name in RESERVED or name.startswith("pg_"):
        raise StoreError("pg.bad_district", district=name, url=Shown(shown))


def redact(text: str) -> str:
    """The URL without its password (in the user part or a `password=` parameter)."""
    try:
        parts = urlsplit(text.strip())
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            netloc = f"{userinfo.split(':', 1)[0]}@{host}"
        query = "&".join(
            part
            for part in parts.query.split("&")
            if part and unquote(part.partition("=")[0]).strip().lower() != "password"
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return text.split("://", 1)[0] + "://(not shown: the URL cannot be read)"


def secrets_in(text: str) -> list[str]:
    """The passwords a URL or the environment gives libpq, as they might be echoed back
    (raw and decoded): a message from libpq is scrubbed of each before we keep it."""
    found: list[str] = []
    try:
        parts = urlsplit(text.strip())
        userinfo = parts.netloc.rsplit("@", 1)[0] if "@" in parts.netloc else ""
        if ":" in userinfo:
            found.append(userinfo.split(":", 1)[1])
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            if name.strip().lower() == "password":
                found.append(value)
    except ValueError:
        found.append(text.split("://", 1)[-1])  # unreadable: hide all of it
    if os.environ.get("PGPASSWORD"):
        found.append(os.environ["PGPASSWORD"])
    return sorted({s for raw in found for s in (raw, unquote(raw)) if s}, key=len, reverse=True)


def scrub(message: str, secrets: list[str]) -> str:
    for secret in secrets:
        message = message.replace(secret, "***")
    return " ".join(message.split())
