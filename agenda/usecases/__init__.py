"""Use cases: the jobs the CLI and the app both do, over the store's contract (agenda/ports.py)."""
