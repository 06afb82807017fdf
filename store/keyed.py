"""Tables whose records are named by a key, not an id (targets, readings): a save puts
each record in place of the one with its key, or adds it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from store.tablefile import TableFile

Key = Callable[[dict[str, Any]], tuple[Any, ...]]


def upsert_keyed(
    file: TableFile,
    table: str,
    records: Iterable[Any],
    encode: Callable[[Any], dict[str, Any]],
    key: Key,
) -> int:
    docs = file.docs(table)
    by_key = {key(doc): doc_id for doc_id, doc in docs.items()}
    next_doc = max(docs, default=0) + 1
    changes = []
    for record in records:
        doc = encode(record)
        doc_id = by_key.get(key(doc))
        if doc_id is None:
            doc_id, next_doc = next_doc, next_doc + 1
            by_key[key(doc)] = doc_id
        changes.append((doc_id, doc))
    if changes:
        file.replace_all({table: changes})
    return len(changes)


def target_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (doc["unit"], doc["metric"], doc["year"])


def reading_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (doc["unit"], doc["metric"], doc["period"])
