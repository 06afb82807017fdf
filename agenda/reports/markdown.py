"""A document as Markdown: what is pasted into a chat group or printed as it is."""

from __future__ import annotations

from agenda.reports.cells import display
from agenda.reports.document import Block, Bullets, Document, Heading, Kind, Paragraph, Table


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


def _blocks(blocks: tuple[Block, ...], level: int = 0) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            depth = min(block.level + 1 + level, 6)
            lines += ["#" * depth + " " + block.text.replace("\n", " "), ""]
        elif isinstance(block, Paragraph):
            # Markdown bolds nothing that ends in a space: the space goes after.
            bare = block.lead.rstrip()
            lead = f"**{bare}**{block.lead[len(bare) :]}" if bare else ""
            lines += [lead + block.text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}".replace("\n", " ") for item in block.items] + [""]
        else:
            lines += [*table_markdown(block), ""]
    return lines


def render_markdown(document: Document) -> str:
    """The parts of a 公文 in reading order: 文号, title, 主送, body, 附件说明, 署名 and
    日期, each 附件 under its own heading, 抄送."""
    chinese = document.lang == "zh"
    lines = [document.number, ""] if document.number else []
    lines += [f"# {document.title}", ""]
    if document.addressee:
        lines += [document.addressee, ""]
    lines += _blocks(document.blocks)
    for index, annex in enumerate(document.annexes, start=1):
        number = f"{index}．" if chinese else f"{index}. "
        lead = ("附件：" if chinese else "Annex: ") if index == 1 else ""
        lines += [f"{lead}{number if len(document.annexes) > 1 else ''}{annex.title}", ""]
    if document.signature:
        lines += [document.signature, ""]
    if document.dated:
        day = document.dated
        said = f"{day.year}年{day.month}月{day.day}日" if chinese else day.isoformat()
        lines += [said, ""]
    for index, annex in enumerate(document.annexes, start=1):
        label = ("附件" if chinese else "Annex ") + (
            str(index) if len(document.annexes) > 1 else ""
        )
        lines += ["---", "", label.strip(), "", f"## {annex.title}", ""]
        lines += _blocks(annex.blocks, level=1)
    if document.copies:
        lines += ["---", "", ("抄送：" if chinese else "Copies: ") + document.copies, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
