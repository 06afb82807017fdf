"""A district's figures on the server: settings, templates, units, metrics, targets and
readings.
Each save is one transaction under the district's lock (ids and order are given from
what is committed, as the folder gives them under its file lock)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from psycopg import Cursor, sql
from psycopg.types.json import Jsonb

from agenda.figures import Figures
from agenda.metrics import Metric, Reading, Target, default_metrics, replacement_refusal
from agenda.periods import Period
from agenda.templates import Template, saving_refusal, template_setting_refusal
from agenda.units import Unit, next_unit_id
from store import codec
from store.errors import StoreError
from store.fields import FieldError
from store.pg.base import PgBase, Row, guarded, lookup
from store.records import SETTINGS

Doc = dict[str, Any]
DISTRICT_LOCK = "district"  # units, metrics, targets, readings, settings, templates


class FigureTables(PgBase):
    # --- settings ----------------------------------------------------------------------------
    @lookup
    def settings(self) -> dict[str, Any]:
        return dict(self._query(None, "SELECT key, value FROM {settings} ORDER BY key"))

    @guarded
    def save_settings(self, **values: Any) -> None:
        """Set some settings, each checked by the domain's rule as the folder's are: a
        setting the next read would refuse is never saved."""
        with self._writing(DISTRICT_LOCK) as cur:
            stored: dict[str, Any] = dict(self._query(cur, "SELECT key, value FROM {settings}"))
            problem: StoreError | None = None
            try:
                SETTINGS.check(1, {**stored, **values}, "settings")
            except FieldError as error:
                problem = StoreError("store.bad_setting", name=error.field)
            if problem is not None:
                raise problem
            refusal = template_setting_refusal(values, self._templates(cur))
            if refusal is not None:
                raise refusal
            for key, value in values.items():
                self._query(cur, "DELETE FROM {settings} WHERE key = %s", (key,))
                self._query(cur, "INSERT INTO {settings} VALUES (%s, %s)", (key, Jsonb(value)))

    # --- agenda templates the district keeps -----------------------------------------------
    @lookup
    def templates(self) -> list[Template]:
        """The district's own templates, by key (the shipped ones are not stored)."""
        return self._templates(None)

    def _templates(self, cur: Cursor[Row] | None) -> list[Template]:
        rows = self._query(cur, "SELECT doc FROM {templates} ORDER BY key")
        return [codec.template_from(doc) for (doc,) in rows]

    @guarded
    def save_template(self, template: Template, *, replace: bool = False) -> Template:
        """Keep a template, as the folder does (agenda.templates.saving_refusal)."""
        with self._writing(DISTRICT_LOCK) as cur:
            text = "SELECT doc FROM {templates} WHERE key = %s FOR UPDATE"
            rows = self._query(cur, text, (template.key,))
            old = codec.template_from(rows[0][0]) if rows else None
            refusal = saving_refusal(template, old, replace=replace)
            if refusal is not None:
                raise refusal
            doc = Jsonb(codec.template_doc(template))
            self._query(cur, "DELETE FROM {templates} WHERE key = %s", (template.key,))
            self._query(cur, "INSERT INTO {templates} VALUES (%s, %s)", (template.key, doc))
            return template

    # --- units -------------------------------------------------------------------------------
    @lookup
    def units(self) -> list[Unit]:
        """All units, retired ones too, in their sort order."""
        return self._units(None)

    def _units(self, cur: Cursor[Row] | None) -> list[Unit]:
        units = [codec.unit_from(doc) for (doc,) in self._query(cur, "SELECT doc FROM {units}")]
        return sorted(units, key=lambda unit: (unit.order, unit.name))

    @lookup
    def unit(self, unit_id: str) -> Unit | None:
        rows = self._query(None, "SELECT doc FROM {units} WHERE id = %s", (unit_id,))
        return codec.unit_from(rows[0][0]) if rows else None

    @guarded
    def save_units(self, units: Iterable[Unit]) -> list[Unit]:
        """Add or update units in one save; a unit without an id is given one."""
        with self._writing(DISTRICT_LOCK) as cur:
            existing = self._units(cur)
            given = list(units)
            saved: list[Unit] = []
            for unit in given:
                if not unit.id:
                    # Past every id in use, those later in this batch included (as the folder).
                    unit = replace(unit, id=next_unit_id([*existing, *saved, *given]))
                saved.append(unit)
            docs = {unit.id: (unit, codec.unit_doc(unit)) for unit in saved}  # the last wins
            self._query(cur, "DELETE FROM {units} WHERE id = ANY(%s)", (list(docs),))
            cur.executemany(
                sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s, %s)").format(
                    self._table("units")
                ),
                [
                    (u.id, u.name, u.kind.value, u.order, u.active, Jsonb(doc))
                    for u, doc in docs.values()
                ],
            )
            return saved

    def save_unit(self, unit: Unit) -> Unit:
        return self.save_units([unit])[0]

    # --- metrics, targets, readings -------------------------------------------------------
    @lookup
    def metrics(self) -> list[Metric]:
        rows = self._query(None, "SELECT doc FROM {metrics} ORDER BY position")
        return [codec.metric_from(doc) for (doc,) in rows] if rows else default_metrics()

    @guarded
    def save_metrics(self, metrics: Iterable[Metric]) -> None:
        """Replace the metric definitions, in one transaction. Refused, with nothing
        changed, when the new set leaves out a metric with readings or targets (named: it
        must be retired, not dropped), as the folder store refuses it."""
        metrics = list(metrics)
        rows = [
            (n, m.key, m.kind.value, Jsonb(codec.metric_doc(m)))
            for n, m in enumerate(metrics, start=1)
        ]
        with self._writing(DISTRICT_LOCK) as cur:
            used = "SELECT metric FROM {readings} UNION SELECT metric FROM {targets}"
            in_use = {str(key) for (key,) in self._query(cur, used)}
            refusal = replacement_refusal(metrics, in_use)
            if refusal is not None:
                raise refusal
            self._query(cur, "DELETE FROM {metrics}")
            insert = sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s)")
            cur.executemany(insert.format(self._table("metrics")), rows)

    @lookup
    def targets(self, year: int | None = None) -> list[Target]:
        if year is None:
            rows = self._query(None, "SELECT doc FROM {targets} ORDER BY seq")
        else:
            text = "SELECT doc FROM {targets} WHERE year = %s ORDER BY seq"
            rows = self._query(None, text, (year,))
        return [codec.target_from(doc) for (doc,) in rows]

    @guarded
    def save_targets(self, targets: Iterable[Target]) -> int:
        """Set annual targets (one per unit, metric and year), in one save."""
        rows = []
        for target in targets:
            doc = codec.target_doc(target)
            key = (doc["unit"], doc["metric"], doc["year"])
            rows.append((key, (float(doc["value"]),), doc))
        with self._writing(DISTRICT_LOCK) as cur:
            return self._upsert(cur, "targets", ("unit_id", "metric", "year"), rows)

    @lookup
    def readings(self, years: Iterable[int]) -> list[Reading]:
        wanted = list(years)
        text = "SELECT year, doc FROM {readings} WHERE year = ANY(%s) ORDER BY year, seq"
        by_year: dict[int, list[Reading]] = {}
        for year, doc in self._query(None, text, (wanted,)):
            by_year.setdefault(year, []).append(codec.reading_from(doc))
        return [reading for year in wanted for reading in by_year.get(year, [])]

    @lookup
    def reading_years(self) -> list[int]:
        rows = self._query(None, "SELECT DISTINCT year FROM {readings} ORDER BY year")
        return [year for (year,) in rows]

    @guarded
    def save_readings(self, readings: Iterable[Reading]) -> int:
        """Set year-to-date readings, in one transaction."""
        rows = []
        for reading in readings:
            doc = codec.reading_doc(reading)
            key = (doc["unit"], doc["metric"], doc["period"])
            rows.append((key, (reading.period.year, float(doc["value"])), doc))
        with self._writing(DISTRICT_LOCK) as cur:
            return self._upsert(cur, "readings", ("unit_id", "metric", "period"), rows)

    def figures(self, period: Period) -> Figures:
        """What a scorecard for `period` needs: this year's and last year's readings."""
        years = (period.year - 1, period.year)
        return Figures(self.readings(years), self.targets(period.year))

    def latest_reading_period(self) -> Period | None:
        years = self.reading_years()
        return Figures(self.readings(years[-1:])).latest_period() if years else None

    def _upsert(
        self,
        cur: Cursor[Row],
        table: str,
        key_columns: tuple[str, str, str],
        rows: list[tuple[tuple[Any, ...], tuple[Any, ...], Doc]],
    ) -> int:
        """Add or replace records by key; a replaced one keeps its place (seq), as the
        folder's does; within a batch the last of one key wins."""
        if not rows:
            return 0
        keys = sql.SQL(", ").join(map(sql.Identifier, key_columns))
        found = sql.SQL("SELECT {}, seq FROM {} WHERE {} = ANY(%s)").format(
            keys, self._table(table), sql.Identifier(key_columns[0])
        )
        cur.execute(found, (sorted({key[0] for key, _, _ in rows}),))
        places: dict[tuple[Any, ...], int] = {tuple(row[:3]): row[3] for row in cur.fetchall()}
        cur.execute(sql.SQL("SELECT coalesce(max(seq), 0) FROM {}").format(self._table(table)))
        last = cur.fetchone()
        next_seq = int(last[0]) + 1 if last else 1
        latest: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        replaced = []
        for key, values, doc in rows:
            if key in places and key not in latest:
                replaced.append(key)
            elif key not in places:
                places[key], next_seq = next_seq, next_seq + 1
            latest[key] = (*key, *values, places[key], Jsonb(doc))
        where = sql.SQL(" AND ").join(
            sql.SQL("{} = %s").format(sql.Identifier(c)) for c in key_columns
        )
        cur.executemany(
            sql.SQL("DELETE FROM {} WHERE {}").format(self._table(table), where), replaced
        )
        marks = sql.SQL(", ").join(sql.Placeholder() * len(next(iter(latest.values()))))
        cur.executemany(
            sql.SQL("INSERT INTO {} VALUES ({})").format(self._table(table), marks),
            list(latest.values()),
        )
        return len(rows)
