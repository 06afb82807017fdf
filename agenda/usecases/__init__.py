"""The jobs the command line and the app share: one typed function each, over the store's
contract (agenda/ports.py) and the district's clock. No Textual, no argparse here; the CLI
(app.py) and the screens (tui/) are thin callers of these.

    district.py   District: the store, the one clock, the settings
    meetings.py   the next meeting: plan, start; close, reopen, find one
    review.py     what the review (回头看) shows
    standings.py  the scorecard and the gaps of a month; who is behind pace
    reports.py    the minutes, the bulletin, the task table: reading only what each shows
    exporting.py  the office's files: their formats, where the app writes them
    importing.py  figures and units from a file: read and check, preview, commit
    defining.py   the metric set and the settings, as a district defines them
    templates.py  agenda templates: list, import, export; the one a meeting walks
    copying.py    a whole district from a folder to a server or back, as it is

Nothing is imported here: a client loads the jobs it does, and the app opens quickly.
"""
