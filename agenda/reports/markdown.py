"""A document as Markdown: what is pasted into a chat group or printed as it is."""

from __future__ import annotations

from agenda.reports.cells import display
from agenda.reports.document import Bullets, Document, Heading, Kind, Paragraph, Table


def _cell(text: str) -> str:
    # A pipe would end the cell and a line break the row.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def table_markdown(table: Table) -> list[str]:
    rule = ["---" if column.kind in (Kind.TEXT, Kind.DATE) else "---:" for column in table.columns]
    lines = [
        "| " + " | ".join(_cell(header) for header in table.headers) + " |",
        "| " + " | ".join(rule) + " |",
    ]
    for row in table.rows:
        cells = (
            _cell(display(value, c.kind, c.digits))
            for value, c in zip(row, table.columns, strict=True)
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(document: Document) -> str:
    lines = [f"# {document.title}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + block.text.replace("\n", " "), ""]
        elif isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}".replace("\n", " ") for item in block.items] + [""]
        else:
            lines += [*table_markdown(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
