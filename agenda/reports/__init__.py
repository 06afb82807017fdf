"""Reports: the minutes, the bulletin and the commitment table.

Each report is built as plain data (a `Document` of headings, paragraphs and typed tables)
from domain objects; renderers turn one document into Markdown, Word, Excel or CSV. The
store is never imported here: the CLI and the app fetch and pass what a report needs.
"""
