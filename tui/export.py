"""Exports the app binds to keys: the minutes of a meeting, the bulletin of a month.

Files go to $DIAODU_EXPORTS, else the data folder's `exports` setting, else
<Documents>/diaodu/. Each function writes every format and returns the paths, for the
screen to show (`exported_message`); no Textual here. A file that cannot be written
(open in Word on Windows, a full disk) raises DiaoduError with the path.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from agenda.periods import Period
from agenda.reports.files import write_atomic
from tui.context import Context
from tui.i18n import Catalog

EXPORTS_ENV = "DIAODU_EXPORTS"


def exports_folder(ctx: Context) -> Path:
    from_env = os.environ.get(EXPORTS_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    setting = ctx.store.settings().get("exports")
    if isinstance(setting, str) and setting.strip():
        return Path(setting.strip()).expanduser()
    return Path(platformdirs.user_documents_dir()) / "diaodu"


def export_minutes(ctx: Context, meeting_id: str) -> list[Path]:
    """The minutes as .md and .docx, in the language of the meeting's template."""
    from agenda.reports.markdown import render_markdown
    from agenda.reports.word import render_docx
    from agenda.templates import builtin_template
    from cli_reports import find_meeting, load_minutes

    meeting = find_meeting(ctx.store, meeting_id)
    lang = builtin_template(meeting.template).language
    document = load_minutes(ctx.store, meeting.id)
    # Named in the document's language: 会议纪要-2026-10.1.docx for a Chinese meeting.
    stem = exports_folder(ctx) / f"{Catalog(lang)('export.minutes_file')}-{meeting.id}"
    return [
        write_atomic(stem.with_name(stem.name + ".md"), render_markdown(document).encode("utf-8")),
        write_atomic(stem.with_name(stem.name + ".docx"), render_docx(document)),
    ]


def export_bulletin(ctx: Context, period: Period) -> list[Path]:
    """The bulletin as .md, .docx and .xlsx, in the app's language."""
    from agenda.reports.bulletin import bulletin_document, bulletin_sheets
    from agenda.reports.excel import render_xlsx
    from agenda.reports.markdown import render_markdown
    from agenda.reports.word import render_docx
    from cli_reports import load_bulletin

    bulletin = load_bulletin(ctx.store, period, ctx.today())
    document = bulletin_document(bulletin, ctx.lang)
    stem = exports_folder(ctx) / f"{ctx.t('export.bulletin_file')}-{period}"
    return [
        write_atomic(stem.with_name(stem.name + ".md"), render_markdown(document).encode("utf-8")),
        write_atomic(stem.with_name(stem.name + ".docx"), render_docx(document)),
        write_atomic(
            stem.with_name(stem.name + ".xlsx"), render_xlsx(bulletin_sheets(bulletin, ctx.lang))
        ),
    ]


def exported_message(ctx: Context, paths: list[Path]) -> str:
    """'已导出到 /home/x/Documents/diaodu：通报-2026-10.md、….docx' (wrap it in plain())."""
    if not paths:
        return ""
    separator = "、" if ctx.lang == "zh" else ", "
    files = separator.join(path.name for path in paths)
    return ctx.t("export.exported", folder=str(paths[0].parent), files=files)
