"""The meeting domain: units, metrics, templates, meetings, commitments, scorecard, review.

Plain data and pure functions. Nothing here imports Textual, Rich, TinyDB or the store.
"""
